import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { ContentLanguage } from '../i18n/languages.js';
import type { OpeningHours, ScreenProfile } from '../schedule/types.js';
import { type DynamicGroup, groupsOfScreen } from '../screens/group-membership.js';
import { screenGroupMembers, screens } from '../screens/schema.js';

/** What a manifest says about its screen. */
export interface ManifestScreen {
  id: string;
  name: string;
  orientation: 'landscape' | 'portrait';
  width: number;
  height: number;
  languages: string[];
  timeZone: string;
}

/** A screen as resolution sees it, and as its manifest describes it. */
export interface LoadedScreen {
  profile: ScreenProfile;
  screen: ManifestScreen;
  /** Equal for two loads exactly when everything a manifest reads from the screen is equal. */
  key: string;
}

/** The columns a screen's profile is made of (not its heartbeat and other bookkeeping). */
const profileColumns = {
  id: screens.id,
  name: screens.name,
  chain: screens.chain,
  countyCode: screens.countyCode,
  municipalityCode: screens.municipalityCode,
  orientation: screens.orientation,
  width: screens.width,
  height: screens.height,
  languages: screens.languages,
  timeZone: screens.timeZone,
  openingHours: screens.openingHours,
  playWhenClosed: screens.playWhenClosed,
  tags: screens.tags,
};

type ProfileRow = { [K in keyof typeof profileColumns]: (typeof screens.$inferSelect)[K] };

/** The resolver's view of a screen row with its groups. */
export function toLoadedScreen(row: ProfileRow, groupIds: string[]): LoadedScreen {
  const loaded = {
    profile: {
      id: row.id,
      countyCode: row.countyCode,
      municipalityCode: row.municipalityCode,
      chain: row.chain,
      groups: groupIds,
      tags: row.tags,
      orientation: row.orientation,
      width: row.width,
      height: row.height,
      languages: row.languages as ContentLanguage[],
      timeZone: row.timeZone,
      // Stored with string weekday keys ("1"…"7"); property lookup by number finds them alike.
      openingHours: (row.openingHours ?? null) as OpeningHours | null,
      playWhenClosed: row.playWhenClosed,
    },
    screen: {
      id: row.id,
      name: row.name,
      orientation: row.orientation,
      width: row.width,
      height: row.height,
      languages: row.languages,
      timeZone: row.timeZone,
    },
  };
  return { ...loaded, key: JSON.stringify(loaded) };
}

/** An active screen with its token hash (null until the player collected its token). */
export interface ActiveScreen {
  tokenHash: string | null;
  loaded: LoadedScreen;
}

/**
 * Screens that are not revoked (all of them, or the one with this id or token hash), each with
 * its static and dynamic groups, in one round trip.
 */
export async function loadActiveScreens(
  db: DbOrTx,
  dynamicGroups: readonly DynamicGroup[],
  only: { screenId?: string; tokenHash?: string } = {},
): Promise<ActiveScreen[]> {
  const where = [isNull(screens.revokedAt)];
  if (only.screenId !== undefined) where.push(eq(screens.id, only.screenId));
  if (only.tokenHash !== undefined) where.push(eq(screens.tokenHash, only.tokenHash));
  const rows = await db
    .select({
      ...profileColumns,
      tokenHash: screens.tokenHash,
      staticGroupIds: sql<string[]>`coalesce((select array_agg(${screenGroupMembers.groupId}::text) from ${screenGroupMembers} where ${screenGroupMembers.screenId} = ${screens.id}), '{}'::text[])`,
    })
    .from(screens)
    .where(and(...where));
  return rows.map(({ tokenHash, staticGroupIds, ...row }) => ({
    tokenHash,
    loaded: toLoadedScreen(row, groupsOfScreen(row, staticGroupIds, dynamicGroups)),
  }));
}
