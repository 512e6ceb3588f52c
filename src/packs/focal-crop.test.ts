import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focalCropBox } from './focal-crop.js';
import { PLATFORM_SIZES } from './platform-sizes.js';

describe('focalCropBox', () => {
  it('centres the cut on the focal point when the image allows it', () => {
    const box = focalCropBox(
      { width: 3000, height: 2000 },
      { width: 1080, height: 1920 },
      { x: 0.5, y: 0.5 },
    );
    expect(box).toEqual({
      resizeWidth: 2880,
      resizeHeight: 1920,
      left: 900,
      top: 0,
      width: 1080,
      height: 1920,
    });
  });

  it('slides the cut against the edge for a focal point near a corner', () => {
    const box = focalCropBox(
      { width: 3000, height: 2000 },
      { width: 1080, height: 1920 },
      { x: 0.98, y: 0.02 },
    );
    expect(box.left).toBe(2880 - 1080);
    expect(box.top).toBe(0);
  });

  it('treats a missing or wild coordinate as the middle or the edge', () => {
    expect(
      focalCropBox({ width: 2000, height: 1000 }, { width: 500, height: 500 }, { x: Number.NaN, y: 2 }).left,
    ).toBe(250);
  });

  it('always covers the target, stays inside the image, and keeps the focal point in the cut', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 8000 }),
        fc.integer({ min: 50, max: 8000 }),
        fc.constantFrom(...PLATFORM_SIZES),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (width, height, size, x, y) => {
          const box = focalCropBox({ width, height }, size, { x, y });
          expect(box.resizeWidth).toBeGreaterThanOrEqual(size.width);
          expect(box.resizeHeight).toBeGreaterThanOrEqual(size.height);
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.left + box.width).toBeLessThanOrEqual(box.resizeWidth);
          expect(box.top + box.height).toBeLessThanOrEqual(box.resizeHeight);
          const focusX = x * box.resizeWidth;
          const focusY = y * box.resizeHeight;
          expect(focusX).toBeGreaterThanOrEqual(box.left - 1);
          expect(focusX).toBeLessThanOrEqual(box.left + box.width + 1);
          expect(focusY).toBeGreaterThanOrEqual(box.top - 1);
          expect(focusY).toBeLessThanOrEqual(box.top + box.height + 1);
          // One side is covered exactly (no needless zoom), within a pixel of rounding.
          expect(Math.min(box.resizeWidth - size.width, box.resizeHeight - size.height)).toBeLessThanOrEqual(
            1,
          );
        },
      ),
    );
  });
});
