import { and, eq, gt, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { eventSlides, events } from './schema.js';

/** Events that are not deleted. */
export const liveEvent = isNull(events.deletedAt);

/** Events not yet over at an instant (the SQL form of eventIsOver). */
export function eventNotOverAt(at: Date): SQL {
  return or(gt(events.endsAt, at), and(isNull(events.endsAt), gt(events.startsAt, at))) as SQL;
}

/**
 * The generated programme slides of a campaign. They come in Swedish and every other language
 * of the campaign that the bundled font can write (programmeLanguagesOf); a language it cannot
 * write (UNWRITABLE_LANGUAGES: Tigrinya) gets the Swedish slide on screens, so the publish gate
 * should not ask these slides for it.
 */
export async function programmeSlideIds(db: DbOrTx, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .select({ slideId: eventSlides.slideId })
    .from(eventSlides)
    .where(and(eq(eventSlides.campaignId, campaignId), isNotNull(eventSlides.slideId)));
  return new Set(rows.flatMap((row) => (row.slideId ? [row.slideId] : [])));
}
