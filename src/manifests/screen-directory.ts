import { hashSecret } from '../accounts/secrets.js';
import type { AppDeps } from '../deps.js';
import { isDatabaseUnavailable } from '../errors.js';
import type { DynamicGroup } from '../screens/group-membership.js';
import { loadDynamicGroups } from '../screens/screens-service.js';
import { type ScheduleSync, scheduleSyncOf } from './schedule-sync.js';
import { type ActiveScreen, type LoadedScreen, loadActiveScreens } from './screen-profile.js';

/**
 * Every active screen of the network in memory: token hash → screen id, and each screen's
 * profile, loaded in one query per screens generation. It is what lets a conditional manifest
 * poll (authentication included) be answered without the database, and a cold instance build
 * 10,000 manifests without 10,000 lookups. Revocation, screen and group changes move the screens
 * generation (here and, by notification, on every instance), which retires the whole snapshot.
 * A screen paired after the snapshot was taken is looked up on its own and added.
 */

/** A snapshot is reloaded after this long even if nothing moved the generation (a safety net). */
export const SCREEN_DIRECTORY_TTL_MS = 10 * 60_000;

interface Snapshot {
  generation: number;
  loadedAt: number;
  dynamicGroups: DynamicGroup[];
  screenIdByToken: Map<string, string>;
  /**
   * Bearer tokens already resolved in this snapshot (token → screen id), so a poll needs no
   * sha256. It goes with the snapshot, so a revocation (which moves the generation) ends it.
   */
  resolvedTokens: Map<string, string>;
  screens: Map<string, LoadedScreen>;
}

interface DirectoryState {
  /** The snapshot being loaded or loaded, with its generation. */
  pending: { generation: number; startedAt: number; promise: Promise<Snapshot> } | null;
  /** The last loaded snapshot, for answers without awaiting. */
  current: Snapshot | null;
}

const states = new WeakMap<AppDeps, DirectoryState>();

function stateOf(deps: AppDeps): DirectoryState {
  let state = states.get(deps);
  if (!state) {
    state = { pending: null, current: null };
    states.set(deps, state);
  }
  return state;
}

function add(snapshot: Snapshot, screen: ActiveScreen): void {
  snapshot.screens.set(screen.loaded.profile.id, screen.loaded);
  if (screen.tokenHash) snapshot.screenIdByToken.set(screen.tokenHash, screen.loaded.profile.id);
}

async function loadSnapshot(deps: AppDeps, generation: number): Promise<Snapshot> {
  const db = deps.database.db;
  const dynamicGroups = await loadDynamicGroups(db);
  const snapshot: Snapshot = { generation, loadedAt: deps.clock.now().getTime(), dynamicGroups, screenIdByToken: new Map(), resolvedTokens: new Map(), screens: new Map() };
  for (const screen of await loadActiveScreens(db, dynamicGroups)) add(snapshot, screen);
  return snapshot;
}

/** The loaded snapshot when it is of the current screens generation and young enough, else null. */
function currentSnapshot(sync: ScheduleSync, state: DirectoryState, now: number): Snapshot | null {
  const { current } = state;
  return current && current.generation === sync.screensGeneration && now - current.loadedAt < SCREEN_DIRECTORY_TTL_MS ? current : null;
}

/** The snapshot of the current screens generation (loading it when it is missing, stale or old). */
async function snapshotOf(deps: AppDeps): Promise<Snapshot> {
  const sync = scheduleSyncOf(deps);
  await sync.ready;
  const state = stateOf(deps);
  const generation = sync.screensGeneration;
  const now = deps.clock.now().getTime();
  const loaded = currentSnapshot(sync, state, now);
  if (loaded) return loaded;
  const { current, pending } = state;
  if (pending && pending.generation === generation && now - pending.startedAt < SCREEN_DIRECTORY_TTL_MS) return pending.promise;
  const fallback = current;
  const promise = loadSnapshot(deps, generation).then(
    (snapshot) => {
      // Kept only if nothing moved while it loaded; otherwise the next request loads again.
      if (generation === sync.screensGeneration) state.current = snapshot;
      return snapshot;
    },
    (error: unknown) => {
      // The next request tries again; meanwhile, with the database away, the last snapshot keeps
      // screens authenticated (and playing).
      if (state.pending?.promise === promise) state.pending = null;
      if (fallback && isDatabaseUnavailable(error)) return fallback;
      throw error;
    },
  );
  state.pending = { generation, startedAt: now, promise };
  return promise;
}

/** The screen id for a token the snapshot knows, remembering the token so the next time costs no hash. */
function knownScreenId(snapshot: Snapshot, token: string): string | undefined {
  const resolved = snapshot.resolvedTokens.get(token);
  if (resolved) return resolved;
  const known = snapshot.screenIdByToken.get(hashSecret(token));
  if (known) snapshot.resolvedTokens.set(token, known);
  return known;
}

/**
 * The id of the active screen holding this bearer token, when the current snapshot knows it:
 * answered at once, without awaiting anything. Undefined when only screenIdForToken can tell
 * (no current snapshot, or a token it does not hold).
 */
export function screenIdForTokenInMemory(deps: AppDeps, token: string, now: number): string | undefined {
  const state = states.get(deps);
  const snapshot = state && currentSnapshot(scheduleSyncOf(deps), state, now);
  return snapshot ? knownScreenId(snapshot, token) : undefined;
}

/** The id of the active screen holding this bearer token, or null. */
export async function screenIdForToken(deps: AppDeps, token: string): Promise<string | null> {
  const snapshot = await snapshotOf(deps);
  const known = knownScreenId(snapshot, token);
  if (known) return known;
  const tokenHash = hashSecret(token);
  // Possibly paired since the snapshot: tokens are collected without moving the generation.
  const [found] = await loadActiveScreens(deps.database.db, snapshot.dynamicGroups, { tokenHash });
  if (!found) return null;
  add(snapshot, found);
  return found.loaded.profile.id;
}

/** An active screen's profile, or null when it is unknown or revoked. */
export async function activeScreen(deps: AppDeps, screenId: string): Promise<LoadedScreen | null> {
  const snapshot = await snapshotOf(deps);
  const known = snapshot.screens.get(screenId);
  if (known) return known;
  const [found] = await loadActiveScreens(deps.database.db, snapshot.dynamicGroups, { screenId });
  if (!found) return null;
  add(snapshot, found);
  return found.loaded;
}
