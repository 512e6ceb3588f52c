import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CompiledSchedule } from '../schedule/compile.js';
import { buildTimeline } from '../schedule/timeline.js';
import type { PlaylistItem, ScreenProfile, TimelineSegment } from '../schedule/types.js';
import type { ManifestContent, ManifestItem, ManifestMedia, ManifestSegment } from './manifest-schema.js';
import { localDayOf, RIGHTS_TIME_ZONE, withoutIdle } from './schedule-for-day.js';
import type { ManifestScreen } from './screen-profile.js';

/**
 * Building a manifest from a compiled schedule: pure functions of their inputs (the instant is a
 * parameter). A manifest starts at the top of the hour, so that manifests built within the same
 * hour from the same data are byte-identical and keep their version, and covers 25 hours, so at
 * least the next 24 hours are always in the player's hands.
 */

export const MANIFEST_QUANTUM_MS = 3_600_000;
export const MANIFEST_HORIZON_HOURS = 25;
export const POLL_BASE_SECONDS = 60;
/** ±20 %: screens paired together do not poll in lockstep. */
export const POLL_JITTER = 0.2;

/** Where a manifest built at `now` starts: the start of the hour. */
export function manifestStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MANIFEST_QUANTUM_MS) * MANIFEST_QUANTUM_MS);
}

/** The screen's poll interval: the base ± jitter, fixed per screen (FNV-1a of its id). */
export function pollSecondsFor(screenId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < screenId.length; i++) hash = Math.imul(hash ^ screenId.charCodeAt(i), 0x01000193) >>> 0;
  const fraction = hash / 0x1_0000_0000;
  return Math.round(POLL_BASE_SECONDS * (1 - POLL_JITTER + 2 * POLL_JITTER * fraction));
}

/** Local midnights in (from, to) after a day on which some rights end: the schedule changes there. */
function rightsCuts(rightsEnd: ReadonlySet<string>, from: Date, to: Date): number[] {
  const cuts: number[] = [];
  if (rightsEnd.size === 0) return cuts;
  let day = DateTime.fromJSDate(from, { zone: RIGHTS_TIME_ZONE }).startOf('day');
  for (;;) {
    const next = day.plus({ days: 1 });
    if (next.toMillis() >= to.getTime()) return cuts;
    if (rightsEnd.has(day.toISODate() as string) && next.toMillis() > from.getTime()) cuts.push(next.toMillis());
    day = next;
  }
}

/**
 * The screen's timeline over [from, from + hours): buildTimeline on the schedule of each day,
 * cut where artwork rights end, so items drop out on time even while the player is offline.
 */
export function manifestTimeline(
  scheduleForDay: (day: string) => CompiledSchedule,
  rightsEnd: ReadonlySet<string>,
  profile: ScreenProfile,
  from: Date,
  hours: number,
): TimelineSegment[] {
  const to = new Date(from.getTime() + hours * MANIFEST_QUANTUM_MS);
  const bounds = [from.getTime(), ...rightsCuts(rightsEnd, from, to), to.getTime()];
  const segments: TimelineSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = new Date(bounds[i] as number);
    const pieceHours = ((bounds[i + 1] as number) - start.getTime()) / MANIFEST_QUANTUM_MS;
    for (const segment of buildTimeline(scheduleForDay(localDayOf(start)), profile, start, pieceHours)) {
      segments.push({ ...segment, result: withoutIdle(segment.result) });
    }
  }
  return segments;
}

function itemOf(item: PlaylistItem): ManifestItem {
  return {
    slideId: item.slideId,
    campaignId: item.campaignId,
    campaignSlug: item.campaignSlug,
    tier: item.tier,
    assetId: item.assetId,
    kind: item.kind,
    url: item.media.url,
    hash: item.media.hash,
    format: item.media.format,
    width: item.media.width,
    height: item.media.height,
    bytes: item.media.bytes,
    durationSeconds: item.durationSeconds,
    fit: item.fit,
    language: item.language,
    fallbackLanguage: item.fallbackLanguageUsed,
    altText: item.altText,
  };
}

/** Items listed once (by slide, asset, file and duration) and referred to by index. */
function createItemTable() {
  const items: ManifestItem[] = [];
  const indexes = new Map<string, number>();
  const indexOf = (item: PlaylistItem): number => {
    const key = `${item.slideId}\u0000${item.assetId}\u0000${item.media.hash}\u0000${item.durationSeconds}`;
    let index = indexes.get(key);
    if (index === undefined) {
      index = items.push(itemOf(item)) - 1;
      indexes.set(key, index);
    }
    return index;
  };
  return { items, indexOf };
}

