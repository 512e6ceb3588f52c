import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBundledFonts } from '../media/fonts.js';
import { buildProgramme, type ProgrammeEventInput, programmeAltText, programmeTitle } from './programme.js';
import { type ProgrammeOrientation, programmeSvg } from './programme-svg.js';
import { countyNameIn, type ProgrammeLanguage } from './programme-words.js';
import { fitLine, measureText } from './text-measure.js';

const event: ProgrammeEventInput = {
  title: {
    sv: 'Länskonferens – Allas rätt till ett liv utan våld – vikten av våldsförebyggande arbete!',
    ar: 'مؤتمر المحافظة – حق الجميع في حياة خالية من العنف – أهمية العمل الوقائي!',
    fa: 'کنفرانس استان – حق همه برای زندگی بدون خشونت – اهمیت کار پیشگیرانه!',
  },
  startDate: '2026-11-25',
  startTime: '08:30',
  endDate: '2026-11-25',
  endTime: '16:00',
  placeKind: 'venue',
  placeName: 'Folkets hus (stora salen)',
  placeAddress: 'Västerås',
  registrationRequired: true,
  registrationDeadline: '2026-11-18',
  cancelled: false,
};
/** Arabic and Persian titles, a Swedish-only one (shown in Swedish) and a cancelled one. */
const EVENTS: ProgrammeEventInput[] = [
  event,
  { ...event, title: { sv: 'Ljusmanifestation Köping' }, startTime: null, endTime: null },
  { ...event, cancelled: true, placeKind: 'online', placeName: null, placeAddress: null },
  ...Array.from({ length: 6 }, () => event),
];

function programmeIn(language: ProgrammeLanguage) {
  return buildProgramme({
    language,
    countyName: countyNameIn('Västmanlands län', language),
    campaignTitle: { sv: 'En vecka fri från våld', ar: 'أسبوع خالٍ من العنف' },
    events: EVENTS,
    pageUrl: 'https://kampanjnavet.example/evenemang?lan=19',
  });
}

interface SvgText {
  x: number;
  rtl: boolean;
  content: string;
}

function textsOf(svg: string): SvgText[] {
  return [
    ...svg.matchAll(
      /<text x="(\d+)" y="\d+" font-size="\d+"(?: font-weight="bold")?( direction="rtl")?[^>]*>([^<]*)<\/text>/g,
    ),
  ].map((match) => ({ x: Number(match[1]), rtl: Boolean(match[2]), content: match[3] ?? '' }));
}

const SIZE: Record<ProgrammeOrientation, { width: number; height: number; margin: number }> = {
  landscape: { width: 1920, height: 1080, margin: 96 },
  portrait: { width: 1080, height: 1920, margin: 72 },
};

/** The first and last columns with text on them, between rows top and bottom of a rendered SVG. */
async function inkColumns(svg: string, top = 0, bottom = Number.POSITIVE_INFINITY) {
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const ground = [0x23, 0x17, 0x3a];
  let first = info.width;
  let last = -1;
  for (let y = Math.max(0, top); y < Math.min(info.height, bottom); y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const at = (y * info.width + x) * 3;
      const ink = ground.some((value, channel) => Math.abs((data[at + channel] ?? 0) - value) > 40);
      // The rule under the title spans the full width in a muted colour; only text counts here.
      if (ink && (data[at] ?? 0) !== 0x6b) {
        first = Math.min(first, x);
        last = Math.max(last, x);
      }
    }
  }
  return { first, last };
}

beforeAll(() => {
  useBundledFonts();
});

