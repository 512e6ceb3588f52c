import { and, count, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../deps.js';
import { isDatabaseUnavailable } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { jobRuns } from '../jobs/schema.js';
import { cachedManifestCount } from '../manifests/manifest-runtime.js';
import { screens } from '../screens/schema.js';
import { surfaceDatabaseFault } from './database-errors.js';
import { markDatabaseDown, markDatabaseUp } from './database-health.js';
import { manifestWentOutStale } from './manifest-staleness.js';

/**
 * Prometheus metrics of one app instance. Request counts, latencies, manifests, plays and
 * heartbeats are counted by this instance; screens and job runs are read from the database at
 * scrape time and are the same on every instance (aggregate those with max, not sum).
 */
export interface AppMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  manifestRequests: Counter<'outcome'>;
  playsIngested: Counter;
  playDuplicates: Counter;
  heartbeats: Counter;
  databaseUnavailable: Counter;
  /**
   * Counts a manifest poll answered from memory (manifest-fast-path.ts): its latency is observed
   * at once, its counts are tallied and added to the counters whenever they are read, so the
   * busiest path of the service pays no label hashing for them.
   */
  countPollFromMemory(status: 200 | 304, seconds: number): void;
}

export const MANIFEST_ROUTE = '/api/v1/screens/me/manifest';
const PLAYS_ROUTE = '/api/v1/screens/me/plays';
const HEARTBEAT_ROUTE = '/api/v1/screens/me/heartbeat';
// Values read from the database are reused for this long, so frequent scrapes cost no queries.
const DATABASE_READ_CACHE_MS = 15_000;
const JOB_WINDOW_MS = 24 * 3_600_000;

const instances = new WeakMap<AppDeps, AppMetrics>();

/** The metrics of an app instance (its deps), created on first use. */
export function metricsOf(deps: AppDeps): AppMetrics {
  let metrics = instances.get(deps);
  if (!metrics) {
    metrics = createMetrics(deps);
    instances.set(deps, metrics);
  }
  return metrics;
}

const POLL_LABELS = { method: 'GET', route: MANIFEST_ROUTE } as const;

function createMetrics(deps: AppDeps): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const tally = { modified: 0, notModified: 0 };
  // Adds the tallied polls to the counters; every reader of those counters calls it first.
  const addTally = () => {
    if (tally.modified > 0) {
      httpRequests.inc({ ...POLL_LABELS, status: '200' }, tally.modified);
      manifestRequests.inc({ outcome: 'modified' }, tally.modified);
      tally.modified = 0;
    }
    if (tally.notModified > 0) {
      httpRequests.inc({ ...POLL_LABELS, status: '304' }, tally.notModified);
      manifestRequests.inc({ outcome: 'not_modified' }, tally.notModified);
      tally.notModified = 0;
    }
  };
  const httpRequests: Counter<'method' | 'route' | 'status'> = new Counter({
    name: 'hub_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
    collect: addTally,
  });
  const httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'Time from receiving a request to having its response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const manifestRequests: Counter<'outcome'> = new Counter({
    name: 'hub_manifest_requests_total',
    help: 'Manifest polls by outcome: modified (200), not_modified (304), stale (served from memory while the database is away), refused',
    labelNames: ['outcome'] as const,
    registers,
    collect: addTally,
  });
  new Gauge({
    name: 'hub_manifest_not_modified_ratio',
    help: 'Share of manifest polls answered 304 since this instance started',
    registers,
    collect() {
      addTally();
      const values = Object.fromEntries(
        manifestValues(manifestRequests).map(({ outcome, value }) => [outcome, value]),
      ) as Record<string, number>;
      const total = Object.values(values).reduce((sum, value) => sum + value, 0);
      this.set(total === 0 ? 0 : (values.not_modified ?? 0) / total);
    },
  });
  new Gauge({
    name: 'hub_manifests_cached',
    help: 'Manifests this instance holds in memory',
    registers,
    collect() {
      this.set(cachedManifestCount(deps));
    },
  });
  const metrics: AppMetrics = {
    registry,
    httpRequests,
    httpDuration,
    manifestRequests,
    playsIngested: new Counter({
      name: 'hub_plays_ingested_total',
      help: 'Proof-of-play events stored',
      registers,
    }),
    playDuplicates: new Counter({
      name: 'hub_play_duplicates_total',
      help: 'Proof-of-play events already stored (retries)',
      registers,
    }),
    heartbeats: new Counter({ name: 'hub_heartbeats_total', help: 'Screen heartbeats recorded', registers }),
    databaseUnavailable: new Counter({
      name: 'hub_database_unavailable_total',
      help: 'Requests answered 503 because the database could not be reached',
      registers,
    }),
    countPollFromMemory(status, seconds) {
      httpDuration.observe(POLL_LABELS, seconds);
      if (status === 304) tally.notModified += 1;
      else tally.modified += 1;
    },
  };
  addDatabaseGauges(deps, registry);
  return metrics;
}

function manifestValues(counter: Counter<'outcome'>): Array<{ outcome: string; value: number }> {
  // prom-client keeps label values in `hashMap`; reading them avoids a second bookkeeping.
  const hashMap = (
    counter as unknown as { hashMap: Record<string, { labels: { outcome?: string }; value: number }> }
  ).hashMap;
  return Object.values(hashMap).map((entry) => ({ outcome: entry.labels.outcome ?? '', value: entry.value }));
}

interface DatabaseFigures {
  up: boolean;
  screens: { online: number; offline: number };
  jobs: Array<{ job: string; outcome: string; runs: number; lastAtSeconds: number }>;
}

