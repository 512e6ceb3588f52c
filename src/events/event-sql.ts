import { and, gt, isNull, or, type SQL } from 'drizzle-orm';
import { events } from './schema.js';

/** Events that are not deleted. */
export const liveEvent = isNull(events.deletedAt);

/** Events not yet over at an instant (the SQL form of eventIsOver). */
export function eventNotOverAt(at: Date): SQL {
  return or(gt(events.endsAt, at), and(isNull(events.endsAt), gt(events.startsAt, at))) as SQL;
}
