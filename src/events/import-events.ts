import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type CampaignRow, findCampaign } from '../campaigns/campaigns-service.js';
import type { AppDeps } from '../deps.js';
import { currentOrNextInterval } from '../windows/evaluate.js';
import { refreshEventSlidesQuietly } from './event-slides.js';
import { EVENT_TIME_ZONE } from './event-times.js';
import { eventColumns } from './event-columns.js';
import { countyFitsCampaign } from './events-service.js';
import { EventsFileSchema, resolveFileEvent } from './events-file.js';
import { events } from './schema.js';

export interface EventImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Events people changed or deleted through the API: the file no longer overwrites them. */
  keptAsEdited: number;
}

/** The ISO week-year a file's week days are read in: that of the campaign's current or next airing. */
export function editionWeekYear(campaign: Pick<CampaignRow, 'airing'>, now: Date): number {
  const interval = currentOrNextInterval(campaign.airing, now);
  return DateTime.fromJSDate(interval?.start ?? now, { zone: EVENT_TIME_ZONE }).weekYear;
}

async function readEventsFile(file: string): Promise<unknown | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Imports a campaign's events.json (see events-file.ts): creates missing events, updates those
 * whose resolved content changed (a new edition year moves them to that year's week), and leaves
 * alone events people changed or deleted through the API. Running it twice changes nothing. A
 * missing file imports nothing; an invalid one throws, naming the file and the fields. Afterwards
 * the programme slides of the counties in the file are brought up to date.
 */
export async function importCampaignEvents(
  deps: AppDeps,
  campaignId: string,
  file: string,
): Promise<EventImportSummary> {
  const summary: EventImportSummary = { created: 0, updated: 0, unchanged: 0, keptAsEdited: 0 };
  const content = await readEventsFile(file);
  if (content === null) return summary;
  const parsed = EventsFileSchema.safeParse(content);
  if (!parsed.success) {
    throw new Error(
      `${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const { db } = deps.database;
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new Error(`${file}: campaign ${campaignId} does not exist`);
  const now = deps.clock.now();
  const weekYear = editionWeekYear(campaign, now);
  const counties = new Set<string>();
  for (const entry of parsed.data.events) {
    const resolved = resolveFileEvent(parsed.data, entry, weekYear);
    if (!resolved.ok) throw new Error(`${file}: event ${entry.key}: ${resolved.detail}`);
    const { input } = resolved;
    if (!countyFitsCampaign(campaign, input.countyCode)) {
      throw new Error(
        `${file}: event ${entry.key} is in county ${input.countyCode}, outside campaign ${campaign.slug}`,
      );
    }
    counties.add(input.countyCode);
    const sourceKey = `events.json#${entry.key}`;
    const sourceHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const [existing] = await db
      .select({
        id: events.id,
        sourceHash: events.sourceHash,
        deletedAt: events.deletedAt,
        countyCode: events.countyCode,
      })
      .from(events)
      .where(and(eq(events.campaignId, campaign.id), eq(events.sourceKey, sourceKey)));
    if (!existing) {
      // Another instance importing at the same moment may have won: the unique key keeps one row.
      const inserted = await db
        .insert(events)
        .values({
          ...eventColumns(input),
          campaignId: campaign.id,
          sourceKey,
          sourceHash,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: events.id });
      summary[inserted.length ? 'created' : 'unchanged'] += 1;
    } else if (existing.deletedAt || existing.sourceHash === null) {
      summary.keptAsEdited += 1;
    } else if (existing.sourceHash === sourceHash) {
      summary.unchanged += 1;
    } else {
      counties.add(existing.countyCode);
      await db
        .update(events)
        .set({ ...eventColumns(input), sourceHash, revision: sql`${events.revision} + 1`, updatedAt: now })
        .where(eq(events.id, existing.id));
      summary.updated += 1;
    }
  }
  await refreshEventSlidesQuietly(
    deps,
    [...counties].map((countyCode) => ({ campaignId: campaign.id, countyCode })),
  );
  return summary;
}
