import type { AppDeps } from '../deps.js';
import {
  onLocalScheduleChange,
  parseScheduleChange,
  readScheduleVersion,
  SCHEDULE_CHANNEL,
  type ScheduleChange,
} from './schedule-version.js';

/** How often an instance compares the stored schedule version with its own, in case a notification was lost. */
export const SCHEDULE_CHECK_SECONDS = 30;

/**
 * One instance's view of the schedule version. Caches remember the generation they were built
 * in and are stale as soon as it moves; moving it is the only invalidation there is.
 */
export interface ScheduleSync {
  /** Moves on changes to slides, campaigns and assets (and of unknown kind): schedules and manifests are stale. */
  readonly scheduleGeneration: number;
  /** Moves on changes to screens, groups and tokens (and of unknown kind): the screen directory is stale. */
  readonly screensGeneration: number;
  /** The newest schedule version this instance has heard of. */
  readonly knownVersion: number;
  /** Resolves once the instance listens and knows the current version. */
  readonly ready: Promise<void>;
  /** Registers a callback run after every generation move (used to free cached memory). */
  onChange(listener: () => void): void;
  /** Compares with the stored version now (the periodic safety net calls this). */
  checkNow(): Promise<void>;
  /** Stops listening and checking. */
  stop(): Promise<void>;
}

const syncs = new WeakMap<AppDeps, ScheduleSync>();

/** The schedule sync of an app instance (its deps), started on first use. */
export function scheduleSyncOf(deps: AppDeps): ScheduleSync {
  let sync = syncs.get(deps);
  if (!sync) {
    sync = startScheduleSync(deps);
    syncs.set(deps, sync);
  }
  return sync;
}

/** Stops an instance's sync, if it was started (tests and shutdown). */
export async function stopScheduleSync(deps: AppDeps): Promise<void> {
  const sync = syncs.get(deps);
  syncs.delete(deps);
  await sync?.stop();
}

function startScheduleSync(deps: AppDeps): ScheduleSync {
  const { database, log } = deps;
  const listeners: Array<() => void> = [];
  let stopped = false;
  let unlisten: (() => Promise<void>) | null = null;
  const state = {
    scheduleGeneration: 0,
    screensGeneration: 0,
    knownVersion: 0,
  };

  const move = (kind: ScheduleChange['kind'] | 'unknown') => {
    if (kind !== 'screens') state.scheduleGeneration += 1;
    if (kind !== 'schedule') state.screensGeneration += 1;
    for (const listener of listeners) listener();
  };

  // A version we already know is an echo of a change we applied; a gap means we missed one
  // whose kind we cannot know, so everything is treated as changed.
  const apply = (change: ScheduleChange | null) => {
    if (change === null) return move('unknown');
    if (change.version <= state.knownVersion) return;
    const missedSome = change.version > state.knownVersion + 1;
    state.knownVersion = change.version;
    move(missedSome ? 'unknown' : change.kind);
  };

  const checkNow = async () => {
    if (stopped) return;
    const stored = await readScheduleVersion(database.db);
    if (stored !== state.knownVersion) {
      state.knownVersion = Math.max(stored, state.knownVersion);
      move('unknown');
    }
  };

  const removeLocal = onLocalScheduleChange(database.db, apply);
  const ready = (async () => {
    try {
      unlisten = await database.listen(SCHEDULE_CHANNEL, (payload) => apply(parseScheduleChange(payload)));
    } catch (error) {
      log.warn({ err: error }, 'cannot listen for schedule changes; relying on the periodic check');
    }
    // Never rejects: with the database away, requests fail on their own and the periodic
    // check catches up once it is back.
    state.knownVersion = await readScheduleVersion(database.db).catch((error) => {
      log.error({ err: error }, 'cannot read the schedule version');
      return 0;
    });
  })();

  const timer = setInterval(() => {
    checkNow().catch((error) => log.warn({ err: error }, 'schedule version check failed'));
  }, SCHEDULE_CHECK_SECONDS * 1000);
  timer.unref();

  return {
    get scheduleGeneration() {
      return state.scheduleGeneration;
    },
    get screensGeneration() {
      return state.screensGeneration;
    },
    get knownVersion() {
      return state.knownVersion;
    },
    ready,
    onChange: (listener) => void listeners.push(listener),
    checkNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      removeLocal();
      await unlisten?.().catch(() => {});
    },
  };
}