function segmentOf(segment: TimelineSegment, indexOf: (item: PlaylistItem) => number): ManifestSegment {
  const { result } = segment;
  return {
    start: segment.start.toISOString(),
    end: segment.end.toISOString(),
    status: result.status,
    opensAt: result.status === 'closed' ? (result.opensAt?.toISOString() ?? null) : null,
    usedDefaultLoop: result.status === 'playing' && result.usedDefaultLoop,
    loopSeconds: result.status === 'playing' ? result.loopSeconds : 0,
    loop: result.status === 'playing' ? result.items.map(indexOf) : [],
  };
}

const sameLoop = (a: ManifestSegment, b: ManifestSegment) =>
  a.status === b.status && a.opensAt === b.opensAt && a.usedDefaultLoop === b.usedDefaultLoop && a.loop.join() === b.loop.join();

/** The versioned content of a manifest for a screen's timeline, as seen at `at`. */
export function manifestContent(screen: ManifestScreen, timeline: readonly TimelineSegment[], at: Date): ManifestContent {
  const table = createItemTable();
  const segments: ManifestSegment[] = [];
  for (const segment of timeline) {
    const next = segmentOf(segment, table.indexOf);
    const last = segments[segments.length - 1];
    // Pieces cut at a rights boundary that change nothing for this screen join up again.
    if (last && last.end === next.start && sameLoop(last, next)) last.end = next.end;
    else segments.push(next);
  }
  const media = new Map<string, ManifestMedia>();
  for (const item of table.items) {
    if (!media.has(item.hash)) media.set(item.hash, { url: item.url, hash: item.hash, bytes: item.bytes, kind: item.kind, format: item.format });
  }
  const current = segments.find((segment) => Date.parse(segment.start) <= at.getTime() && at.getTime() < Date.parse(segment.end));
  return {
    validFrom: segments[0]?.start ?? at.toISOString(),
    validUntil: segments[segments.length - 1]?.end ?? at.toISOString(),
    pollSeconds: pollSecondsFor(screen.id),
    screen: { ...screen },
    status: current?.status ?? 'playing',
    segments,
    items: table.items,
    media: [...media.values()],
  };
}

/**
 * Until when (epoch ms) content built at `at` stays what a rebuild would give, for the same data
 * and the same hour: it depends on the instant only through `status`, the status of the segment
 * holding it, so it holds while the following segments keep that status. Null when no segment
 * holds `at`.
 */
export function statusHoldsUntil(content: Pick<ManifestContent, 'segments'>, at: Date): number | null {
  const time = at.getTime();
  const index = content.segments.findIndex((segment) => Date.parse(segment.start) <= time && time < Date.parse(segment.end));
  const current = content.segments[index];
  if (!current) return null;
  let until = current.end;
  for (const next of content.segments.slice(index + 1)) {
    if (next.start !== until || next.status !== current.status) break;
    until = next.end;
  }
  return Date.parse(until);
}

/**
 * Manifest content serialised once, in two parts: the screen's own fields (times, poll interval,
 * the screen, its status) and the programme (segments, items, media), which every screen with
 * the same programme shares. Both without their braces; together they are JSON.stringify(content).
 */
export interface VersionedContent {
  ownJson: string;
  sharedJson: string;
  /** A hash of the whole JSON, 128 bits, hex. */
  version: string;
}

/** Serialises manifest content and works out its version. */
export function versionContent(content: ManifestContent): VersionedContent {
  const { segments, items, media, ...own } = content;
  const ownJson = JSON.stringify(own).slice(1, -1);
  const sharedJson = JSON.stringify({ segments, items, media }).slice(1, -1);
  // The first 16 bytes as hex, a string of its own (slicing the hex digest would keep all of it).
  const version = createHash('sha256').update(`{${ownJson},`).update(sharedJson).update('}').digest().toString('hex', 0, 16);
  return { ownJson, sharedJson, version };
}

/** The manifest's JSON before the value of `serverTime`: the screen's own part, then the shared part. */
export interface ManifestText {
  own: string;
  shared: string;
}

/**
 * The manifest's JSON up to the value of `serverTime`, which comes last so that each answer can
 * append the time it is sent (see manifest-bytes.ts) without serialising the manifest again.
 */
export function manifestTextBeforeTime({ ownJson, sharedJson, version }: VersionedContent, generatedAt: Date): ManifestText {
  return {
    own: `{"version":${JSON.stringify(version)},"generatedAt":"${generatedAt.toISOString()}",${ownJson},`,
    shared: `${sharedJson},"serverTime":`,
  };
}
