import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { playerModule, type TimingModule } from './player-modules.js';

let timing: TimingModule;
beforeAll(async () => {
  timing = await playerModule<TimingModule>('timing.js');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('back-off after failures', () => {
  it('doubles from the base, with jitter between half and all of the ceiling', () => {
    expect(timing.backoffDelay(1, 5000, 300_000, 0)).toBe(2500);
    expect(timing.backoffDelay(1, 5000, 300_000, 1)).toBe(5000);
    expect(timing.backoffDelay(2, 5000, 300_000, 1)).toBe(10_000);
    expect(timing.backoffDelay(4, 5000, 300_000, 0.5)).toBe(30_000);
  });

  it('never waits longer than the cap, however long the outage', () => {
    expect(timing.backoffDelay(7, 5000, 300_000, 1)).toBe(300_000);
    expect(timing.backoffDelay(10_000, 5000, 300_000, 1)).toBe(300_000);
    expect(timing.backoffDelay(10_000, 5000, 300_000, 0)).toBe(150_000);
  });
});

describe('clock correction', () => {
  it('measures the offset against the middle of the round trip', () => {
    expect(timing.offsetSample(10_000, 1000, 1200)).toBe(8900);
  });

  it('takes the first sample as it is and smooths later ones', () => {
    expect(timing.smoothOffset(null, 4000)).toBe(4000);
    expect(timing.smoothOffset(4000, 4400)).toBe(4100);
    expect(timing.smoothOffset(4000, 3600)).toBe(3900);
  });

  it('takes a jump at once (the box clock was set or slept)', () => {
    expect(timing.smoothOffset(4000, 3_604_000)).toBe(3_604_000);
    expect(timing.smoothOffset(4000, -40_000)).toBe(-40_000);
  });

  it('corrects the local clock by the server time it saw, and keeps the offset', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
    const kept: number[] = [];
    const clock = timing.createServerClock(undefined, (offset) => kept.push(offset));
    expect(clock.offset()).toBeNull();
    expect(clock.serverNow()).toBe(Date.parse('2026-11-23T10:00:00Z'));
    clock.sample('2026-11-23T10:05:00Z', Date.now());
    expect(clock.offset()).toBe(300_000);
    expect(clock.serverNow()).toBe(Date.parse('2026-11-23T10:05:00Z'));
    expect(kept).toEqual([300_000]);
    clock.sample('not a time', Date.now());
    expect(kept).toEqual([300_000]);
  });

  it('starts from the offset it kept before a reload', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
    const clock = timing.createServerClock(-2000, () => {});
    expect(clock.serverNow()).toBe(Date.parse('2026-11-23T09:59:58Z'));
  });
});

describe('timer chains', () => {
  it('run only the last callback set, so a chain never doubles', () => {
    vi.useFakeTimers();
    const timer = timing.createTimer();
    const runs: string[] = [];
    timer.set(() => runs.push('first'), 1000);
    timer.set(() => runs.push('second'), 2000);
    vi.advanceTimersByTime(5000);
    expect(runs).toEqual(['second']);
    timer.set(() => runs.push('third'), 1000);
    timer.clear();
    vi.advanceTimersByTime(5000);
    expect(runs).toEqual(['second']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
