/*
 * resolve: resolvePlaylist (the pure resolver, on a schedule compiled once) per screen and
 * instant, at 1,000 campaigns and 5,000 slides (makeSyntheticSchedule), over 1,000 synthetic
 * screens at instants spread over a year. Target: at most 1 ms per resolution (mean).
 * Reference: a plain filter loop over all 5,000 slides matching each one's (precompiled) targeting
 * against the screen: the least any resolver without an index must do. It evaluates no windows,
 * chooses no media and composes no loop, so it does much less than the real path (evaluating
 * every slide's windows with isOpenAt instead costs about 10 ms per screen). Ratio = resolve /
 * reference.
 */
import { compileSchedule } from '../src/schedule/compile.js';
import { resolvePlaylist } from '../src/schedule/resolve.js';
import { makeSyntheticSchedule, makeSyntheticScreens } from '../src/schedule/synthetic.js';
import { compileTargeting, targetingMatches } from '../src/schedule/targeting.js';
import type { ScheduleSlide, ScreenProfile } from '../src/schedule/types.js';
import { meetsTarget, reportResult } from './support/report.js';

const CAMPAIGNS = 1_000;
const SLIDES = 5_000;
const SCREENS = 1_000;
const INSTANTS = 12;
const TARGET = '<= 1';

/** The slides targeting the screen, by brute force: the reference. */
function filterLoop(slides: readonly ScheduleSlide[], targetings: ReturnType<typeof compileTargeting>[], screen: ScreenProfile): ScheduleSlide[] {
  const matching: ScheduleSlide[] = [];
  for (let i = 0; i < slides.length; i++) {
    if (targetingMatches(targetings[i] as ReturnType<typeof compileTargeting>, screen)) matching.push(slides[i] as ScheduleSlide);
  }
  return matching;
}

function timePerCall(pairs: Array<[ScreenProfile, Date]>, work: (screen: ScreenProfile, instant: Date) => unknown): { meanMs: number; p99Ms: number } {
  const times = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [screen, instant] = pairs[i] as [ScreenProfile, Date];
    const started = performance.now();
    work(screen, instant);
    times[i] = performance.now() - started;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  return { meanMs: mean, p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? mean };
}

async function main(): Promise<void> {
  const { slides, rules } = makeSyntheticSchedule({ campaigns: CAMPAIGNS, slides: SLIDES, seed: 48 });
  const compileStarted = performance.now();
  const schedule = compileSchedule(slides, rules);
  const compileMs = performance.now() - compileStarted;
  const screens = makeSyntheticScreens({ count: SCREENS, seed: 48 });
  // Every 31 days and 7 hours from a November Monday morning: seasons, weekdays and hours vary.
  const instants = Array.from({ length: INSTANTS }, (_, k) => new Date(Date.parse('2026-11-23T09:00:00Z') + k * (31 * 24 + 7) * 3_600_000));
  const pairs = screens.flatMap((screen) => instants.map((instant) => [screen, instant] as [ScreenProfile, Date]));
  const targetings = slides.map((slide) => compileTargeting(slide.targeting));

  // Warm-up on a slice, so the JIT has seen both paths before they are timed.
  const warm = pairs.slice(0, 2_000);
  timePerCall(warm, (screen, instant) => resolvePlaylist(schedule, screen, instant));
  timePerCall(warm, (screen, instant) => filterLoop(slides, targetings, screen));

  let items = 0;
  const resolved = timePerCall(pairs, (screen, instant) => {
    const result = resolvePlaylist(schedule, screen, instant);
    if (result.status === 'playing') items += result.items.length;
  });
  const reference = timePerCall(pairs, (screen, instant) => filterLoop(slides, targetings, screen));
  const value = Math.round(resolved.meanMs * 1000) / 1000;
  await reportResult({
    name: 'resolve',
    value,
    unit: 'ms',
    reference: { name: 'plain filter loop matching every slide\'s targeting (no index, no windows)', value: Math.round(reference.meanMs * 1000) / 1000 },
    ratio: Math.round((resolved.meanMs / reference.meanMs) * 100) / 100,
    target: TARGET,
    meets: meetsTarget(resolved.meanMs, TARGET),
    setup: { campaigns: CAMPAIGNS, slides: SLIDES, screens: SCREENS, instantsPerScreen: INSTANTS, resolutions: pairs.length },
    extra: {
      p99Ms: Math.round(resolved.p99Ms * 1000) / 1000,
      referenceP99Ms: Math.round(reference.p99Ms * 1000) / 1000,
      compileMs: Math.round(compileMs),
      averageItems: Math.round((items / pairs.length) * 10) / 10,
    },
  });
}

await main();