/** Gauges read from the database: screens online/offline, recent job runs, database reachable. */
function addDatabaseGauges(deps: AppDeps, registry: Registry): void {
  let cached: { at: number; figures: Promise<DatabaseFigures> } | null = null;
  const figures = () => {
    const now = deps.clock.now().getTime();
    if (!cached || now - cached.at >= DATABASE_READ_CACHE_MS)
      cached = { at: now, figures: readDatabaseFigures(deps, now) };
    return cached.figures;
  };
  const registers = [registry];
  new Gauge({
    name: 'hub_database_up',
    help: 'Whether the last read of the database for metrics succeeded (1) or not (0)',
    registers,
    async collect() {
      this.set((await figures()).up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'hub_screens',
    help: 'Paired screens by state (online: heard from within three heartbeats), across all instances',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const { up, screens: counts } = await figures();
      if (!up) return;
      this.set({ state: 'online' }, counts.online);
      this.set({ state: 'offline' }, counts.offline);
    },
  });
  const jobGauge = (name: string, help: string, value: (row: DatabaseFigures['jobs'][number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['job', 'outcome'] as const,
      registers,
      async collect() {
        const { up, jobs } = await figures();
        if (!up) return;
        this.reset();
        for (const row of jobs) this.set({ job: row.job, outcome: row.outcome }, value(row));
      },
    });
  jobGauge(
    'hub_job_runs_last_day',
    'Job runs started in the last 24 hours by job and outcome (ok, failed, running), across all instances',
    (row) => row.runs,
  );
  jobGauge(
    'hub_job_last_run_timestamp_seconds',
    'When each job last finished (or started, while running), by outcome, across all instances',
    (row) => row.lastAtSeconds,
  );
}

async function readDatabaseFigures(deps: AppDeps, now: number): Promise<DatabaseFigures> {
  const { db } = deps.database;
  try {
    const [screenCounts] = await db
      .select({
        online: sql<number>`count(*) filter (where ${screens.offlineSince} is null)`.mapWith(Number),
        offline: sql<number>`count(*) filter (where ${screens.offlineSince} is not null)`.mapWith(Number),
      })
      .from(screens)
      .where(and(isNull(screens.revokedAt), isNotNull(screens.pairedAt)));
    const outcome = sql<string>`coalesce(${jobRuns.outcome}, 'running')`;
    const jobs = await db
      .select({
        job: jobRuns.job,
        outcome,
        runs: count(),
        lastAtSeconds:
          sql<number>`extract(epoch from max(coalesce(${jobRuns.finishedAt}, ${jobRuns.startedAt})))::float8`.mapWith(
            Number,
          ),
      })
      .from(jobRuns)
      .where(gt(jobRuns.startedAt, new Date(now - JOB_WINDOW_MS)))
      .groupBy(jobRuns.job, outcome);
    markDatabaseUp(deps);
    return {
      up: true,
      screens: { online: screenCounts?.online ?? 0, offline: screenCounts?.offline ?? 0 },
      jobs,
    };
  } catch (error) {
    if (isDatabaseUnavailable(error)) markDatabaseDown(deps);
    deps.log.warn({ err: error }, 'metrics: cannot read the database');
    return { up: false, screens: { online: 0, offline: 0 }, jobs: [] };
  }
}

/** The route pattern that answered (bounded label values), or "unmatched" for a 404 without route. */
function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  return !route || route.path === '*' || route.path === '/*' ? 'unmatched' : route.path;
}

/** How a manifest poll went, for hub_manifest_requests_total. */
export function manifestOutcome(status: number, stale: boolean): 'stale' | 'not_modified' | 'modified' | 'refused' {
  if (stale) return 'stale';
  return status === 304 ? 'not_modified' : status === 200 ? 'modified' : 'refused';
}

/** Counts and times one answered request (by route pattern), and counts manifest polls by outcome. */
export function countAnswer(
  metrics: AppMetrics,
  answer: { method: string; route: string; status: number; seconds: number; manifestStale: boolean },
): void {
  const { method, route, status } = answer;
  metrics.httpRequests.inc({ method, route, status: String(status) });
  metrics.httpDuration.observe({ method, route }, answer.seconds);
  if (route === MANIFEST_ROUTE) metrics.manifestRequests.inc({ outcome: manifestOutcome(status, answer.manifestStale) });
}

/** Middleware that counts and times every request, and reads the outcome of manifests and plays. */
export function recordRequestMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const deps = c.get('deps');
    const metrics = metricsOf(deps);
    const route = routeOf(c);
    const status = c.res.status;
    const manifestStale = route === MANIFEST_ROUTE && manifestWentOutStale(c);
    countAnswer(metrics, { method: c.req.method, route, status, seconds: (performance.now() - started) / 1000, manifestStale });
    if (c.error && isDatabaseUnavailable(surfaceDatabaseFault(c.error))) {
      metrics.databaseUnavailable.inc();
      markDatabaseDown(deps);
    }
    if (route === PLAYS_ROUTE && status === 200) {
      const body = (await c.res
        .clone()
        .json()
        .catch(() => ({}))) as { accepted?: number; duplicates?: number };
      metrics.playsIngested.inc(body.accepted ?? 0);
      metrics.playDuplicates.inc(body.duplicates ?? 0);
    } else if (route === HEARTBEAT_ROUTE && status === 200) {
      metrics.heartbeats.inc();
    }
  };
}

/** Collects default process metrics (resident memory, CPU, event loop lag) once per registry. */
const withDefaults = new WeakSet<Registry>();

/** The Prometheus text exposition of an app instance's metrics. */
export async function renderMetrics(deps: AppDeps): Promise<{ contentType: string; body: string }> {
  const { registry } = metricsOf(deps);
  if (!withDefaults.has(registry)) {
    collectDefaultMetrics({ register: registry });
    withDefaults.add(registry);
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}
