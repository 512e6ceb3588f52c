import { hashSecret } from '../accounts/secrets.js';
import type { AppDeps } from '../deps.js';
import { isDatabaseUnavailable } from '../errors.js';
import type { DynamicGroup } from '../screens/group-membership.js';
import { loadDynamicGroups } from '../screens/screens-service.js';
import { scheduleSyncOf } from './schedule-sync.js';
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
  const snapshot: Snapshot = { generation, loadedAt: deps.clock.now().getTime(), dynamicGroups, screenIdByToken: new Map(), screens: new Map() };
  for (const screen of await loadActiveScreens(db, dynamicGroups)) add(snapshot, screen);
  return snapshot;
}

/** The snapshot of the current screens generation (loading it when it is missing, stale or old). */
async function snapshotOf(deps: AppDeps): Promise<Snapshot> {
  const sync = scheduleSyncOf(deps);
  await sync.ready;
  const state = stateOf(deps);
  const generation = sync.screensGeneration;
  const now = deps.clock.now().getTime();
  const { current, pending } = state;
  if (current && current.generation === generation && now - current.loadedAt < SCREEN_DIRECTORY_TTL_MS) return current;
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

/** The id of the active screen holding this bearer token, or null. */
export async function screenIdForToken(deps: AppDeps, token: string): Promise<string | null> {
  const snapshot = await snapshotOf(deps);
  const tokenHash = hashSecret(token);
  const known = snapshot.screenIdByToken.get(tokenHash);
  if (known) return known;
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
