import type { Design } from '../_artwork/design.js';
import { speechMotif, THEMES } from '../_artwork/themes.js';

// Consent, and speaking up against sexual exploitation: the campaign's own aims, said briefly.

export const designs: Design[] = [
  {
    id: 'saga-ifran',
    label: 'Säg ifrån',
    theme: THEMES.silence,
    motif: speechMotif,
    formats: ['landscape', 'portrait'],
    rightsExpiry: '2030-10-17',
    picture: {
      sv: 'Svart bild med en pratbubbla i korall som har ett utropstecken.',
      'sv-x-easy': 'Svart bild med en pratbubbla och ett utropstecken.',
      en: 'Black image with a coral speech bubble holding an exclamation mark.',
      ar: 'صورة سوداء فيها فقاعة كلام مرجانية اللون بداخلها علامة تعجب.',
    },
    copy: {
      sv: {
        kicker: 'Om samtycke och att våga säga ifrån',
        footer: 'Jämställdhetsmyndigheten',
        blocks: [
          { kind: 'headline', text: 'Låt inte tystnaden tala' },
          { kind: 'body', text: 'Sex ska alltid bygga på samtycke. Tystnad är inte ett ja.' },
          { kind: 'emphasis', text: 'Våga säga ifrån när någon kränks eller utnyttjas sexuellt.' },
          { kind: 'body', text: 'Att utnyttja barn sexuellt är ett brott.' },
        ],
      },
      'sv-x-easy': {
        kicker: 'Om sex och att säga ifrån',
        footer: 'Jämställdhetsmyndigheten',
        blocks: [
          { kind: 'headline', text: 'Låt inte tystnaden tala' },
          { kind: 'body', text: 'Sex ska vara något båda vill. Att vara tyst är inte ett ja.' },
          { kind: 'emphasis', text: 'Säg ifrån om någon blir utnyttjad.' },
          { kind: 'body', text: 'Ingen får utnyttja barn.' },
        ],
      },
      en: {
        kicker: 'On consent and speaking up',
        footer: 'Swedish Gender Equality Agency',
        blocks: [
          { kind: 'headline', text: "Don't let the silence speak" },
          { kind: 'body', text: 'Sex must always be based on consent. Silence is not a yes.' },
          { kind: 'emphasis', text: 'Dare to speak up when someone is sexually violated or exploited.' },
          { kind: 'body', text: 'Sexually exploiting children is a crime.' },
        ],
      },
      ar: {
        kicker: 'عن الموافقة ورفع الصوت',
        footer: 'هيئة المساواة بين الجنسين',
        blocks: [
          { kind: 'headline', text: 'لا تدع الصمت يتكلم' },
          { kind: 'body', text: 'يجب أن تقوم العلاقة الجنسية دائمًا على الموافقة. الصمت ليس موافقة.' },
          { kind: 'emphasis', text: 'تجرّأ وارفع صوتك عندما يتعرض أحد للانتهاك أو الاستغلال الجنسي.' },
          { kind: 'body', text: 'الاستغلال الجنسي للأطفال جريمة.' },
        ],
      },
    },
  },
];
