import { and, eq, isNotNull } from 'drizzle-orm';
import { campaigns } from '../campaigns/schema.js';
import { currentOrNextInterval } from '../windows/evaluate.js';
import { loadSocialArtwork } from './pack-store.js';
import { artworkByLanguage, ensurePackOf, type PackDeps } from './packs-service.js';

/** How far ahead of a download window packs are rendered, so the first morning is not a render storm. */
export const PACK_RENDER_AHEAD_DAYS = 14;

/** What one run of the pack job did. */
export interface PackJobSummary {
  campaigns: number;
  rendered: number;
  unchanged: number;
  rightsExpired: number;
  failed: number;
}

/**
 * Renders the packs of published campaigns whose download (ordering) window is open or opens
 * within `aheadDays`. Packs whose inputs are unchanged cost a query and a hash; changed ones
 * (new artwork, an edited alt text, expired rights) are rendered anew. One failing pack is logged
 * and does not stop the others.
 */
export async function renderUpcomingPacks(
  deps: PackDeps,
  now: Date,
  aheadDays = PACK_RENDER_AHEAD_DAYS,
): Promise<PackJobSummary> {
  const summary: PackJobSummary = { campaigns: 0, rendered: 0, unchanged: 0, rightsExpired: 0, failed: 0 };
  const published = await deps.database.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.status, 'published'), isNotNull(campaigns.ordering)));
  const horizon = now.getTime() + aheadDays * 86_400_000;
  for (const campaign of published) {
    if (!campaign.ordering) continue;
    const interval = currentOrNextInterval(campaign.ordering, now, undefined, aheadDays + 1);
    if (!interval || interval.start.getTime() > horizon) continue;
    summary.campaigns += 1;
    const languages = artworkByLanguage(
      campaign,
      await loadSocialArtwork(deps.database.db, campaign.id),
      now,
    );
    for (const artwork of languages) {
      try {
        const result = await ensurePackOf(deps, campaign, artwork, now);
        if (result.status === 'ready') summary[result.rendered ? 'rendered' : 'unchanged'] += 1;
        else if (result.status === 'rights_expired') summary.rightsExpired += 1;
      } catch (error) {
        summary.failed += 1;
        deps.log.error(
          { err: error, campaignId: campaign.id, language: artwork.language },
          'pack render failed',
        );
      }
    }
  }
  return summary;
}
