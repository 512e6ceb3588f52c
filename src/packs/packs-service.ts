import type { Actor } from '../accounts/actor.js';
import { rightsAreValid } from '../assets/rights.js';
import {
  actorMaySeeCampaign,
  type CampaignRow,
  findCampaign,
  windowState,
} from '../campaigns/campaigns-service.js';
import type { AppDeps } from '../deps.js';
import { type PackCampaign, type PackPlan, planPack } from './pack-plan.js';
import {
  findPack,
  loadSocialArtwork,
  type PackRow,
  packsOfCampaign,
  removeSupersededPacks,
  type SocialArtwork,
  savePack,
} from './pack-store.js';
import { renderPackZip } from './render-pack.js';

/** What the pack services need from the app. */
export type PackDeps = Pick<AppDeps, 'database' | 'storage' | 'log'>;

/** A language's social artwork at an instant: what may go into a pack, and how much has expired. */
export interface LanguageArtwork {
  language: string;
  valid: SocialArtwork[];
  expired: number;
}

/**
 * The languages that have social artwork, in the campaign's language order. There is no fallback
 * to Swedish artwork: a pack exists only for a language with its own social images, because a
 * Swedish image handed out as the Arabic pack would mislead the people who download it.
 */
export function artworkByLanguage(
  campaign: Pick<CampaignRow, 'languages'>,
  artwork: SocialArtwork[],
  at: Date,
): LanguageArtwork[] {
  const byLanguage = new Map<string, LanguageArtwork>();
  for (const item of artwork) {
    const entry = byLanguage.get(item.language) ?? { language: item.language, valid: [], expired: 0 };
    if (rightsAreValid(item.rightsExpiry, at)) entry.valid.push(item);
    else entry.expired += 1;
    byLanguage.set(item.language, entry);
  }
  const rank = (language: string) => {
    const index = campaign.languages.indexOf(language);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...byLanguage.values()].sort(
    (a, b) => rank(a.language) - rank(b.language) || a.language.localeCompare(b.language),
  );
}

/** The campaign fields a pack depends on. */
export function packCampaignOf(campaign: CampaignRow): PackCampaign {
  const { id, slug, title, summary, description, airing, ordering } = campaign;
  return { id, slug, title, summary, description, airing, ordering };
}

export type EnsurePackResult =
  | { status: 'ready'; pack: PackRow; plan: PackPlan; rendered: boolean }
  | { status: 'no_artwork' }
  | { status: 'rights_expired' };

// Renders in progress in this process, so simultaneous requests for a missing pack render it once.
const rendersInFlight = new Map<string, Promise<PackRow>>();

/** The social artwork of one language at an instant, or null when the language has none at all. */
export async function languageArtworkOf(
  deps: PackDeps,
  campaign: CampaignRow,
  language: string,
  now: Date,
): Promise<LanguageArtwork | null> {
  const languages = artworkByLanguage(campaign, await loadSocialArtwork(deps.database.db, campaign.id), now);
  return languages.find((entry) => entry.language === language) ?? null;
}

/**
 * The current pack of a campaign and language, rendered now if its inputs changed or it was never
 * rendered. Artwork whose rights ran out at `now` is left out (its old pack is removed); when
 * nothing is left the answer is rights_expired.
 */
export async function ensurePack(
  deps: PackDeps,
  campaign: CampaignRow,
  language: string,
  now: Date,
): Promise<EnsurePackResult> {
  return ensurePackOf(deps, campaign, await languageArtworkOf(deps, campaign, language, now), now);
}

/** ensurePack for artwork the caller already loaded with languageArtworkOf. */
export async function ensurePackOf(
  deps: PackDeps,
  campaign: CampaignRow,
  artwork: LanguageArtwork | null,
  now: Date,
): Promise<EnsurePackResult> {
  if (!artwork) return { status: 'no_artwork' };
  const { language } = artwork;
  if (artwork.valid.length === 0) {
    await removeSupersededPacks(deps.database.db, deps.storage, campaign.id, language, null);
    return { status: 'rights_expired' };
  }
  const plan = planPack(packCampaignOf(campaign), language, artwork.valid);
  const existing = await findPack(deps.database.db, campaign.id, language, plan.inputsKey);
  if (existing && (await deps.storage.has(existing.zipHash)))
    return { status: 'ready', pack: existing, plan, rendered: false };
  const pack = await renderOnce(deps, plan, now);
  return { status: 'ready', pack, plan, rendered: true };
}

function renderOnce(deps: PackDeps, plan: PackPlan, now: Date): Promise<PackRow> {
  const key = `${plan.campaignId}/${plan.language}/${plan.inputsKey}`;
  const running = rendersInFlight.get(key);
  if (running) return running;
  const render = renderAndSave(deps, plan, now).finally(() => rendersInFlight.delete(key));
  rendersInFlight.set(key, render);
  return render;
}

async function renderAndSave(deps: PackDeps, plan: PackPlan, now: Date): Promise<PackRow> {
  const started = performance.now();
  const zip = await renderPackZip(deps.storage, plan);
  const pack = await savePack(deps.database.db, plan, zip, now);
  await removeSupersededPacks(deps.database.db, deps.storage, plan.campaignId, plan.language, plan.inputsKey);
  deps.log.info(
    {
      campaignId: plan.campaignId,
      language: plan.language,
      bytes: zip.bytes,
      files: plan.fileCount,
      ms: Math.round(performance.now() - started),
    },
    'pack rendered',
  );
  return pack;
}

/** One language's pack as the catalogue shows it. */
export interface PackSummary {
  language: string;
  imageCount: number;
  fileCount: number;
  /** Null until the pack with the current inputs has been rendered. */
  bytes: number | null;
  renderedAt: Date | null;
}

/** The packs a campaign offers at an instant (languages with artwork whose rights are valid). */
export async function summarisePacks(
  deps: PackDeps,
  campaign: CampaignRow,
  now: Date,
): Promise<PackSummary[]> {
  const db = deps.database.db;
  const languages = artworkByLanguage(campaign, await loadSocialArtwork(db, campaign.id), now).filter(
    (entry) => entry.valid.length > 0,
  );
  const rendered = await packsOfCampaign(db, campaign.id);
  return languages.map((entry) => {
    const plan = planPack(packCampaignOf(campaign), entry.language, entry.valid);
    const row = rendered.find(
      (pack) => pack.language === entry.language && pack.inputsKey === plan.inputsKey,
    );
    return {
      language: entry.language,
      imageCount: entry.valid.length,
      fileCount: plan.fileCount,
      bytes: row?.bytes ?? null,
      renderedAt: row?.renderedAt ?? null,
    };
  });
}

/** A campaign's packs for the catalogue, or null when the actor may not see the campaign. */
export async function listCampaignPacks(deps: PackDeps, actor: Actor, campaignIdOrSlug: string, now: Date) {
  const campaign = await findCampaign(deps.database.db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign(actor, campaign)) return null;
  const downloadWindow = campaign.ordering ? windowState(campaign.ordering, now) : null;
  const packs = await summarisePacks(deps, campaign, now);
  return { campaign, downloadWindow, packs, downloadableNow: downloadWindow?.open === true };
}
