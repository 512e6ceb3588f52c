import type { Box } from './formats.js';

/**
 * Colours per campaign: dark, calm backgrounds with white text (contrast above 12:1) and one
 * light accent for the number to call or the address to visit (above 7:1 against the
 * background), so a slide reads from across a shop and survives a dim or glaring screen.
 */
export type Theme = {
  background: string;
  text: string;
  muted: string;
  accent: string;
  /** Text drawn on the accent colour. */
  onAccent: string;
};

export const THEMES = {
  together: {
    background: '#13233F',
    text: '#FFFFFF',
    muted: '#D5DDEA',
    accent: '#FFC845',
    onAccent: '#13233F',
  },
  county: {
    background: '#0D3A42',
    text: '#FFFFFF',
    muted: '#D2E7E9',
    accent: '#8FE0D3',
    onAccent: '#0D3A42',
  },
  jealousy: {
    background: '#3A1240',
    text: '#FFFFFF',
    muted: '#F1DDF0',
    accent: '#FF9AB3',
    onAccent: '#3A1240',
  },
  week: { background: '#1B1938', text: '#FFFFFF', muted: '#DEDCF0', accent: '#FFB357', onAccent: '#1B1938' },
  silence: {
    background: '#111111',
    text: '#FFFFFF',
    muted: '#DADADA',
    accent: '#FF8A66',
    onAccent: '#111111',
  },
} satisfies Record<string, Theme>;

/** Draws a campaign's symbol inside a box; simple flat shapes only, no text, no images. */
export type Motif = (box: Box, theme: Theme) => string;

const round = (value: number) => Math.round(value * 10) / 10;

/** Two linked rings: people standing together. */
export const ringsMotif: Motif = (box, theme) => {
  const r = box.width * 0.27;
  const stroke = box.width * 0.075;
  const cy = box.y + box.height / 2;
  const left = box.x + box.width / 2 - r * 0.62;
  const right = box.x + box.width / 2 + r * 0.62;
  // The left ring is drawn again as an arc over the right one, so the rings look linked.
  return [
    `<circle cx="${round(left)}" cy="${round(cy)}" r="${round(r)}" fill="none" stroke="${theme.accent}" stroke-width="${round(stroke)}"/>`,
    `<circle cx="${round(right)}" cy="${round(cy)}" r="${round(r)}" fill="none" stroke="${theme.text}" stroke-width="${round(stroke)}"/>`,
    `<path d="M ${round(left + r * 0.62)} ${round(cy - r * 0.785)} A ${round(r)} ${round(r)} 0 0 1 ${round(left + r)} ${round(cy)}" fill="none" stroke="${theme.accent}" stroke-width="${round(stroke)}"/>`,
  ].join('\n  ');
};

/** A map pin: help near where you live. */
export const pinMotif: Motif = (box, theme) => {
  const cx = box.x + box.width / 2;
  const r = box.width * 0.3;
  const cy = box.y + box.height * 0.38;
  const tip = box.y + box.height * 0.95;
  return [
    `<path d="M ${round(cx)} ${round(tip)} L ${round(cx - r * 0.87)} ${round(cy + r * 0.5)} A ${round(r)} ${round(r)} 0 1 1 ${round(cx + r * 0.87)} ${round(cy + r * 0.5)} Z" fill="${theme.accent}"/>`,
    `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r * 0.42)}" fill="${theme.background}"/>`,
  ].join('\n  ');
};

