import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useBundledFonts } from '../media/fonts.js';
import { eventInstants, eventShowsOnScreens, timingProblems } from './event-times.js';
import { buildProgramme, type ProgrammeEventInput, programmeAltText } from './programme.js';
import { escapeXml, programmeSvg } from './programme-svg.js';
import { countyNameIn } from './programme-words.js';
import { measureText } from './text-measure.js';

const base: ProgrammeEventInput = {
  title: { sv: 'Föreläsning' },
  startDate: '2026-11-24',
  startTime: '18:00',
  endDate: '2026-11-24',
  endTime: '19:30',
  placeKind: 'venue',
  placeName: 'Biblioteket',
  placeAddress: 'Arboga',
  registrationRequired: false,
  registrationDeadline: null,
  cancelled: false,
};

function programme(events: ProgrammeEventInput[], language: 'sv' | 'en' = 'sv') {
  return buildProgramme({
    language,
    countyName: countyNameIn('Västmanlands län', language),
    campaignTitle: { sv: 'En vecka fri från våld' },
    events,
    pageUrl: null,
  });
}

describe('event times', () => {
  it('reads local times in Stockholm on both sides of a DST change and in the spring gap', () => {
    expect(
      eventInstants({
        startDate: '2026-10-24',
        startTime: '18:00',
        endDate: '2026-10-24',
        endTime: null,
      }).startsAt.toISOString(),
    ).toBe('2026-10-24T16:00:00.000Z');
    expect(
      eventInstants({
        startDate: '2026-10-26',
        startTime: '18:00',
        endDate: '2026-10-26',
        endTime: null,
      }).startsAt.toISOString(),
    ).toBe('2026-10-26T17:00:00.000Z');
    // 02:30 does not exist on 28 March 2027: the start moves to the end of the gap.
    expect(
      eventInstants({
        startDate: '2027-03-28',
        startTime: '02:30',
        endDate: '2027-03-28',
        endTime: '04:00',
      }).startsAt.toISOString(),
    ).toBe('2027-03-28T01:30:00.000Z');
    // A whole day on the fall-back Sunday lasts 25 hours.
    const sunday = eventInstants({
      startDate: '2026-10-25',
      startTime: null,
      endDate: '2026-10-25',
      endTime: null,
    });
    expect(((sunday.endsAt?.getTime() ?? 0) - sunday.startsAt.getTime()) / 3_600_000).toBe(25);
  });

  it('names the field of each timing problem', () => {
    const fields = (timing: Parameters<typeof timingProblems>[0], deadline?: string) =>
      timingProblems(timing, deadline).map((problem) => problem.field);
    expect(
      fields({ startDate: '2026-11-24', startTime: '18:00', endDate: '2026-11-24', endTime: '17:00' }),
    ).toEqual(['endTime']);
    expect(
      fields({ startDate: '2026-11-24', startTime: null, endDate: '2026-11-24', endTime: '17:00' }),
    ).toEqual(['endTime']);
    expect(
      fields({ startDate: '2026-11-24', startTime: '18:00', endDate: '2026-11-25', endTime: null }),
    ).toEqual(['endTime']);
    expect(
      fields({ startDate: '2026-11-24', startTime: null, endDate: '2026-11-23', endTime: null }),
    ).toEqual(['endDate']);
    expect(
      fields({ startDate: '2026-11-31', startTime: null, endDate: '2026-11-31', endTime: null }),
    ).toEqual(['startDate', 'endDate']);
    expect(
      fields(
        { startDate: '2026-11-24', startTime: '23:00', endDate: '2026-11-25', endTime: '01:00' },
        '2026-11-26',
      ),
    ).toEqual(['registration.deadline']);
    expect(
      fields(
        { startDate: '2026-11-24', startTime: '23:00', endDate: '2026-11-25', endTime: '01:00' },
        '2026-11-20',
      ),
    ).toEqual([]);
  });

  it('keeps an event on screens until it ends, or while registration is open when it needs registration', () => {
    const event = { ...eventInstants(base), registrationRequired: true, registrationDeadline: '2026-11-20' };
    expect(eventShowsOnScreens(event, new Date('2026-11-20T22:59:59Z'))).toBe(true);
    expect(eventShowsOnScreens(event, new Date('2026-11-20T23:00:00Z'))).toBe(false);
    const open = { ...event, registrationRequired: false };
    expect(eventShowsOnScreens(open, new Date('2026-11-24T18:29:59Z'))).toBe(true);
    expect(eventShowsOnScreens(open, new Date('2026-11-24T18:30:00Z'))).toBe(false);
  });
});

describe('the programme image', () => {
  it('escapes every text for XML, so any title gives a well-formed SVG', async () => {
    useBundledFonts();
    const hostile = {
      ...base,
      title: { sv: '<script>alert("x")</script> & \'citat\' ]]>' },
      placeName: 'A & B <c>',
    };
    const { svg } = programmeSvg(programme([hostile]), 'landscape');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;citat&apos; ]]&gt;');
    expect(svg).toContain('A &amp; B &lt;c&gt;');
    expect(await sharp(Buffer.from(svg)).metadata()).toMatchObject({
      width: 1920,
      height: 1080,
      format: 'svg',
    });
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });

  it('marks a cancelled event with the word, in the language, on the image and in the alt text', () => {
    for (const [language, word] of [
      ['sv', 'INSTÄLLT'],
      ['en', 'CANCELLED'],
    ] as const) {
      const shown = programme([{ ...base, cancelled: true }], language);
      expect(programmeSvg(shown, 'portrait').svg).toContain(`>${word}</text>`);
      expect(programmeAltText(shown, 1)).toContain(`${word}: `);
    }
  });

  it('cuts long titles to the width with an ellipsis, and counts events that do not fit', () => {
    const long = { ...base, title: { sv: 'En mycket lång titel '.repeat(12).trim() } };
    const many = Array.from({ length: 12 }, () => long);
    const landscape = programmeSvg(programme(many), 'landscape');
    expect(landscape.shown).toBe(6);
    expect(landscape.svg).toContain('+ 6 evenemang till');
    const titles = [
      ...landscape.svg.matchAll(/font-size="40" font-weight="bold" fill="#ffffff">([^<]+)</g),
    ].map((match) => match[1] ?? '');
    expect(titles.length).toBe(6);
    for (const title of titles) {
      expect(title.endsWith('…')).toBe(true);
      expect(measureText(title, 40, 'bold')).toBeLessThanOrEqual(1920 - 2 * 96 - 400);
    }
    expect(programmeAltText(programme(many), landscape.shown)).toContain('Och 6 evenemang till.');
  });
});
