import { sql } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';

/**
 * Whether this instance believes the database is unreachable. Requests that fail for want of the
 * database mark it down; asking (as every manifest poll does) probes it in the background at most
 * every PROBE_MS, so the belief follows the database both ways while there is traffic, and costs
 * nothing when there is none. Answers served from memory meanwhile say they may be stale.
 */
export const DATABASE_PROBE_MS = 1000;

interface Health {
  down: boolean;
  lastProbeAt: number;
  probing: boolean;
}

const states = new WeakMap<AppDeps, Health>();

function healthOf(deps: AppDeps): Health {
  let health = states.get(deps);
  if (!health) {
    health = { down: false, lastProbeAt: 0, probing: false };
    states.set(deps, health);
  }
  return health;
}

/** Records that the database answered. */
export function markDatabaseUp(deps: AppDeps): void {
  healthOf(deps).down = false;
}

/** Records that the database could not be reached. */
export function markDatabaseDown(deps: AppDeps): void {
  healthOf(deps).down = true;
}

/** Whether the database was unreachable at the last look; starts a new look when the last is old. */
export function databaseSeemsDown(deps: AppDeps): boolean {
  const health = healthOf(deps);
  // Paced by wall time, not deps.clock: this is about the real connection, not the business day.
  const now = Date.now();
  if (!health.probing && now - health.lastProbeAt >= DATABASE_PROBE_MS && !deps.readiness.shuttingDown) {
    health.probing = true;
    health.lastProbeAt = now;
    deps.database.db
      .execute(sql`select 1`)
      .then(
        () => markDatabaseUp(deps),
        () => markDatabaseDown(deps),
      )
      .finally(() => {
        health.probing = false;
      });
  }
  return health.down;
}
