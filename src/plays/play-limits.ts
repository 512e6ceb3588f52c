/**
 * Limits and tolerances of proof of play and fleet health, in one place so the API description,
 * the services and the report agree. Constants rather than configuration: they describe the
 * contract with the player, not a deployment choice (PLAYS_RETENTION_DAYS is the exception a
 * deployment may one day want to tune; see the note on it).
 */

/** Most events one batch may carry; the player sends at most this many per request. */
export const MAX_EVENTS_PER_BATCH = 1000;

/** Largest accepted request body for a batch: 1000 events are about 250 kB of JSON. */
export const MAX_BATCH_BYTES = 1024 * 1024;

/** How far ahead of server time a play may start: players' clocks drift, but not by more. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** How old a play may be when it arrives: a player offline for weeks still uploads its backlog. */
export const MAX_EVENT_AGE_DAYS = 30;

/** Longest believable showing of one slide (a long video); more is a player bug. */
export const MAX_DURATION_MS = 60 * 60 * 1000;

/**
 * Days raw plays are kept (rollups are kept for ever). Must exceed MAX_EVENT_AGE_DAYS so a late
 * batch never lands on a day whose plays were already pruned. Candidate for a PLAYS_RETENTION_DAYS
 * setting in src/config.ts.
 */
export const PLAYS_RETENTION_DAYS = 90;

/** Days raw heartbeats are kept; the latest is also on the screen row. */
export const HEARTBEAT_RETENTION_DAYS = 14;

/** How often a player sends a heartbeat (the player reads it from the heartbeat answer). */
export const HEARTBEAT_INTERVAL_SECONDS = 60;

/** A screen is offline after this many missed heartbeats. */
export const MISSED_HEARTBEATS_BEFORE_OFFLINE = 3;

/** Silence after which the offline job marks a screen offline. */
export const OFFLINE_AFTER_MS = MISSED_HEARTBEATS_BEFORE_OFFLINE * HEARTBEAT_INTERVAL_SECONDS * 1000;

/** The calendar that reach days are counted in. */
export const REPORT_TIME_ZONE = 'Europe/Stockholm';

/** Longest reach report, in days. */
export const MAX_REACH_DAYS = 366;
