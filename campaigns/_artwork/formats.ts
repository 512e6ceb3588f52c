/** A rectangle in SVG user units. */
export type Box = { x: number; y: number; width: number; height: number };

export type FormatName = 'landscape' | 'portrait' | 'social' | 'print';

/**
 * Where things go on one canvas. Boxes are given for left-to-right languages; right-to-left
 * slides mirror them horizontally (see mirrorBox), so the motif sits on the side text ends.
 */
export type Format = {
  name: FormatName;
  width: number;
  height: number;
  margin: number;
  /** Multiplies the base text sizes, which are set for a 1920x1080 screen. */
  scale: number;
  kickerBaseline: number;
  motif: Box;
  text: Box;
  /** Baseline of the footer line, and the y of the rule above it. */
  footerBaseline: number;
  footerRule: number;
  /** Where the text sits vertically inside its box. */
  align: 'center' | 'top';
  /** Whether a coloured stripe runs along the reading-start edge. */
  stripe: boolean;
};

export const FORMATS: Record<FormatName, Format> = {
  landscape: {
    name: 'landscape',
    width: 1920,
    height: 1080,
    margin: 110,
    scale: 1,
    kickerBaseline: 140,
    motif: { x: 1420, y: 330, width: 390, height: 390 },
    text: { x: 110, y: 195, width: 1250, height: 710 },
    footerBaseline: 1015,
    footerRule: 930,
    align: 'center',
    stripe: true,
  },
  portrait: {
    name: 'portrait',
    width: 1080,
    height: 1920,
    margin: 90,
    scale: 1,
    kickerBaseline: 140,
    motif: { x: 330, y: 210, width: 420, height: 420 },
    text: { x: 90, y: 690, width: 900, height: 1000 },
    footerBaseline: 1845,
    footerRule: 1740,
    align: 'center',
    stripe: true,
  },
  social: {
    name: 'social',
    width: 1080,
    height: 1080,
    margin: 80,
    scale: 0.95,
    kickerBaseline: 0,
    motif: { x: 420, y: 70, width: 240, height: 240 },
    text: { x: 80, y: 330, width: 920, height: 600 },
    footerBaseline: 1030,
    footerRule: 945,
    align: 'center',
    stripe: false,
  },
  print: {
    name: 'print',
    // A3 (297 x 420 mm) at 10 units per millimetre: 254 dpi when rendered one unit per pixel.
    width: 2970,
    height: 4200,
    margin: 240,
    scale: 2.0,
    kickerBaseline: 380,
    motif: { x: 1035, y: 560, width: 900, height: 900 },
    text: { x: 240, y: 1600, width: 2490, height: 2000 },
    footerBaseline: 3980,
    footerRule: 3700,
    align: 'top',
    stripe: false,
  },
};

/** The same box reflected across the vertical centre line of a canvas. */
export function mirrorBox(box: Box, canvasWidth: number): Box {
  return { ...box, x: canvasWidth - box.x - box.width };
}

/** Orientation a format declares in the campaign definition. */
export function orientationOf(format: FormatName): 'landscape' | 'portrait' | 'any' {
  if (format === 'landscape') return 'landscape';
  if (format === 'social') return 'any';
  return 'portrait';
}
