import { describe, expect, it } from 'vitest';
import { reconnectDelaySeconds } from './client.js';

describe('reconnectDelaySeconds', () => {
  it('starts within tens of milliseconds and never waits more than a second, however long the outage', () => {
    expect(reconnectDelaySeconds(0)).toBeLessThanOrEqual(0.05);
    for (const retries of [1, 5, 10, 50, 1000]) {
      const delay = reconnectDelaySeconds(retries);
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(1);
    }
  });

  it('grows with failed attempts, so a down server is not hammered', () => {
    const lowest = (retries: number) =>
      Math.min(...Array.from({ length: 50 }, () => reconnectDelaySeconds(retries)));
    expect(lowest(4)).toBeGreaterThan(reconnectDelaySeconds(0));
  });
});
