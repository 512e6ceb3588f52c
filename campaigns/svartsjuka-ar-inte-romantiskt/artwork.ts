import type { Design } from '../_artwork/design.js';
import { crackedHeartMotif, THEMES } from '../_artwork/themes.js';

// For young people: screens in schools and youth clubs, social media, and an A3 poster to order.
// Control dressed up as love is the message; the partners are those named in the campaign brief.

const ADDRESS = 'svartsjukaarinteromantiskt.se';
const PARTNERS = {
  sv: 'Länsstyrelserna · Jämställdhetsmyndigheten · Polismyndigheten · ungarelationer.se',
  'sv-x-easy': 'Länsstyrelserna · Jämställdhetsmyndigheten · Polisen · ungarelationer.se',
  en: 'County Administrative Boards · Swedish Gender Equality Agency · Swedish Police · ungarelationer.se',
  ar: 'المجالس الإدارية للمحافظات · هيئة المساواة بين الجنسين · الشرطة · ungarelationer.se',
};
const KICKER = {
  sv: 'Svartsjuka är inte romantiskt',
  'sv-x-easy': 'Svartsjuka är inte romantiskt',
  en: 'Jealousy is not romantic',
  ar: 'الغيرة ليست رومانسية',
};
const PICTURE = {
  sv: 'Mörklila bild med ett rosa hjärta som har en spricka.',
  'sv-x-easy': 'Lila bild med ett rosa hjärta. Hjärtat är trasigt.',
  en: 'Dark purple image with a pink heart that has a crack through it.',
  ar: 'صورة بنفسجية داكنة فيها قلب وردي مشقوق.',
};

export const designs: Design[] = [
  {
    id: 'kontroll-ar-inte-karlek',
    label: 'Kontroll är inte kärlek',
    theme: THEMES.jealousy,
    motif: crackedHeartMotif,
    formats: ['landscape', 'portrait'],
    rightsExpiry: '2029-03-31',
    picture: PICTURE,
    copy: {
      sv: {
        kicker: 'Kampanj om våld i ungas relationer',
        footer: PARTNERS.sv,
        blocks: [
          { kind: 'headline', text: KICKER.sv },
          {
            kind: 'body',
            text: 'Att kolla din mobil, bestämma vem du får träffa eller vad du ska ha på dig är kontroll – inte kärlek.',
          },
          { kind: 'emphasis', text: 'Känner du igen dig? Prata med någon du litar på.' },
          { kind: 'body', text: 'Vid akut fara: ring 112' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      'sv-x-easy': {
        kicker: 'Om våld när unga är kära',
        footer: PARTNERS['sv-x-easy'],
        blocks: [
          { kind: 'headline', text: KICKER['sv-x-easy'] },
          { kind: 'body', text: 'Kollar din partner din mobil? Bestämmer hen vem du får träffa?' },
          { kind: 'emphasis', text: 'Det är kontroll. Det är inte kärlek.' },
          { kind: 'body', text: 'Prata med en vuxen du litar på. Är det farligt nu? Ring 112.' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      en: {
        kicker: "On violence in young people's relationships",
        footer: PARTNERS.en,
        blocks: [
          { kind: 'headline', text: KICKER.en },
          {
            kind: 'body',
            text: 'Checking your phone, deciding who you may see or what you may wear is control – not love.',
          },
          { kind: 'emphasis', text: 'Sound familiar? Talk to someone you trust.' },
          { kind: 'body', text: 'In an emergency, call 112' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      ar: {
        kicker: 'حملة عن العنف في علاقات الشباب',
        footer: PARTNERS.ar,
        blocks: [
          { kind: 'headline', text: KICKER.ar },
          { kind: 'body', text: 'تفتيش هاتفك، أو تحديد من تقابل أو ماذا ترتدي، هو سيطرة وليس حبًا.' },
          { kind: 'emphasis', text: 'هل يبدو لك هذا مألوفًا؟ تحدّث مع شخص تثق به.' },
          { kind: 'body', text: 'في حالة الخطر الفوري اتصل بالرقم 112' },
          { kind: 'address', text: ADDRESS },
        ],
      },
    },
  },
  {
    id: 'kontroll-ar-inte-karlek-social',
    label: 'Kontroll är inte kärlek, kvadrat',
    theme: THEMES.jealousy,
    motif: crackedHeartMotif,
    formats: ['social'],
    rightsExpiry: '2028-03-31',
    // The heart and the headline: crops for other platforms keep these in view.
    focalPoint: { x: 0.5, y: 0.4 },
    picture: PICTURE,
    copy: {
      sv: {
        kicker: KICKER.sv,
        footer: PARTNERS.sv,
        blocks: [
          { kind: 'headline', text: KICKER.sv },
          { kind: 'emphasis', text: 'Kontroll är inte kärlek. Prata med någon du litar på.' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      'sv-x-easy': {
        kicker: KICKER['sv-x-easy'],
        footer: PARTNERS['sv-x-easy'],
        blocks: [
          { kind: 'headline', text: KICKER['sv-x-easy'] },
          { kind: 'emphasis', text: 'Kontroll är inte kärlek. Prata med en vuxen.' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      en: {
        kicker: KICKER.en,
        footer: PARTNERS.en,
        blocks: [
          { kind: 'headline', text: KICKER.en },
          { kind: 'emphasis', text: 'Control is not love. Talk to someone you trust.' },
          { kind: 'address', text: ADDRESS },
        ],
      },
      ar: {
        kicker: KICKER.ar,
        footer: PARTNERS.ar,
        blocks: [
          { kind: 'headline', text: KICKER.ar },
          { kind: 'emphasis', text: 'السيطرة ليست حبًا. تحدّث مع شخص تثق به.' },
          { kind: 'address', text: ADDRESS },
        ],
      },
    },
  },
  {
    id: 'affisch',
    label: 'Affisch',
    theme: THEMES.jealousy,
    motif: crackedHeartMotif,
    formats: ['print'],
    focalPoint: { x: 0.5, y: 0.3 },
    picture: { sv: 'Affisch i mörklila med ett stort rosa hjärta som har en spricka.' },
    copy: {
      sv: {
        kicker: 'Kampanj om våld i ungas relationer',
        footer: PARTNERS.sv,
        blocks: [
          { kind: 'headline', text: KICKER.sv },
          {
            kind: 'body',
            text: 'Att kolla din mobil, bestämma vem du får träffa eller vad du ska ha på dig är kontroll – inte kärlek.',
          },
          {
            kind: 'body',
            text: 'Ingen har rätt att skrämma, hota eller skada dig. Inte heller den du är ihop med.',
          },
          { kind: 'emphasis', text: 'Känner du igen dig? Prata med någon du litar på.' },
          { kind: 'body', text: 'Vid akut fara: ring 112' },
          { kind: 'address', text: ADDRESS },
        ],
      },
    },
  },
];
