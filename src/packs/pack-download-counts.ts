import { and, count, desc, eq, max, type SQL, sql } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { type Region, scopeCoversRegion, scopeRegionOf } from '../accounts/scope.js';
import { actorMaySeeCampaign, type CampaignRow, findCampaign } from '../campaigns/campaigns-service.js';
import type { Db } from '../db/client.js';
import { countyByCode } from '../regions/regions.js';
import { packDownloads } from './schema.js';

export type DownloadGrouping = 'organisation' | 'county';

export interface OrganisationDownloads {
  organisationId: string | null;
  organisationName: string | null;
  countyCode: string | null;
  municipalityCode: string | null;
  downloads: number;
  lastDownloadAt: Date;
}

export interface CountyDownloads {
  countyCode: string | null;
  countyName: string | null;
  downloads: number;
  lastDownloadAt: Date;
}

export type DownloadCountsResult =
  | {
      ok: true;
      campaign: CampaignRow;
      region: Region | null;
      groupBy: 'organisation';
      rows: OrganisationDownloads[];
    }
  | { ok: true; campaign: CampaignRow; region: Region | null; groupBy: 'county'; rows: CountyDownloads[] }
  | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * Which downloads of a campaign a coordinator may count: all of them when their scope covers the
 * campaign; only those in their own region when the campaign reaches into it (a county
 * coordinator following a national campaign in their county); none otherwise.
 * Answers the region filter (null = everything) or 'forbidden'.
 */
export function downloadCountScope(viewer: SignedInUser, campaign: Region): Region | null | 'forbidden' {
  if (scopeCoversRegion(viewer, campaign)) return null;
  if (viewer.role !== 'coordinator') return 'forbidden';
  const own = scopeRegionOf(viewer);
  if (!own || own.countyCode === '__none__') return 'forbidden';
  const campaignIsNational = campaign.countyCode === null && campaign.municipalityCode === null;
  const campaignHoldsViewer =
    campaign.municipalityCode === null &&
    campaign.countyCode !== null &&
    campaign.countyCode === own.countyCode;
  return campaignIsNational || campaignHoldsViewer ? own : 'forbidden';
}

/** Download counts of a campaign's packs, grouped by organisation or county, within the viewer's scope. */
export async function countPackDownloads(
  db: Db,
  viewer: SignedInUser,
  campaignIdOrSlug: string,
  groupBy: DownloadGrouping,
): Promise<DownloadCountsResult> {
  const campaign = await findCampaign(db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user: viewer, via: 'token' }, campaign))
    return { ok: false, reason: 'not_found' };
  const region = downloadCountScope(viewer, campaign);
  if (region === 'forbidden') return { ok: false, reason: 'forbidden' };
  const where: SQL[] = [eq(packDownloads.campaignId, campaign.id)];
  if (region?.municipalityCode) where.push(eq(packDownloads.municipalityCode, region.municipalityCode));
  else if (region) where.push(eq(packDownloads.countyCode, region.countyCode ?? '__none__'));
  if (groupBy === 'county') {
    const rows = await db
      .select({
        countyCode: packDownloads.countyCode,
        downloads: count(),
        lastDownloadAt: max(packDownloads.at),
      })
      .from(packDownloads)
      .where(and(...where))
      .groupBy(packDownloads.countyCode)
      .orderBy(desc(count()), packDownloads.countyCode);
    return {
      ok: true,
      campaign,
      region,
      groupBy,
      rows: rows.map((row) => ({
        countyCode: row.countyCode,
        countyName: row.countyCode ? (countyByCode(row.countyCode)?.name ?? null) : null,
        downloads: row.downloads,
        lastDownloadAt: asDate(row.lastDownloadAt),
      })),
    };
  }
  const rows = await db
    .select({
      organisationId: packDownloads.organisationId,
      organisationName: organisations.name,
      countyCode: packDownloads.countyCode,
      municipalityCode: packDownloads.municipalityCode,
      downloads: count(),
      lastDownloadAt: max(packDownloads.at),
    })
    .from(packDownloads)
    .leftJoin(organisations, eq(organisations.id, packDownloads.organisationId))
    .where(and(...where))
    .groupBy(
      packDownloads.organisationId,
      organisations.name,
      packDownloads.countyCode,
      packDownloads.municipalityCode,
    )
    .orderBy(desc(count()), sql`${organisations.name} nulls last`);
  return {
    ok: true,
    campaign,
    region,
    groupBy,
    rows: rows.map((row) => ({ ...row, lastDownloadAt: asDate(row.lastDownloadAt) })),
  };
}

// max() over a timestamp comes back as a string on some drivers.
function asDate(value: Date | string | null): Date {
  return value instanceof Date ? value : new Date(value ?? 0);
}

/** The counts as CSV (RFC 4180, with a guard against spreadsheet formula injection). */
export function downloadCountsCsv(result: Extract<DownloadCountsResult, { ok: true }>): string {
  const lines: unknown[][] =
    result.groupBy === 'county'
      ? [
          ['county_code', 'county', 'downloads', 'last_download_at'],
          ...result.rows.map((row) => [
            row.countyCode,
            row.countyName,
            row.downloads,
            row.lastDownloadAt.toISOString(),
          ]),
        ]
      : [
          [
            'organisation_id',
            'organisation',
            'county_code',
            'municipality_code',
            'downloads',
            'last_download_at',
          ],
          ...result.rows.map((row) => [
            row.organisationId,
            row.organisationName,
            row.countyCode,
            row.municipalityCode,
            row.downloads,
            row.lastDownloadAt.toISOString(),
          ]),
        ];
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ is run as a formula by spreadsheets; a leading quote defuses it.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
