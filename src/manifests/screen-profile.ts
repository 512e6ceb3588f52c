import { createHash } from 'node:crypto';
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

/**
 * Equal values of many screens kept once: ten thousand screens share a few dozen opening hours,
 * language lists and zone names, and sharing the opening-hours object also shares what the
 * scheduler compiles from it (cached per object). Shared values are frozen: nothing may edit them.
 */
export interface ProfileInterner {
  text<T extends string | null>(value: T): T;
  list<T extends string>(values: T[]): T[];
  hours(value: OpeningHours | null): OpeningHours | null;
}

/** An interner for one load of screens (its tables go when the load is done). */
export function createProfileInterner(): ProfileInterner {
  const texts = new Map<string, string>();
  const shared = new Map<string, unknown>();
  const once = <T>(key: string, value: T): T => {
    const known = shared.get(key);
    if (known !== undefined) return known as T;
    shared.set(key, value);
    return value;
  };
  const text = <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = texts.get(value);
    if (known !== undefined) return known as T;
    texts.set(value, value);
    return value;
  };
  return {
    text,
    list: (values) => once(`l${JSON.stringify(values)}`, Object.freeze(values.map(text)) as typeof values),
    hours: (value) => {
      if (value === null) return null;
      const frozen = Object.freeze(
        Object.fromEntries(
          Object.entries(value).map(([day, spans]) => [day, Object.freeze((spans ?? []).map((span) => Object.freeze({ from: text(span.from), to: text(span.to) })))]),
        ),
      ) as OpeningHours;
      return once(`h${JSON.stringify(value)}`, frozen);
    },
  };
}

/** The resolver's view of a screen row with its groups. */
export function toLoadedScreen(row: ProfileRow, groupIds: string[], interner: ProfileInterner = createProfileInterner()): LoadedScreen {
  const { text, list } = interner;
  const languages = list(row.languages);
  const profile: ScreenProfile = {
    id: row.id,
    countyCode: text(row.countyCode),
    municipalityCode: text(row.municipalityCode),
    chain: text(row.chain),
    groups: list(groupIds),
    tags: list(row.tags),
    orientation: text(row.orientation),
    width: row.width,
    height: row.height,
    languages: languages as ContentLanguage[],
    timeZone: text(row.timeZone),
    // Stored with string weekday keys ("1"…"7"); property lookup by number finds them alike.
    openingHours: interner.hours((row.openingHours ?? null) as OpeningHours | null),
    playWhenClosed: row.playWhenClosed,
  };
  const screen: ManifestScreen = { id: row.id, name: row.name, orientation: profile.orientation, width: row.width, height: row.height, languages, timeZone: profile.timeZone };
  // A digest, not the JSON itself: ten thousand of these stay in memory.
  const key = createHash('sha256').update(JSON.stringify({ profile, screen })).digest('base64url');
  return { profile, screen, key };
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
  const interner = createProfileInterner();
  return rows.map(({ tokenHash, staticGroupIds, ...row }) => ({
    tokenHash,
    loaded: toLoadedScreen(row, groupsOfScreen(row, staticGroupIds, dynamicGroups), interner),
  }));
}
