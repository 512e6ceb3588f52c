/*
 * What the service derives from every image master. Renditions are content-addressed and cached
 * forever, so changing anything here changes their hashes: bump RENDITION_SPEC.version so stored
 * assets can be re-rendered deliberately.
 */

export type RenditionPurpose = 'screen' | 'thumbnail';

/** A box the image is fitted inside, keeping its aspect ratio and never enlarged past the master. */
export type RenditionTarget = { name: string; purpose: RenditionPurpose; width: number; height: number };

export type RasterEncoding = {
  jpeg: { quality: number; chromaSubsampling: '4:4:4' | '4:2:0' };
  png: { compressionLevel: number };
  webp: { quality: number; effort: number };
  avif: { quality: number; effort: number };
};

export type RenditionSpec = {
  version: number;
  targets: readonly RenditionTarget[];
  encoding: RasterEncoding;
  /** Extra encodings kept beside the base format only when they come out smaller. */
  modernFormats: readonly ('webp' | 'avif')[];
};

/** Screens in 16:9 both ways and in 4K; thumbnails by width, height capped for extreme strips. */
export const RENDITION_SPEC: RenditionSpec = {
  version: 1,
  targets: [
    { name: 'screen-1920x1080', purpose: 'screen', width: 1920, height: 1080 },
    { name: 'screen-1080x1920', purpose: 'screen', width: 1080, height: 1920 },
    { name: 'screen-3840x2160', purpose: 'screen', width: 3840, height: 2160 },
    { name: 'thumb-320', purpose: 'thumbnail', width: 320, height: 960 },
    { name: 'thumb-640', purpose: 'thumbnail', width: 640, height: 1920 },
  ],
  encoding: {
    // 4:4:4 keeps coloured text on coloured backgrounds (most campaign slides) free of fringes.
    jpeg: { quality: 85, chromaSubsampling: '4:4:4' },
    png: { compressionLevel: 9 },
    webp: { quality: 82, effort: 4 },
    // Effort 2: AVIF at effort 4 costs ~4x the time for ~25% fewer bytes on a 2-core machine.
    avif: { quality: 55, effort: 2 },
  },
  modernFormats: ['webp', 'avif'],
};

/** How masters are written: JPEG uploads stay JPEG, everything else becomes lossless PNG. */
export const MASTER_ENCODING = {
  jpeg: { quality: 92, chromaSubsampling: '4:4:4' as const },
  png: { compressionLevel: 6 },
  /** SVG is rasterised so its longer side has this many pixels: the largest screen rendition. */
  svgLongEdge: 3840,
};
