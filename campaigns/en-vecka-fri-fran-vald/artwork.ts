import type { Design } from '../_artwork/design.js';
import { candleMotif, THEMES } from '../_artwork/themes.js';

// Week 48 in Västmanland: the programme itself (dates, places, cancellations) lives in events;
// this slide only says what the week is and where to find the programme.

const ADDRESS = 'lansstyrelsen.se/vastmanland';

export const designs: Design[] = [
  {
    id: 'vecka-48',
    label: 'Vecka 48 i Västmanland',
    theme: THEMES.week,
    motif: candleMotif,
    formats: ['landscape', 'portrait'],
    picture: {
      sv: 'Mörk nattblå bild med ett tänt stearinljus.',
      'sv-x-easy': 'Mörkblå bild med ett tänt ljus.',
      en: 'Dark night-blue image with a lit candle.',
      ar: 'صورة زرقاء داكنة كلون الليل فيها شمعة مضاءة.',
    },
    copy: {
      sv: {
        kicker: 'Vecka 48 · Västmanland',
        footer: 'Länsstyrelsen Västmanland',
        blocks: [
          { kind: 'headline', text: 'En vecka fri från våld' },
          {
            kind: 'body',
            text: 'Föreläsningar, samtal och ljusmanifestationer mot våld på flera orter i länet.',
          },
          { kind: 'emphasis', text: 'Alla aktiviteter är kostnadsfria.' },
          { kind: 'body', text: 'Vissa kräver anmälan. Hela programmet finns på', continues: true },
          { kind: 'address', text: ADDRESS },
        ],
      },
      'sv-x-easy': {
        kicker: 'Vecka 48 · Västmanland',
        footer: 'Länsstyrelsen Västmanland',
        blocks: [
          { kind: 'headline', text: 'En vecka fri från våld' },
          { kind: 'body', text: 'Vecka 48 kan du lyssna på föreläsningar och vara med på samtal om våld.' },
          { kind: 'emphasis', text: 'Allt är gratis.' },
          { kind: 'body', text: 'Ibland måste du anmäla dig först. Läs mer på', continues: true },
          { kind: 'address', text: ADDRESS },
        ],
      },
      en: {
        kicker: 'Week 48 · Västmanland',
        footer: 'County Administrative Board of Västmanland',
        blocks: [
          { kind: 'headline', text: 'A week free from violence' },
          {
            kind: 'body',
            text: 'Lectures, talks and candlelight vigils against violence in towns across the county.',
          },
          { kind: 'emphasis', text: 'All activities are free of charge.' },
          { kind: 'body', text: 'Some need registration. The full programme is at', continues: true },
          { kind: 'address', text: ADDRESS },
        ],
      },
      ar: {
        kicker: 'الأسبوع 48 · فيستمانلاند',
        footer: 'المجلس الإداري لمحافظة فيستمانلاند',
        blocks: [
          { kind: 'headline', text: 'أسبوع خالٍ من العنف' },
          { kind: 'body', text: 'محاضرات وحوارات ووقفات بالشموع ضد العنف في عدة مدن في المحافظة.' },
          { kind: 'emphasis', text: 'جميع الأنشطة مجانية.' },
          { kind: 'body', text: 'بعض الأنشطة تتطلب التسجيل. البرنامج الكامل على الموقع:', continues: true },
          { kind: 'address', text: ADDRESS },
        ],
      },
    },
  },
];
