import { Readable } from 'node:stream';
import sharp, { type Sharp } from 'sharp';
import yazl from 'yazl';
import { useBundledFonts } from '../media/fonts.js';
import type { BlobStore, StoredBlob } from '../media/storage.js';
import { focalCropBox } from './focal-crop.js';
import { PACK_JPEG_QUALITY, type PackArtwork, type PackPlan } from './pack-plan.js';
import type { PlatformSize } from './platform-sizes.js';

/**
 * Every entry carries this modification time rather than the render time, so rendering the same
 * plan twice gives the same bytes and so the same zip hash.
 */
const ENTRY_MTIME = new Date('2020-01-01T12:00:00Z');

/**
 * Renders a planned pack into the blob store and answers the zip's hash and size.
 *
 * Memory stays flat: yazl asks for an entry's bytes only when the previous entry has been
 * written out (addReadStreamLazy), and its output is back-pressured by the store's writer, so at
 * any moment there is one master image (the one being cut) and one encoded cut in memory. The
 * entries are ordered artwork by artwork so each master is read once.
 */
export async function renderPackZip(storage: BlobStore, plan: PackPlan): Promise<StoredBlob> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  zip.on('error', (error: unknown) =>
    output.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  for (const text of plan.texts) {
    zip.addBuffer(Buffer.from(text.content, 'utf8'), text.path, { mtime: ENTRY_MTIME, compress: true });
  }
  const masters = new CurrentMaster(storage);
  for (const image of plan.images) {
    const artwork = plan.artwork[image.artworkIndex];
    if (!artwork) throw new Error(`plan refers to missing artwork ${image.artworkIndex}`);
    // JPEG does not deflate; storing saves CPU and lets a zip tool show true sizes.
    zip.addReadStreamLazy(image.path, { mtime: ENTRY_MTIME, compress: false }, (callback) => {
      masters
        .load(artwork.masterHash)
        .then((master) => cutForPlatform(master, artwork, image.size))
        .then(
          (jpeg) => callback(null, Readable.from([jpeg], { objectMode: false })),
          (error: unknown) => callback(error, undefined as never),
        );
    });
  }
  zip.end();
  return storage.put(output);
}

/** Cuts one platform size out of a master: around its focal point when set, else by attention. */
export async function cutForPlatform(
  master: Buffer,
  artwork: Pick<PackArtwork, 'format' | 'focalX' | 'focalY'>,
  size: PlatformSize,
): Promise<Buffer> {
  const input = await openMaster(master, artwork.format);
  const target = { width: size.width, height: size.height };
  const cut =
    artwork.focalX !== null && artwork.focalY !== null
      ? cutAroundFocalPoint(input, target, { x: artwork.focalX, y: artwork.focalY })
      : input.image.resize(target.width, target.height, { fit: 'cover', position: sharp.strategy.attention });
  return cut.flatten({ background: '#ffffff' }).jpeg({ quality: PACK_JPEG_QUALITY }).toBuffer();
}

interface OpenedMaster {
  image: Sharp;
  width: number;
  height: number;
}

/**
 * A sharp pipeline on the master with its pixel size. An SVG master needs no density of ours:
 * sharp renders vector input at the scale the resize asks for, so edges stay crisp.
 */
async function openMaster(master: Buffer, format: string): Promise<OpenedMaster> {
  if (format === 'svg') useBundledFonts();
  const metadata = await sharp(master).metadata();
  if (!metadata.width || !metadata.height) throw new Error('master image without dimensions');
  return { image: sharp(master), width: metadata.width, height: metadata.height };
}

function cutAroundFocalPoint(
  input: OpenedMaster,
  target: { width: number; height: number },
  focal: { x: number; y: number },
) {
  const box = focalCropBox({ width: input.width, height: input.height }, target, focal);
  return input.image
    .resize(box.resizeWidth, box.resizeHeight, { fit: 'fill' })
    .extract({ left: box.left, top: box.top, width: box.width, height: box.height });
}

/** Keeps only the master currently being cut, read whole from the store when it changes. */
class CurrentMaster {
  private current: { hash: string; bytes: Buffer } | null = null;
  constructor(private readonly storage: BlobStore) {}

  async load(hash: string): Promise<Buffer> {
    if (this.current?.hash === hash) return this.current.bytes;
    this.current = null;
    const stream = await this.storage.get(hash);
    if (!stream) throw new Error(`master ${hash} is missing from the blob store`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    this.current = { hash, bytes: Buffer.concat(chunks) };
    return this.current.bytes;
  }
}
