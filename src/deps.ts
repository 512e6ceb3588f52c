import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { BlobStore } from './media/storage.js';

/** A source of the current time, passed in so tests can move it. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Everything the app needs from outside, passed in rather than imported, so tests swap parts. */
export interface AppDeps {
  config: Config;
  database: Database;
  storage: BlobStore;
  clock: Clock;
  log: Logger;
  /** Set once migrations are applied; /readyz answers 200 only then. */
  readiness: { migrated: boolean; shuttingDown: boolean };
}
