import path from 'node:path';
import type { Manifest, ManifestItem } from '../../src/manifests/manifest-schema.js';
import type { PlayEvent } from '../../src/plays/play-schemas.js';

/**
 * The player's plain ES modules, imported as the browser does (no build step, no type
 * declarations), with the types the tests rely on written down here.
 */

export const PLAYER_ROOT = path.resolve(import.meta.dirname, '../../player');

export interface Showing {
  key: string;
  item: ManifestItem | null;
  startsAt: number;
  endsAt: number;
}

export interface ScheduleModule {
  manifestIsValid(manifest: unknown): boolean;
  showingAt(manifest: Manifest, t: number): Showing;
  continueLoop(previous: Manifest | null, next: Manifest): Manifest;
  longestItemMs(manifest: Manifest | null): number;
}

export interface TimingModule {
  now(): number;
  backoffDelay(failures: number, baseMs: number, capMs: number, random: number): number;
  offsetSample(serverTimeMs: number, sentAt: number, receivedAt: number): number;
  smoothOffset(previous: number | null | undefined, sample: number, jumpMs?: number, weight?: number): number;
  createServerClock(
    initialOffset: unknown,
    persist: (offset: number) => void,
  ): { serverNow(): number; offset(): number | null; sample(serverTime: string, sentAt: number): void };
  createTimer(): { set(run: () => void, ms: number): void; clear(): void };
}

/** A queued play: the event exactly as the hub's play batch takes it. */
export interface QueuedPlay {
  seq: number;
  event: PlayEvent;
}

export interface PlaysModule {
  MAX_DURATION_MS: number;
  newEventId(source?: {
    randomUUID?: () => string;
    getRandomValues<T extends ArrayBufferView>(array: T): T;
  }): string;
  playEventOf(
    item: Pick<ManifestItem, 'slideId' | 'assetId' | 'campaignId'>,
    startedAt: number,
    durationMs: number,
    eventId: string,
  ): QueuedPlay['event'];
  planUpload(
    rows: QueuedPlay[],
    serverNow: number,
  ): { send: QueuedPlay[]; drop: QueuedPlay[]; hold: QueuedPlay[] };
  refusedForGood(sent: QueuedPlay[], status: number, problem: unknown): QueuedPlay[];
}

/** Imports player/js/<name> as an ES module. */
export async function playerModule<T>(name: string): Promise<T> {
  return (await import(path.join(PLAYER_ROOT, 'js', name))) as T;
}
