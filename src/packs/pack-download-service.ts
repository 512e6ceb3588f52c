import { eq } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { cacheSecondsFor } from '../assets/rights.js';
import { actorMaySeeCampaign, type CampaignRow, findCampaign } from '../campaigns/campaigns-service.js';
import type { Db } from '../db/client.js';
import { CONTENT_LANGUAGES } from '../i18n/languages.js';
import { currentOrNextInterval, describeWindow, isOpenAt, nextOpening } from '../windows/evaluate.js';
import type { Window } from '../windows/window-schema.js';
import { packFileName } from './pack-names.js';
import type { PackRow } from './pack-store.js';
import { ensurePackOf, languageArtworkOf, type PackDeps } from './packs-service.js';
import { packDownloads } from './schema.js';

/** The longest a browser may keep a downloaded pack before asking again. */
const MAX_PACK_CACHE_SECONDS = 3600;

export type PackDownloadDecision =
  | { ok: true; campaign: CampaignRow; pack: PackRow; fileName: string; cacheSeconds: number }
  | { ok: false; reason: 'campaign_not_found' | 'no_pack' | 'rights_expired' }
  | { ok: false; reason: 'window_closed'; opensAt: Date | null; window: { sv: string; en: string } | null };

/**
 * Whether a signed-in user may download a pack now, and which zip: the campaign must be visible,
 * the language must have social artwork, the download (ordering) window must be open, and some
 * artwork must still have valid rights. The pack is rendered here if it is missing.
 */
export async function preparePackDownload(
  deps: PackDeps,
  user: SignedInUser,
  campaignIdOrSlug: string,
  language: string,
  now: Date,
): Promise<PackDownloadDecision> {
  const campaign = await findCampaign(deps.database.db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, campaign)) {
    return { ok: false, reason: 'campaign_not_found' };
  }
  if (!(language in CONTENT_LANGUAGES)) return { ok: false, reason: 'no_pack' };
  const artwork = await languageArtworkOf(deps, campaign, language, now);
  if (!artwork) return { ok: false, reason: 'no_pack' };
  if (!campaign.ordering || !isOpenAt(campaign.ordering, now)) {
    return {
      ok: false,
      reason: 'window_closed',
      opensAt: campaign.ordering ? nextOpening(campaign.ordering, now) : null,
      window: campaign.ordering
        ? { sv: describeWindow(campaign.ordering, 'sv'), en: describeWindow(campaign.ordering, 'en') }
        : null,
    };
  }
  const result = await ensurePackOf(deps, campaign, artwork, now);
  if (result.status === 'no_artwork') return { ok: false, reason: 'no_pack' };
  if (result.status === 'rights_expired') return { ok: false, reason: 'rights_expired' };
  const cacheSeconds = Math.min(
    MAX_PACK_CACHE_SECONDS,
    secondsUntilWindowCloses(campaign.ordering, now),
    ...result.plan.artwork.map((item) => cacheSecondsFor(item.rightsExpiry, now)),
  );
  return {
    ok: true,
    campaign,
    pack: result.pack,
    fileName: packFileName(campaign.slug, language),
    cacheSeconds,
  };
}

function secondsUntilWindowCloses(window: Window, now: Date): number {
  const interval = currentOrNextInterval(window, now);
  if (!interval) return 0;
  return Math.max(0, Math.floor((interval.end.getTime() - now.getTime()) / 1000));
}

/**
 * Counts one download against the downloader's organisation and its region; a coordinator
 * without an organisation is counted in their own scope's region.
 */
export async function recordPackDownload(
  db: Db,
  user: SignedInUser,
  campaignId: string,
  language: string,
  at: Date,
): Promise<void> {
  let region = { countyCode: user.scopeCountyCode, municipalityCode: user.scopeMunicipalityCode };
  if (user.organisationId) {
    const [organisation] = await db
      .select({ countyCode: organisations.countyCode, municipalityCode: organisations.municipalityCode })
      .from(organisations)
      .where(eq(organisations.id, user.organisationId))
      .limit(1);
    if (organisation) region = organisation;
  }
  const countyCode =
    region.countyCode ?? (region.municipalityCode ? region.municipalityCode.slice(0, 2) : null);
  await db.insert(packDownloads).values({
    campaignId,
    language,
    organisationId: user.organisationId,
    userId: user.id,
    countyCode,
    municipalityCode: region.municipalityCode,
    at,
  });
}
