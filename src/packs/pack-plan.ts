import { createHash } from 'node:crypto';
import type { LocalizedText } from '../i18n/languages.js';
import type { Window } from '../windows/window-schema.js';
import { captionsFileName, imageBaseName, imagePathInZip, README_FILE_NAME } from './pack-names.js';
import { captionsText, readmeText } from './pack-texts.js';
import { PLATFORM_SIZES, PLATFORM_SIZES_VERSION, type PlatformSize } from './platform-sizes.js';

/**
 * Bump when the renderer's output changes for the same inputs (encoder settings, crop rules, text
 * layout): it is part of the inputs key, so every pack re-renders once.
 */
export const PACK_RENDERER_VERSION = 1;

/** JPEG quality of every cut; the benchmark's vips reference uses the same. */
export const PACK_JPEG_QUALITY = 85;

/** The campaign fields a pack is made from. */
export interface PackCampaign {
  id: string;
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  airing: Window;
  ordering: Window | null;
}

/** One social image of the campaign in the pack's language, with valid rights. */
export interface PackArtwork {
  assetId: string;
  masterHash: string;
  format: string;
  width: number | null;
  height: number | null;
  altText: string | null;
  focalX: number | null;
  focalY: number | null;
  rightsExpiry: string | null;
}

/** One cut of one artwork to one platform size. */
export interface PackImageEntry {
  path: string;
  artworkIndex: number;
  size: PlatformSize;
}

/** Everything the renderer needs, decided before any pixel is touched. */
export interface PackPlan {
  campaignId: string;
  language: string;
  artwork: PackArtwork[];
  /** Ordered artwork by artwork, so only one master is ever loaded at a time. */
  images: PackImageEntry[];
  texts: Array<{ path: string; content: string }>;
  fileCount: number;
  /** sha256 of every input that shapes the zip; equal keys mean equal packs. */
  inputsKey: string;
}

/** Lays out a pack (file names, texts, cuts) and computes its inputs key. Pure. */
export function planPack(campaign: PackCampaign, language: string, artwork: PackArtwork[]): PackPlan {
  const baseNames = artwork.map((_, index) => imageBaseName(campaign.slug, language, index + 1));
  const images = artwork.flatMap((_, artworkIndex) =>
    PLATFORM_SIZES.map((size) => ({
      path: imagePathInZip(size, baseNames[artworkIndex] as string),
      artworkIndex,
      size,
    })),
  );
  const texts = [
    { path: README_FILE_NAME, content: readmeText(campaign, language, artwork, PLATFORM_SIZES) },
    { path: captionsFileName(language), content: captionsText(campaign, language, artwork, baseNames) },
  ];
  const inputsKey = packInputsKey({
    renderer: PACK_RENDERER_VERSION,
    sizesVersion: PLATFORM_SIZES_VERSION,
    sizes: PLATFORM_SIZES,
    quality: PACK_JPEG_QUALITY,
    language,
    artwork: artwork.map((item) => [
      item.masterHash,
      item.format,
      item.width,
      item.height,
      item.focalX,
      item.focalY,
    ]),
    images: images.map((image) => image.path),
    // The texts carry the campaign's title, summary, description, windows and each alt text.
    texts,
  });
  return {
    campaignId: campaign.id,
    language,
    artwork,
    images,
    texts,
    fileCount: images.length + texts.length,
    inputsKey,
  };
}

/** sha256 of a JSON value; the value must be built in a fixed key order (object literals are). */
function packInputsKey(inputs: unknown): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
