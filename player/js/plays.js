/** Proof of play: events, and which queued events one upload sends or gives up on. Pure. */

/** Longest showing the server believes (MAX_DURATION_MS in src/plays/play-limits.ts). */
export const MAX_DURATION_MS = 3600000;
const DAY_MS = 86400000;
/** The server refuses plays older than 30 days; give up on them a little before. */
const OLDEST_SENDABLE_MS = 29.5 * DAY_MS;
/** The server refuses plays more than 5 minutes ahead of its clock; hold those back a while. */
const FUTURE_HOLD_MS = 4 * 60000;

function hex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A random v4 UUID: crypto.randomUUID where the browser has it, else built from getRandomValues. */
export function newEventId(source = globalThis.crypto) {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The play event of one showing that began at `startedAt` (server ms) and lasted `durationMs`. */
export function playEventOf(item, startedAt, durationMs, eventId) {
  return {
    eventId,
    slideId: item.slideId,
    assetId: item.assetId,
    campaignId: item.campaignId,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.min(MAX_DURATION_MS, Math.max(0, Math.round(durationMs))),
  };
}

/**
 * Splits queued rows ({ seq, event }, oldest first) for an upload at server time `serverNow`:
 * rows to send, rows the server would refuse for ever (older than it keeps, or absurdly far in
 * the future, from a clock that was wrong when they were recorded) and rows to hold back.
 */
export function planUpload(rows, serverNow) {
  const plan = { send: [], drop: [], hold: [] };
  for (const row of rows) {
    const startedAt = Date.parse(row.event.startedAt);
    if (
      !Number.isFinite(startedAt) ||
      startedAt < serverNow - OLDEST_SENDABLE_MS ||
      startedAt > serverNow + DAY_MS
    )
      plan.drop.push(row);
    else if (startedAt > serverNow + FUTURE_HOLD_MS) plan.hold.push(row);
    else plan.send.push(row);
  }
  return plan;
}

/**
 * The rows of a refused batch the server will never take: those its problem+json names as
 * malformed (400) or too old (422). Events it found too far in the future are kept for later.
 */
export function refusedForGood(sent, status, problem) {
  const errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  const refused = new Set();
  for (const error of errors) {
    const match = /^events\.(\d+)\b/.exec(String(error?.field));
    if (match && (status === 400 || /old/.test(String(error.message)))) refused.add(Number(match[1]));
  }
  return sent.filter((_, index) => refused.has(index));
}
