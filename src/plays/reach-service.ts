import { and, eq, gte, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { countyByCode, municipalityByCode } from '../regions/regions.js';
import { addDays, daysBetween, earlierDay, type LocalDay, localDayOf, localDayRange } from './local-days.js';
import { MAX_REACH_DAYS } from './play-limits.js';
import type { RegionFilter } from './region-filter.js';
import { plays, playScreenDays } from './schema.js';

export type ReachGrouping = 'county' | 'municipality';

/** What a reach report covers, after scope narrowing. */
export interface ReachRequest {
  from: LocalDay;
  to: LocalDay;
  filter: RegionFilter;
  campaignId: string | null;
  groupBy: ReachGrouping;
}

/** One day in one region. */
export interface ReachRow {
  day: LocalDay;
  countyCode: string;
  countyName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  plays: number;
  screenHours: number;
  screens: number;
}

export interface Reach {
  liveDay: LocalDay;
  rows: ReachRow[];
  totals: { plays: number; screenHours: number };
}

/** Why a day span cannot be reported, or null when it can. */
export function reachRangeProblem(from: LocalDay, to: LocalDay): string | null {
  const span = daysBetween(from, to);
  if (span < 0) return '`to` is before `from`.';
  if (span + 1 > MAX_REACH_DAYS) return `A report covers at most ${MAX_REACH_DAYS} days.`;
  return null;
}

interface CountedRow {
  day: string;
  countyCode: string;
  municipalityCode: string | null;
  plays: number;
  durationMs: number;
  screens: number;
}

/** Hours to three decimals from milliseconds. */
function hoursOf(durationMs: number): number {
  return Math.round(durationMs / 3600) / 1000;
}

/** The campaign and region conditions of a report, on whichever table holds those columns. */
function reportConditions(
  request: ReachRequest,
  columns: { campaignId: PgColumn; countyCode: PgColumn; municipalityCode: PgColumn },
): SQL[] {
  const conditions: SQL[] = [];
  if (request.campaignId) conditions.push(eq(columns.campaignId, request.campaignId));
  if (request.filter.countyCode) conditions.push(eq(columns.countyCode, request.filter.countyCode));
  if (request.filter.municipalityCode)
    conditions.push(eq(columns.municipalityCode, request.filter.municipalityCode));
  return conditions;
}

/** Days before today, from the per-screen daily rollups. */
async function countRolledUpDays(db: Db, request: ReachRequest, lastDay: LocalDay): Promise<CountedRow[]> {
  const t = playScreenDays;
  const byMunicipality = request.groupBy === 'municipality';
  const municipality = byMunicipality ? sql<string | null>`${t.municipalityCode}` : sql<string | null>`null`;
  const groups = byMunicipality ? [t.day, t.countyCode, t.municipalityCode] : [t.day, t.countyCode];
  const conditions = [gte(t.day, request.from), lte(t.day, lastDay), ...reportConditions(request, t)];
  return db
    .select({
      day: t.day,
      countyCode: t.countyCode,
      municipalityCode: municipality,
      plays: sql<number>`sum(${t.plays})::int`.mapWith(Number),
      durationMs: sql<number>`sum(${t.durationMs})::float8`.mapWith(Number),
      screens: sql<number>`count(distinct ${t.screenId})::int`.mapWith(Number),
    })
    .from(t)
    .where(and(...conditions))
    .groupBy(...groups)
    .orderBy(...groups);
}

/** Today, counted live from raw plays (the rollup job has not closed the day yet). */
async function countLiveDay(db: Db, request: ReachRequest, day: LocalDay): Promise<CountedRow[]> {
  const { start, end } = localDayRange(day);
  const byMunicipality = request.groupBy === 'municipality';
  const municipality = byMunicipality
    ? sql<string | null>`${plays.municipalityCode}`
    : sql<string | null>`null`;
  const groups = byMunicipality ? [plays.countyCode, plays.municipalityCode] : [plays.countyCode];
  const conditions = [
    gte(plays.startedAt, start),
    lt(plays.startedAt, end),
    isNotNull(plays.campaignId),
    ...reportConditions(request, plays),
  ];
  const rows = await db
    .select({
      countyCode: plays.countyCode,
      municipalityCode: municipality,
      plays: sql<number>`count(*)::int`.mapWith(Number),
      durationMs: sql<number>`sum(${plays.durationMs})::float8`.mapWith(Number),
      screens: sql<number>`count(distinct ${plays.screenId})::int`.mapWith(Number),
    })
    .from(plays)
    .where(and(...conditions))
    .groupBy(...groups)
    .orderBy(...groups);
  return rows.map((row) => ({ day, ...row }));
}

/**
 * Plays, screen-hours and reporting screens per local day and region. Days before today come
 * from the rollups (the rollup job keeps them current, late batches included); today is counted
 * from raw plays so a coordinator sees this morning's plays at once.
 */
export async function readReach(db: Db, request: ReachRequest, now: Date): Promise<Reach> {
  const liveDay = localDayOf(now);
  const yesterday = addDays(liveDay, -1);
  const lastRolledUp = earlierDay(request.to, yesterday);
  const counted = [
    ...(request.from <= lastRolledUp ? await countRolledUpDays(db, request, lastRolledUp) : []),
    ...(request.from <= liveDay && liveDay <= request.to ? await countLiveDay(db, request, liveDay) : []),
  ];
  const rows = counted.map((row) => ({
    day: row.day,
    countyCode: row.countyCode,
    countyName: countyByCode(row.countyCode)?.name ?? null,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityCode ? (municipalityByCode(row.municipalityCode)?.name ?? null) : null,
    plays: row.plays,
    screenHours: hoursOf(row.durationMs),
    screens: row.screens,
  }));
  const totalMs = counted.reduce((sum, row) => sum + row.durationMs, 0);
  return {
    liveDay,
    rows,
    totals: { plays: rows.reduce((sum, row) => sum + row.plays, 0), screenHours: hoursOf(totalMs) },
  };
}
