/** Width and height in pixels. */
export interface Dimensions {
  width: number;
  height: number;
}

/** Resize the whole image to resizeWidth × resizeHeight, then cut the target box at left/top. */
export interface CropBox {
  resizeWidth: number;
  resizeHeight: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where to cut a target size out of an image so its focal point (0..1 each way) sits as close to
 * the middle of the cut as the image allows. The image is scaled to just cover the target
 * ("cover"), and the box is slid towards the focal point and clamped to the edges, so a focal
 * point near a corner gives a cut against that corner rather than empty margins.
 */
export function focalCropBox(
  source: Dimensions,
  target: Dimensions,
  focal: { x: number; y: number },
): CropBox {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  // Rounding can land a pixel short of the target on the covering side; never go below it.
  const resizeWidth = Math.max(target.width, Math.round(source.width * scale));
  const resizeHeight = Math.max(target.height, Math.round(source.height * scale));
  const left = clamp(
    Math.round(clamp01(focal.x) * resizeWidth - target.width / 2),
    0,
    resizeWidth - target.width,
  );
  const top = clamp(
    Math.round(clamp01(focal.y) * resizeHeight - target.height / 2),
    0,
    resizeHeight - target.height,
  );
  return { resizeWidth, resizeHeight, left, top, width: target.width, height: target.height };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? clamp(value, 0, 1) : 0.5;
}
