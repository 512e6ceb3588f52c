/**
 * What the manifest says to show at an instant: pure functions of (manifest, time), no clock.
 * A loop starts at its segment's start and repeats until the segment ends.
 */

const DAY_MS = 86400000;
const isInstant = (text) => typeof text === 'string' && Number.isFinite(Date.parse(text));
const isId = (text) => typeof text === 'string' && text.length > 0;

function itemIsValid(item) {
  return (
    item !== null &&
    typeof item === 'object' &&
    typeof item.url === 'string' &&
    /^\/[^/]/.test(item.url) &&
    (item.kind === 'image' || item.kind === 'video') &&
    Number.isFinite(item.durationSeconds) &&
    item.durationSeconds > 0 &&
    isId(item.slideId) &&
    isId(item.assetId) &&
    isId(item.campaignId)
  );
}

function segmentIsValid(segment, itemCount) {
  return (
    segment !== null &&
    typeof segment === 'object' &&
    isInstant(segment.start) &&
    isInstant(segment.end) &&
    Date.parse(segment.end) > Date.parse(segment.start) &&
    (segment.status === 'playing' || segment.status === 'closed') &&
    Array.isArray(segment.loop) &&
    segment.loop.every((index) => Number.isInteger(index) && index >= 0 && index < itemCount)
  );
}

/** Whether a manifest has the shape playback relies on; anything else is ignored, never played. */
export function manifestIsValid(manifest) {
  if (manifest === null || typeof manifest !== 'object') return false;
  const { version, pollSeconds, segments, items, media } = manifest;
  if (!isId(version) || !Number.isFinite(pollSeconds) || pollSeconds <= 0) return false;
  if (!Array.isArray(segments) || !Array.isArray(items) || !Array.isArray(media) || segments.length === 0)
    return false;
  return (
    items.every(itemIsValid) &&
    segments.every((segment) => segmentIsValid(segment, items.length)) &&
    media.every(
      (file) =>
        file !== null && typeof file === 'object' && typeof file.url === 'string' && /^\/[^/]/.test(file.url),
    )
  );
}

/**
 * The instant to look up in the manifest: beyond its horizon (offline for more than a day) the
 * same time of an earlier day inside it is replayed, so opening hours still hold and the screen
 * never goes dark for want of a newer manifest.
 */
function lookupShift(manifest, t) {
  const from = Date.parse(manifest.segments[0].start);
  const to = Date.parse(manifest.segments[manifest.segments.length - 1].end);
  if (t >= from && t < to) return 0;
  const period = Math.min(to - from, DAY_MS);
  return Math.floor((t - from) / period) * period;
}

/**
 * The showing at instant `t` (epoch ms): the item (or null for a calm blank), when this showing
 * started and ends, and a key that names this occurrence and its content.
 */
export function showingAt(manifest, t) {
  const shift = lookupShift(manifest, t);
  const at = t - shift;
  const segments = manifest.segments;
  let segment = null;
  let nextStart = Number.POSITIVE_INFINITY;
  for (const candidate of segments) {
    const start = Date.parse(candidate.start);
    if (start <= at && at < Date.parse(candidate.end)) segment = candidate;
    else if (start > at && start < nextStart) nextStart = start;
  }
  if (!segment) {
    const endsAt = Number.isFinite(nextStart) ? nextStart + shift : t + 60000;
    return { key: `gap:${endsAt}`, item: null, startsAt: t, endsAt };
  }
  const start = Date.parse(segment.start);
  const end = Date.parse(segment.end);
  if (segment.status !== 'playing' || segment.loop.length === 0) {
    return { key: `blank:${start + shift}`, item: null, startsAt: start + shift, endsAt: end + shift };
  }
  const durations = segment.loop.map((index) => manifest.items[index].durationSeconds * 1000);
  const loopMs = durations.reduce((sum, ms) => sum + ms, 0);
  const cycleStart = start + Math.floor((at - start) / loopMs) * loopMs;
  let itemStart = cycleStart;
  let position = 0;
  while (itemStart + durations[position] <= at) itemStart += durations[position++];
  const item = manifest.items[segment.loop[position]];
  const startsAt = itemStart + shift;
  return {
    key: `${startsAt}|${item.slideId}|${item.url}`,
    item,
    startsAt,
    endsAt: Math.min(itemStart + durations[position], end) + shift,
  };
}

const loopSignature = (manifest, segment) =>
  `${segment.status}:${segment.loop.map((index) => `${manifest.items[index].slideId} ${manifest.items[index].url} ${manifest.items[index].durationSeconds}`).join(',')}`;

/**
 * The next manifest, with its first segment reaching back to where the same loop began in the
 * previous one: a manifest starts at the top of the hour, and without this every hourly update
 * would restart the loop and cut the slide on screen short.
 */
export function continueLoop(previous, next) {
  if (!previous) return next;
  const first = next.segments[0];
  const from = Date.parse(first.start);
  const earlier = previous.segments.find(
    (segment) => Date.parse(segment.start) < from && from <= Date.parse(segment.end),
  );
  if (!earlier || loopSignature(previous, earlier) !== loopSignature(next, first)) return next;
  return { ...next, segments: [{ ...first, start: earlier.start }, ...next.segments.slice(1)] };
}

/** The longest showing in the manifest (ms): how long the watchdog must allow between changes. */
export function longestItemMs(manifest) {
  return manifest ? Math.max(0, ...manifest.items.map((item) => item.durationSeconds * 1000)) : 0;
}
