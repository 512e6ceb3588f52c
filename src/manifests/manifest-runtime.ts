import type { AppDeps } from '../deps.js';
import { isDatabaseUnavailable } from '../errors.js';
import { FALLBACK_LANGUAGE } from '../i18n/languages.js';
import type { CompiledSchedule } from '../schedule/compile.js';
import {
  MANIFEST_HORIZON_HOURS,
  MANIFEST_QUANTUM_MS,
  manifestContent,
  manifestStart,
  manifestTextBeforeTime,
  manifestTimeline,
  statusHoldsUntil,
  versionContent,
} from './manifest-document.js';
import { createSharedDeflate, type ManifestBytes, packManifest, type SharedDeflate } from './manifest-bytes.js';
import { compileScheduleForDay, type LoopSettings, rightsEndDays } from './schedule-for-day.js';
import { loadScheduleSource, type ScheduleSource } from './schedule-source.js';
import { type ScheduleSync, scheduleSyncOf } from './schedule-sync.js';
import { activeScreen } from './screen-directory.js';

/** A built manifest kept in memory: its version and bytes, until its generation moves or it expires. */
export interface CachedManifest {
  /** The schedule generation it was built in. */
  generation: number;
  /** The screens generation in which its screen was last seen unchanged, and the screen's key then. */
  screensGeneration: number;
  screenKey: string;
  version: string;
  /** The strong ETag: the version in quotes. */
  etag: string;
  bytes: ManifestBytes;
  /** Epoch ms: the next hour, or when the screen's status changes (see statusHoldsUntil), whichever is first. */
  expiresAt: number;
}

/** The schedule data of one generation, with its compiled schedules per local day. */
interface LoadedSource {
  generation: number;
  source: ScheduleSource;
  rightsEnd: Set<string>;
  days: Map<string, CompiledSchedule>;
}

/** One app instance's in-memory manifest machinery. */
interface ManifestRuntime {
  sync: ScheduleSync;
  settings: LoopSettings;
  source: { generation: number; promise: Promise<LoadedSource> } | null;
  manifests: Map<string, CachedManifest>;
  /** Screens with the same programme share its compressed bytes. */
  deflateShared: SharedDeflate;
}

// Compiled schedules for at most this many days are kept (today, tomorrow, a preview day).
const MAX_COMPILED_DAYS = 4;

const runtimes = new WeakMap<AppDeps, ManifestRuntime>();

function runtimeOf(deps: AppDeps): ManifestRuntime {
  let runtime = runtimes.get(deps);
  if (runtime) return runtime;
  const sync = scheduleSyncOf(deps);
  const created: ManifestRuntime = {
    sync,
    settings: { nationalShare: deps.config.SCHEDULE_NATIONAL_SHARE, fallbackLanguage: FALLBACK_LANGUAGE },
    source: null,
    manifests: new Map(),
    deflateShared: createSharedDeflate(),
  };
  // Manifests of older generations stay until replaced: they are what a screen gets while the
  // database cannot be reached to rebuild them.
  sync.onChange(() => {
    created.source = null;
  });
  runtimes.set(deps, created);
  runtime = created;
  return runtime;
}

/** The schedule data of the current generation, loaded once and shared by concurrent requests. */
async function currentSource(deps: AppDeps, runtime: ManifestRuntime): Promise<LoadedSource> {
  const generation = runtime.sync.scheduleGeneration;
  if (runtime.source?.generation !== generation) {
    const promise = loadScheduleSource(deps.database.db).then((source) => ({
      generation,
      source,
      rightsEnd: rightsEndDays(source),
      days: new Map<string, CompiledSchedule>(),
    }));
    runtime.source = { generation, promise };
    // A failed load is not remembered: the next request tries again.
    promise.catch(() => {
      if (runtime.source?.promise === promise) runtime.source = null;
    });
  }
  return (runtime.source as { promise: Promise<LoadedSource> }).promise;
}

/** The compiled schedule of a local day, compiled once per generation and day. */
function scheduleForDay(loaded: LoadedSource, settings: LoopSettings, day: string): CompiledSchedule {
  let schedule = loaded.days.get(day);
  if (!schedule) {
    if (loaded.days.size >= MAX_COMPILED_DAYS) loaded.days.delete(loaded.days.keys().next().value as string);
    schedule = compileScheduleForDay(loaded.source, settings, day);
    loaded.days.set(day, schedule);
  }
  return schedule;
}

