import type { Design } from '../_artwork/design.js';
import { pinMotif, THEMES } from '../_artwork/themes.js';

// The county's complement slide, shown next to the national ones on the same screens in November.
// It names only services every municipality and the county have; no local numbers we cannot vouch for.

export const designs: Design[] = [
  {
    id: 'stod-i-lanet',
    label: 'Stöd i Västmanland',
    theme: THEMES.county,
    motif: pinMotif,
    formats: ['landscape', 'portrait'],
    rightsExpiry: '2030-12-31',
    picture: {
      sv: 'Mörk blågrön bild med en ljusgrön kartnål.',
      'sv-x-easy': 'Mörkgrön bild med en kartnål.',
      en: 'Dark teal image with a light green map pin.',
      ar: 'صورة خضراء مزرقة داكنة فيها دبوس خريطة أخضر فاتح.',
    },
    copy: {
      sv: {
        kicker: 'Tillsammans mot våld · Västmanland',
        footer: 'Länsstyrelsen Västmanland',
        blocks: [
          { kind: 'headline', text: 'Stöd finns nära dig i Västmanland' },
          {
            kind: 'body',
            text: 'Socialtjänsten i din kommun ska ge stöd till dig som utsätts för våld. Kvinnojourer i länet lyssnar och stöttar.',
          },
          { kind: 'emphasis', text: 'Ring din kommun och fråga efter socialtjänsten.' },
          { kind: 'emphasis', text: 'Vid akut fara: ring 112' },
        ],
      },
      'sv-x-easy': {
        kicker: 'Tillsammans mot våld · Västmanland',
        footer: 'Länsstyrelsen Västmanland',
        blocks: [
          { kind: 'headline', text: 'Du kan få hjälp i Västmanland' },
          {
            kind: 'body',
            text: 'Gör någon i din familj dig illa? Kommunen kan hjälpa dig. Kvinnojourer lyssnar också.',
          },
          { kind: 'emphasis', text: 'Ring din kommun. Fråga efter socialtjänsten.' },
          { kind: 'emphasis', text: 'Är det farligt nu? Ring 112.' },
        ],
      },
      en: {
        kicker: 'Together against violence · Västmanland',
        footer: 'County Administrative Board of Västmanland',
        blocks: [
          { kind: 'headline', text: 'Support is close to you in Västmanland' },
          {
            kind: 'body',
            text: "The social services in your municipality must support you if you are subjected to violence. Women's shelters in the county listen and help.",
          },
          { kind: 'emphasis', text: 'Call your municipality and ask for the social services.' },
          { kind: 'emphasis', text: 'In an emergency, call 112' },
        ],
      },
      ar: {
        kicker: 'معًا ضد العنف · فيستمانلاند',
        footer: 'المجلس الإداري لمحافظة فيستمانلاند',
        blocks: [
          { kind: 'headline', text: 'الدعم قريب منك في فيستمانلاند' },
          {
            kind: 'body',
            text: 'على الخدمات الاجتماعية في بلديتك أن تدعمك إذا تعرضت للعنف. ومراكز إيواء النساء في المحافظة تستمع إليك وتساندك.',
          },
          { kind: 'emphasis', text: 'اتصل ببلديتك واطلب التحدث مع الخدمات الاجتماعية.' },
          { kind: 'emphasis', text: 'في حالة الخطر الفوري اتصل بالرقم 112' },
        ],
      },
    },
  },
];
