import { and, asc, count, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { countyByCode, municipalityByCode } from '../regions/regions.js';
import { screens } from '../screens/schema.js';
import type { RegionFilter } from './region-filter.js';

/** The conditions for paired, unrevoked screens inside a region filter. */
function screensIn(filter: RegionFilter): SQL[] {
  const conditions: SQL[] = [isNull(screens.revokedAt)];
  if (filter.countyCode) conditions.push(eq(screens.countyCode, filter.countyCode));
  if (filter.municipalityCode) conditions.push(eq(screens.municipalityCode, filter.municipalityCode));
  return conditions;
}

/** Screens the offline job marked offline, in a region, longest silent first. */
export async function listOfflineScreens(db: Db, filter: RegionFilter, limit: number) {
  const where = and(...screensIn(filter), isNotNull(screens.offlineSince));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: screens.id,
        name: screens.name,
        storeCode: screens.storeCode,
        chain: screens.chain,
        countyCode: screens.countyCode,
        municipalityCode: screens.municipalityCode,
        lastSeenAt: screens.lastSeenAt,
        offlineSince: screens.offlineSince,
        lastHeartbeat: screens.lastHeartbeat,
      })
      .from(screens)
      .where(where)
      .orderBy(asc(screens.offlineSince), asc(screens.name))
      .limit(limit),
    db.select({ n: count() }).from(screens).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      storeCode: row.storeCode,
      chain: row.chain,
      countyCode: row.countyCode,
      municipalityCode: row.municipalityCode,
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      offlineSince: (row.offlineSince as Date).toISOString(),
      playerVersion: row.lastHeartbeat?.playerVersion ?? null,
    })),
  };
}

interface FleetCounts {
  screens: number;
  online: number;
  offline: number;
}

const counts = {
  screens: sql<number>`count(*)::int`.mapWith(Number),
  online: sql<number>`count(*) filter (where ${screens.offlineSince} is null)::int`.mapWith(Number),
  offline: sql<number>`count(*) filter (where ${screens.offlineSince} is not null)::int`.mapWith(Number),
};

/**
 * Screens online and offline per county in a region, and per municipality when the region is one
 * county or municipality. "Offline" is what the offline job decided, so the numbers match the
 * offline list.
 */
export async function summariseFleet(db: Db, filter: RegionFilter) {
  const where = and(...screensIn(filter));
  const byCounty = await db
    .select({ countyCode: screens.countyCode, ...counts })
    .from(screens)
    .where(where)
    .groupBy(screens.countyCode)
    .orderBy(screens.countyCode);
  const byMunicipality = filter.countyCode
    ? await db
        .select({ municipalityCode: screens.municipalityCode, ...counts })
        .from(screens)
        .where(where)
        .groupBy(screens.municipalityCode)
        .orderBy(screens.municipalityCode)
    : null;
  const totals = byCounty.reduce<FleetCounts>(
    (sum, row) => ({
      screens: sum.screens + row.screens,
      online: sum.online + row.online,
      offline: sum.offline + row.offline,
    }),
    { screens: 0, online: 0, offline: 0 },
  );
  return {
    counties: byCounty.map((row) => ({ ...row, countyName: countyByCode(row.countyCode)?.name ?? null })),
    ...(byMunicipality && {
      municipalities: byMunicipality.map((row) => ({
        ...row,
        municipalityName: municipalityByCode(row.municipalityCode)?.name ?? null,
      })),
    }),
    totals,
  };
}
