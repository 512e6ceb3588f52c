import type { SignedInUser } from '../accounts/actor.js';
import type { AppDeps } from '../deps.js';
import { resolvePlaylist } from '../schedule/resolve.js';
import type { PlaylistResult } from '../schedule/types.js';
import { findScreen, userCoversScreen } from '../screens/screens-service.js';
import { currentSchedule } from './manifest-runtime.js';
import { localDayOf, withoutIdle } from './schedule-for-day.js';
import { toLoadedScreen } from './screen-profile.js';

export type PreviewOutcome =
  | { ok: true; screenId: string; at: Date; result: PlaylistResult; configuredNationalShare: number }
  | { ok: false; reason: 'not_found' };

/**
 * What a screen in the user's scope plays at any instant (past or future), resolved from the
 * current schedule and the screen's current settings, with the rights in force that day.
 */
export async function previewPlaylist(deps: AppDeps, user: SignedInUser, screenId: string, at: Date): Promise<PreviewOutcome> {
  const screen = await findScreen(deps.database.db, screenId);
  if (!screen || !userCoversScreen(user, screen)) return { ok: false, reason: 'not_found' };
  const { schedule, settings } = await currentSchedule(deps, localDayOf(at));
  const { profile } = toLoadedScreen(screen, screen.groupIds);
  return { ok: true, screenId, at, result: withoutIdle(resolvePlaylist(schedule, profile, at)), configuredNationalShare: settings.nationalShare };
}
