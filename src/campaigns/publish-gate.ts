import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { listCampaignAssets } from '../assets/assets-service.js';
import { assets } from '../assets/schema.js';
import type { DbOrTx } from '../db/client.js';
import { programmeSlideIds } from '../events/event-sql.js';
import { UNWRITABLE_LANGUAGES } from '../events/programme-words.js';
import { slideAssets, slides } from '../slides/schema.js';
import type { CampaignRow } from './campaigns-service.js';

/*
 * The publish gate: what must hold before a campaign goes out to screens and the public.
 * Pure rules over the campaign, its artwork and its slides; the loader below reads those rows.
 */

/** Words read per second, and the shortest time any slide stays up. */
export const READING_WORDS_PER_SECOND = 3;
export const MIN_SLIDE_SECONDS = 5;

export interface GateCampaign {
  languages: readonly string[];
  /** Per language, why slides may lack a variant in it; blank reasons do not count. */
  languageExemptions: Partial<Record<string, string>> | null;
}

export interface GateAsset {
  id: string;
  kind: 'image' | 'video' | 'pdf';
  language: string;
  altText: string | null;
  title: string | null;
}

export interface GateSlide {
  id: string;
  name: string;
  durationSeconds: number;
  /** Ids of its live variants (assets of the campaign). */
  assetIds: readonly string[];
  /**
   * Languages the slide is known not to come in, for a reason the service records itself: a
   * generated events programme cannot be written in a script the bundled font lacks.
   */
  languagesNotMade?: readonly string[];
}

export interface PublishGateInput {
  campaign: GateCampaign;
  assets: readonly GateAsset[];
  slides: readonly GateSlide[];
}

/** One reason a campaign may not be published, with what to fix and where (`field`). */
export type PublishProblem =
  | { code: 'alt_text_missing'; field: string; message: string; assetId: string; language: string }
  | { code: 'language_variant_missing'; field: string; message: string; slideId: string; language: string }
  | {
      code: 'duration_too_short';
      field: string;
      message: string;
      slideId: string;
      durationSeconds: number;
      neededSeconds: number;
      words: number;
    };

/** The words in a text, as a reader counts them (runs of letters or digits; punctuation is not a word). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** How long a slide needs so its text can be read: 3 words a second, never under 5 seconds. */
export function readingSeconds(text: string | null): number {
  const words = text ? countWords(text) : 0;
  return Math.max(MIN_SLIDE_SECONDS, Math.ceil(words / READING_WORDS_PER_SECOND));
}

/** Whether the campaign has recorded why its slides may lack a language. */
export function languageIsExempt(campaign: GateCampaign, language: string): boolean {
  return Boolean(campaign.languageExemptions?.[language]?.trim());
}

function altTextProblems(input: PublishGateInput): PublishProblem[] {
  // Every image may be shown somewhere (screens, packs, the catalogue), each in its own language.
  return input.assets
    .filter((asset) => asset.kind === 'image' && !asset.altText?.trim())
    .map((asset) => ({
      code: 'alt_text_missing' as const,
      field: `assets.${asset.id}.altText`,
      message: `Image ${asset.title ?? asset.id} (${asset.language}) has no alt text.`,
      assetId: asset.id,
      language: asset.language,
    }));
}

function languageProblems(input: PublishGateInput, byId: Map<string, GateAsset>): PublishProblem[] {
  const problems: PublishProblem[] = [];
  for (const slide of input.slides) {
    const present = new Set(slide.assetIds.flatMap((id) => byId.get(id)?.language ?? []));
    for (const language of input.campaign.languages) {
      if (present.has(language) || languageIsExempt(input.campaign, language)) continue;
      if (slide.languagesNotMade?.includes(language)) continue;
      problems.push({
        code: 'language_variant_missing',
        field: `slides.${slide.id}.variants.${language}`,
        message: `Slide "${slide.name}" has no variant in ${language}; add one or record why not.`,
        slideId: slide.id,
        language,
      });
    }
  }
  return problems;
}

function durationProblems(input: PublishGateInput, byId: Map<string, GateAsset>): PublishProblem[] {
  const problems: PublishProblem[] = [];
  for (const slide of input.slides) {
    const texts = slide.assetIds.map((id) => byId.get(id)?.altText ?? null);
    const words = Math.max(0, ...texts.map((text) => (text ? countWords(text) : 0)));
    const neededSeconds = Math.max(MIN_SLIDE_SECONDS, ...texts.map(readingSeconds));
    if (slide.durationSeconds >= neededSeconds) continue;
    problems.push({
      code: 'duration_too_short',
      field: `slides.${slide.id}.durationSeconds`,
      message: `Slide "${slide.name}" shows ${words} words for ${slide.durationSeconds} s; it needs at least ${neededSeconds} s.`,
      slideId: slide.id,
      durationSeconds: slide.durationSeconds,
      neededSeconds,
      words,
    });
  }
  return problems;
}

/**
 * Every problem that keeps a campaign from being published: images without alt text, slides
 * missing a declared language (unless a reason is recorded), slides too short to read. Empty
 * means the campaign may go out.
 */
export function checkPublishGate(input: PublishGateInput): PublishProblem[] {
  const byId = new Map(input.assets.map((asset) => [asset.id, asset]));
  return [...altTextProblems(input), ...languageProblems(input, byId), ...durationProblems(input, byId)];
}

/** Reads what the gate looks at: the campaign's live artwork and live slides with their live variants. */
export async function loadPublishGateInput(
  db: DbOrTx,
  campaign: Pick<CampaignRow, 'id' | 'languages' | 'languageExemptions'>,
): Promise<PublishGateInput> {
  const liveAssets = await listCampaignAssets(db, campaign.id);
  const slideRows = await db
    .select({ id: slides.id, name: slides.name, durationSeconds: slides.durationSeconds })
    .from(slides)
    .where(and(eq(slides.campaignId, campaign.id), isNull(slides.deletedAt)))
    .orderBy(asc(slides.position), asc(slides.createdAt), asc(slides.id));
  const variants = slideRows.length
    ? await db
        .select({ slideId: slideAssets.slideId, assetId: slideAssets.assetId })
        .from(slideAssets)
        .innerJoin(assets, eq(assets.id, slideAssets.assetId))
        .where(
          and(
            inArray(
              slideAssets.slideId,
              slideRows.map((row) => row.id),
            ),
            isNull(assets.deletedAt),
          ),
        )
    : [];
  const generated = await programmeSlideIds(db, campaign.id);
  return {
    campaign: { languages: campaign.languages, languageExemptions: campaign.languageExemptions },
    assets: liveAssets.map(({ id, kind, language, altText, title }) => ({
      id,
      kind,
      language,
      altText,
      title,
    })),
    slides: slideRows.map((slide) => ({
      ...slide,
      assetIds: variants.filter((variant) => variant.slideId === slide.id).map((variant) => variant.assetId),
      ...(generated.has(slide.id) ? { languagesNotMade: UNWRITABLE_LANGUAGES } : {}),
    })),
  };
}

/** The gate's problems for a campaign as it is stored now. */
export async function publishProblemsOf(
  db: DbOrTx,
  campaign: Pick<CampaignRow, 'id' | 'languages' | 'languageExemptions'>,
): Promise<PublishProblem[]> {
  return checkPublishGate(await loadPublishGateInput(db, campaign));
}
