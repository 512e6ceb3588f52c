import type { ContentLanguage } from '../i18n/languages.js';
import type { Window } from '../windows/window-schema.js';

/**
 * Input and output shapes of schedule resolution. The lead maps database rows to these; nothing
 * in src/schedule reads the database or the clock.
 */

/** Who owns a campaign; national slides get a guaranteed share of every loop. */
export type Tier = 'national' | 'county' | 'local';

/** Tiers in playlist order: national first. */
export const TIERS: readonly Tier[] = ['national', 'county', 'local'];

export type RenditionFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'mp4' | 'webm';

/** A derived, content-addressed media file of one variant. */
export interface ScheduleRendition {
  hash: string;
  url: string;
  width: number;
  height: number;
  format: RenditionFormat;
  bytes: number;
}

/** One language/orientation version of a slide's artwork. */
export interface ScheduleVariant {
  assetId: string;
  language: ContentLanguage;
  orientation: 'landscape' | 'portrait' | 'any';
  kind: 'image' | 'video';
  altText: string;
  renditions: ScheduleRendition[];
}

/**
 * Which screens a slide reaches. Every non-empty criterion must match; an absent or empty list
 * means "all". `counties` and `municipalities` together form one region criterion: the screen
 * matches when its county is in `counties` OR its municipality is in `municipalities`, so a slide
 * for county 19 plus municipality 0180 reaches both. `groups`, `tags` and `chains` match on any
 * overlap; `orientation` must equal the screen's.
 */
export interface SlideTargeting {
  counties?: string[];
  municipalities?: string[];
  groups?: string[];
  tags?: string[];
  chains?: string[];
  orientation?: 'landscape' | 'portrait';
}

/** An asset placed on screens inside its campaign's window. */
export interface ScheduleSlide {
  id: string;
  campaignId: string;
  campaignSlug: string;
  tier: Tier;
  campaignWindow: Window;
  /** The slide's own window, inside the campaign's; absent means the campaign window alone. */
  window?: Window;
  durationSeconds: number;
  /** A locked slide is never dropped from a loop: national ones at all, lower tiers only last. */
  locked: boolean;
  position: number;
  fit: 'cover' | 'contain';
  targeting: SlideTargeting;
  /** Order matters only as a tie-breaker; the first variant is the last-resort language. */
  variants: ScheduleVariant[];
}

/** A clock time 'HH:MM' (00:00 to 24:00) in the screen's local time. */
export type ClockTime = string;

/** ISO weekday (1 = Monday … 7 = Sunday) → opening spans; a span with `to` <= `from` runs past midnight. */
export type OpeningHours = Partial<
  Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Array<{ from: ClockTime; to: ClockTime }>>
>;

/** What resolution needs to know about one screen. */
export interface ScreenProfile {
  id: string;
  countyCode: string | null;
  municipalityCode: string | null;
  chain: string | null;
  /** Ids of the static and dynamic groups it belongs to, resolved by the caller. */
  groups: string[];
  tags: string[];
  orientation: 'landscape' | 'portrait';
  width: number;
  height: number;
  /** Preference order, most preferred first. */
  languages: ContentLanguage[];
  timeZone: string;
  /** null = always open; an object without any span = never open. */
  openingHours: OpeningHours | null;
  playWhenClosed: boolean;
}

/** Loop policy shared by every screen. */
export interface ScheduleRules {
  /** Minimum share (0..1) of loop time for national slides whenever one is playing. */
  nationalShare: number;
  /** Played, regardless of windows and targeting, when nothing else is open for an open screen. */
  defaultLoop: ScheduleSlide[];
  fallbackLanguage: ContentLanguage;
  /** Soft cap: lower-tier slides are dropped to keep the loop within it; defaults to 600. */
  maxLoopSeconds?: number;
}

/** One entry of a loop, with the media chosen for the screen. */
export interface PlaylistItem {
  slideId: string;
  campaignId: string;
  campaignSlug: string;
  tier: Tier;
  assetId: string;
  language: ContentLanguage;
  /** True when the language is none of the screen's preferences. */
  fallbackLanguageUsed: boolean;
  durationSeconds: number;
  fit: 'cover' | 'contain';
  kind: 'image' | 'video';
  altText: string;
  media: ScheduleRendition;
}

/** What a screen does at an instant. */
export type PlaylistResult =
  | { status: 'closed'; opensAt: Date | null }
  | {
      status: 'playing';
      items: PlaylistItem[];
      loopSeconds: number;
      nationalSeconds: number;
      usedDefaultLoop: boolean;
    };

/** A half-open span [start, end) during which the screen's playlist does not change. */
export interface TimelineSegment {
  start: Date;
  end: Date;
  result: PlaylistResult;
}