/** The compiled schedule in force at a local day, for the current generation. */
export async function currentSchedule(deps: AppDeps, day: string): Promise<{ schedule: CompiledSchedule; settings: LoopSettings; source: ScheduleSource }> {
  const runtime = runtimeOf(deps);
  await runtime.sync.ready;
  const loaded = await currentSource(deps, runtime);
  return { schedule: scheduleForDay(loaded, runtime.settings, day), settings: runtime.settings, source: loaded.source };
}

/** A manifest to send, and whether it is an older one kept because it could not be rebuilt. */
export interface ManifestAnswer {
  manifest: CachedManifest;
  stale: boolean;
}

/**
 * The screen's manifest when memory holds one that is current at `now` (same schedule and
 * screens generations, not expired): what manifestFor would answer, without awaiting anything.
 * Undefined when only manifestFor can tell.
 */
export function manifestInMemory(deps: AppDeps, screenId: string, now: number): CachedManifest | undefined {
  const runtime = runtimes.get(deps);
  const cached = runtime?.manifests.get(screenId);
  if (!runtime || !cached) return undefined;
  const { scheduleGeneration, screensGeneration } = runtime.sync;
  return cached.generation === scheduleGeneration && cached.screensGeneration === screensGeneration && now < cached.expiresAt ? cached : undefined;
}

/**
 * The screen's manifest at `now`, from memory while nothing that affects it has changed (no
 * database access at all then), else rebuilt. While the database cannot be reached, the last one
 * built is answered as stale. Null when the screen is gone or revoked.
 */
export async function manifestFor(deps: AppDeps, screenId: string, now: Date): Promise<ManifestAnswer | null> {
  const runtime = runtimeOf(deps);
  await runtime.sync.ready;
  const { scheduleGeneration, screensGeneration } = runtime.sync;
  const cached = runtime.manifests.get(screenId);
  if (cached && cached.generation === scheduleGeneration && now.getTime() < cached.expiresAt) {
    if (cached.screensGeneration === screensGeneration) return { manifest: cached, stale: false };
    // Screens or groups changed somewhere: this manifest still holds if its own screen did not.
    const screen = await activeScreen(deps, screenId).catch(() => undefined);
    if (screen === null) {
      runtime.manifests.delete(screenId);
      return null;
    }
    if (screen?.key === cached.screenKey) {
      cached.screensGeneration = screensGeneration;
      return { manifest: cached, stale: false };
    }
  }
  try {
    const manifest = await rebuildManifest(deps, runtime, screenId, now, cached);
    if (!manifest) runtime.manifests.delete(screenId);
    return manifest && { manifest, stale: false };
  } catch (error) {
    if (cached && isDatabaseUnavailable(error)) return { manifest: cached, stale: true };
    throw error;
  }
}

async function rebuildManifest(deps: AppDeps, runtime: ManifestRuntime, screenId: string, now: Date, cached: CachedManifest | undefined): Promise<CachedManifest | null> {
  const { scheduleGeneration: generation, screensGeneration } = runtime.sync;
  const loaded = await currentSource(deps, runtime);
  const screen = await activeScreen(deps, screenId);
  if (!screen) return null;
  const from = manifestStart(now);
  const timeline = manifestTimeline((day) => scheduleForDay(loaded, runtime.settings, day), loaded.rightsEnd, screen.profile, from, MANIFEST_HORIZON_HOURS);
  const content = manifestContent(screen.screen, timeline, now);
  const versioned = versionContent(content);
  const { version } = versioned;
  // Kept until the hour ends or the screen's status changes; a rebuild before then, at a change of
  // loop, would give the same content (same data, same hour), so it is not done.
  const hourEnd = from.getTime() + MANIFEST_QUANTUM_MS;
  const expiresAt = Math.min(hourEnd, statusHoldsUntil(content, now) ?? hourEnd);
  // The same content keeps its bytes (and generatedAt), so a rebuild that changes nothing compresses nothing.
  const bytes = cached?.version === version ? cached.bytes : packManifest(manifestTextBeforeTime(versioned, now), runtime.deflateShared);
  const manifest: CachedManifest = { generation, screensGeneration, screenKey: screen.key, version, etag: `"${version}"`, bytes, expiresAt };
  if (generation === runtime.sync.scheduleGeneration && loaded.generation === generation) runtime.manifests.set(screenId, manifest);
  return manifest;
}

/** How many manifests this instance holds in memory (for benchmarks and diagnostics). */
export function cachedManifestCount(deps: AppDeps): number {
  return runtimes.get(deps)?.manifests.size ?? 0;
}