/** A heart with a crack through it: jealousy that hurts. */
export const crackedHeartMotif: Motif = (box, theme) => {
  const s = box.width;
  const px = (x: number) => round(box.x + s / 2 + x * s);
  const py = (y: number) => round(box.y + box.height / 2 + y * s);
  const heart =
    `M ${px(0)} ${py(0.36)} C ${px(-0.5)} ${py(0.02)} ${px(-0.52)} ${py(-0.42)} ${px(-0.24)} ${py(-0.42)} ` +
    `C ${px(-0.1)} ${py(-0.42)} ${px(0)} ${py(-0.34)} ${px(0)} ${py(-0.24)} ` +
    `C ${px(0)} ${py(-0.34)} ${px(0.1)} ${py(-0.42)} ${px(0.24)} ${py(-0.42)} ` +
    `C ${px(0.52)} ${py(-0.42)} ${px(0.5)} ${py(0.02)} ${px(0)} ${py(0.36)} Z`;
  const crack = [
    [0, -0.22],
    [-0.07, -0.08],
    [0.06, 0.04],
    [-0.05, 0.17],
    [0, 0.33],
  ]
    .map(([x, y], index) => `${index === 0 ? 'M' : 'L'} ${px(x ?? 0)} ${py(y ?? 0)}`)
    .join(' ');
  return [
    `<path d="${heart}" fill="${theme.accent}"/>`,
    `<path d="${crack}" fill="none" stroke="${theme.background}" stroke-width="${round(s * 0.045)}" stroke-linejoin="miter"/>`,
  ].join('\n  ');
};

/** A lit candle: the candle vigils of week 48. */
export const candleMotif: Motif = (box, theme) => {
  const cx = box.x + box.width / 2;
  const w = box.width * 0.26;
  const top = box.y + box.height * 0.45;
  const bottom = box.y + box.height * 0.97;
  const flameBase = top - box.height * 0.04;
  const flameTip = box.y + box.height * 0.08;
  const fw = w * 0.42;
  return [
    `<circle cx="${round(cx)}" cy="${round((flameTip + flameBase) / 2)}" r="${round(box.width * 0.24)}" fill="${theme.accent}" fill-opacity="0.18"/>`,
    `<path d="M ${round(cx)} ${round(flameTip)} C ${round(cx + fw * 1.1)} ${round(flameTip + (flameBase - flameTip) * 0.5)} ${round(cx + fw)} ${round(flameBase)} ${round(cx)} ${round(flameBase)} C ${round(cx - fw)} ${round(flameBase)} ${round(cx - fw * 1.1)} ${round(flameTip + (flameBase - flameTip) * 0.5)} ${round(cx)} ${round(flameTip)} Z" fill="${theme.accent}"/>`,
    `<rect x="${round(cx - box.width * 0.008)}" y="${round(flameBase)}" width="${round(box.width * 0.016)}" height="${round(top - flameBase)}" fill="${theme.muted}"/>`,
    `<rect x="${round(cx - w / 2)}" y="${round(top)}" width="${round(w)}" height="${round(bottom - top)}" rx="${round(w * 0.08)}" fill="${theme.text}"/>`,
  ].join('\n  ');
};

/** A speech bubble with an exclamation mark: speaking up. */
export const speechMotif: Motif = (box, theme) => {
  const stroke = box.width * 0.06;
  const x = box.x + stroke;
  const y = box.y + box.height * 0.12;
  const w = box.width - stroke * 2;
  const h = box.height * 0.62;
  const cx = box.x + box.width / 2;
  const tail = `M ${round(x + w * 0.22)} ${round(y + h)} L ${round(x + w * 0.16)} ${round(y + h + box.height * 0.2)} L ${round(x + w * 0.42)} ${round(y + h)}`;
  return [
    `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${round(h * 0.22)}" fill="none" stroke="${theme.accent}" stroke-width="${round(stroke)}"/>`,
    `<path d="${tail}" fill="${theme.background}" stroke="${theme.accent}" stroke-width="${round(stroke)}" stroke-linejoin="round"/>`,
    `<rect x="${round(cx - w * 0.045)}" y="${round(y + h * 0.18)}" width="${round(w * 0.09)}" height="${round(h * 0.42)}" rx="${round(w * 0.03)}" fill="${theme.text}"/>`,
    `<circle cx="${round(cx)}" cy="${round(y + h * 0.76)}" r="${round(w * 0.055)}" fill="${theme.text}"/>`,
  ].join('\n  ');
};