describe('right-to-left programme slides', () => {
  it.each(['ar', 'fa'] as const)(
    'anchors every %s text at the right and marks it right to left',
    (language) => {
      for (const orientation of ['landscape', 'portrait'] as const) {
        const { width, margin } = SIZE[orientation];
        const texts = textsOf(programmeSvg(programmeIn(language), orientation).svg);
        expect(texts.length).toBeGreaterThan(10);
        expect(texts.every((text) => text.rtl)).toBe(true);
        // Heading, campaign title and the first date start at the right margin.
        expect(texts.slice(0, 3).map((text) => text.x)).toEqual([
          width - margin,
          width - margin,
          width - margin,
        ]);
        expect(Math.max(...texts.map((text) => text.x))).toBe(width - margin);
      }
      const swedish = textsOf(programmeSvg(programmeIn('sv'), 'landscape').svg);
      expect(swedish.some((text) => text.rtl)).toBe(false);
      expect(swedish[0]?.x).toBe(96);
    },
  );

  it('isolates Latin titles, places and addresses so they read left to right inside an Arabic line', () => {
    const programme = programmeIn('ar');
    const texts = textsOf(programmeSvg(programme, 'landscape').svg).map((text) => text.content);
    expect(texts).toContain('\u2068Ljusmanifestation Köping\u2069');
    // A cut Arabic title keeps its ellipsis inside the isolate, at its (left) end.
    expect(
      texts.filter((text) => /^\u2068مؤتمر المحافظة .*[^\s–]…\u2069$/.test(text)).length,
    ).toBeGreaterThan(0);
    expect(texts).toContain(
      '\u2068Folkets hus (stora salen), Västerås\u2069 · التسجيل حتى الأربعاء 18 نوفمبر',
    );
    expect(programme.heading).toBe('فعاليات في \u2068محافظة Västmanland\u2069');
    // Read out and listed as plain text.
    const alt = programmeAltText(programme, 3);
    expect(alt).not.toMatch(/[\u2066-\u2069]/);
    expect(alt).toContain('فعاليات في محافظة Västmanland: أسبوع خالٍ من العنف.');
    expect(alt).toContain('ملغاة: الأربعاء 25 نوفمبر، من 08:30 إلى 16:00: مؤتمر المحافظة');
    expect(alt).toContain('المكان: Folkets hus (stora salen), Västerås.');
    expect(alt).toContain('و6 فعاليات أخرى.');
    expect(programmeTitle(programme, 'portrait')).toBe('فعاليات في محافظة Västmanland – عمودي');
  });

  it.each([
    ['ar', 'landscape'],
    ['ar', 'portrait'],
    ['fa', 'landscape'],
    ['fa', 'portrait'],
  ] as const)(
    'draws %s %s text flush right and nothing in the side margins',
    async (language, orientation) => {
      const { width, margin } = SIZE[orientation];
      const { svg } = programmeSvg(programmeIn(language), orientation);
      const all = await inkColumns(svg);
      expect(all.first).toBeGreaterThanOrEqual(margin - 2);
      expect(all.last).toBeLessThanOrEqual(width - margin + 2);
      // The heading's right end meets the right margin; its left end is far from the left one.
      const heading = await inkColumns(
        svg,
        orientation === 'landscape' ? 70 : 110,
        orientation === 'landscape' ? 120 : 160,
      );
      expect(heading.last).toBeGreaterThan(width - margin - 8);
      expect(heading.first).toBeGreaterThan(margin + 200);
    },
  );

  it('draws Swedish flush left, as before', async () => {
    const heading = await inkColumns(programmeSvg(programmeIn('sv'), 'landscape').svg, 70, 120);
    expect(heading.first).toBeLessThan(96 + 8);
    expect(heading.last).toBeLessThan(1920 / 2);
  });
});

describe('the landscape date column', () => {
  it('widens for long dates instead of cutting them, and stays 400 px for Swedish', () => {
    const easy = textsOf(programmeSvg(programmeIn('sv-x-easy'), 'landscape').svg);
    expect(easy.map((text) => text.content)).toContain('onsdag 25 november');
    const titleX = (texts: SvgText[]) => texts.find((text) => text.content.startsWith('Länskonferens'))?.x;
    expect(titleX(easy)).toBeGreaterThan(96 + 400);
    expect(titleX(textsOf(programmeSvg(programmeIn('sv'), 'landscape').svg))).toBe(96 + 400);
    for (const language of ['ar', 'fa'] as const) {
      const dates = textsOf(programmeSvg(programmeIn(language), 'landscape').svg).filter((text) =>
        /نوفمبر|نوامبر/.test(text.content),
      );
      expect(dates.length).toBeGreaterThan(0);
      for (const date of dates) expect(date.content.endsWith('…')).toBe(false);
    }
  });
});

describe('measuring text in the bundled font', () => {
  /** How far pango moves a line between anchoring its start and its end at one x: its width. */
  async function drawnWidth(content: string, weight: 'normal' | 'bold'): Promise<number> {
    const at = (anchor: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100" font-family="DejaVu Sans">` +
      `<rect width="4000" height="100" fill="#23173a"/><text x="2000" y="70" font-size="40"` +
      `${weight === 'bold' ? ' font-weight="bold"' : ''} text-anchor="${anchor}" fill="#fff">${content}</text></svg>`;
    return (await inkColumns(at('start'))).first - (await inkColumns(at('end'))).first;
  }

  it.each([
    'أسبوع خالٍ من العنف',
    'لا الإسلام والمسلمين لله',
    'سه‌شنبه ۲۴ نوامبر · ساعت ۱۸:۰۰ تا ۱۹:۳۰',
    'Biblioteket, Musikrummet, Arboga · التسجيل حتى 20 نوفمبر',
    'برنامه کامل و ثبت‌نام: https://kampanj.example/evenemang?lan=19',
    'Заходи – лен Västmanland · вівторок, 24 листопада',
  ])('measures "%s" as pango draws it, Arabic joined', async (content) => {
    for (const weight of ['normal', 'bold'] as const) {
      const drawn = await drawnWidth(content, weight);
      expect(Math.abs(measureText(content, 40, weight) - drawn) / drawn).toBeLessThan(0.01);
    }
  });

  it('gives bidi isolates no width, as pango draws none', () => {
    expect(measureText('\u2068Köping\u2069', 40, 'normal')).toBe(measureText('Köping', 40, 'normal'));
  });

  it('cuts an Arabic line at a word, without a comma before the ellipsis', () => {
    const line = 'محاضرات، وحوارات، ووقفات بالشموع ضد العنف في عدة مدن في المحافظة';
    const cut = fitLine(line, 40, 'bold', 500);
    expect(measureText(cut, 40, 'bold')).toBeLessThanOrEqual(500);
    expect(cut).toMatch(/[^\s،]…$/);
    expect(line.startsWith(cut.slice(0, -1))).toBe(true);
  });
});
