import type { Design } from '../_artwork/design.js';
import { ringsMotif, THEMES } from '../_artwork/themes.js';

// National slides for shop screens, every November. Words are ours; facts from the campaign brief:
// the risk of increased violence, where to get help, Kvinnofridslinjen and 112.

const KICKER = {
  sv: 'Tillsammans mot våld',
  'sv-x-easy': 'Tillsammans mot våld',
  en: 'Together against violence',
  ar: 'معًا ضد العنف',
};
const FOOTER = {
  sv: 'Jämställdhetsmyndigheten och länsstyrelserna',
  'sv-x-easy': 'Jämställdhetsmyndigheten och länsstyrelserna',
  en: 'Swedish Gender Equality Agency and the County Administrative Boards',
  ar: 'هيئة المساواة بين الجنسين والمجالس الإدارية للمحافظات',
};
const PICTURE = {
  sv: 'Mörkblå bild med två länkade ringar, en gul och en vit.',
  'sv-x-easy': 'Mörkblå bild med två ringar som hänger ihop.',
  en: 'Dark blue image with two linked rings, one yellow and one white.',
  ar: 'صورة زرقاء داكنة فيها حلقتان متشابكتان، واحدة صفراء وأخرى بيضاء.',
};
const PHONE = '020-50 50 50';

export const designs: Design[] = [
  {
    id: 'hjalp-finns',
    label: 'Hjälp finns',
    theme: THEMES.together,
    motif: ringsMotif,
    formats: ['landscape', 'portrait'],
    rightsExpiry: '2030-12-31',
    picture: PICTURE,
    copy: {
      sv: {
        kicker: KICKER.sv,
        footer: FOOTER.sv,
        blocks: [
          { kind: 'headline', text: 'Är du utsatt för våld av någon som står dig nära?' },
          { kind: 'body', text: 'Du är inte ensam. Det finns stöd och hjälp.' },
          { kind: 'emphasis', text: 'Ring Kvinnofridslinjen' },
          { kind: 'phone', text: PHONE },
          { kind: 'body', text: 'Gratis och öppet dygnet runt.' },
          { kind: 'emphasis', text: 'Vid akut fara: ring 112' },
        ],
      },
      'sv-x-easy': {
        kicker: KICKER['sv-x-easy'],
        footer: FOOTER['sv-x-easy'],
        blocks: [
          { kind: 'headline', text: 'Gör någon i din familj dig illa?' },
          { kind: 'body', text: 'Du är inte ensam. Du kan få hjälp.' },
          { kind: 'emphasis', text: 'Ring Kvinnofridslinjen' },
          { kind: 'phone', text: PHONE },
          { kind: 'body', text: 'Det är gratis. Du kan ringa när som helst.' },
          { kind: 'emphasis', text: 'Är det farligt nu? Ring 112.' },
        ],
      },
      en: {
        kicker: KICKER.en,
        footer: FOOTER.en,
        blocks: [
          { kind: 'headline', text: 'Is someone close to you hurting you?' },
          { kind: 'body', text: 'You are not alone. Support and help are available.' },
          { kind: 'emphasis', text: 'Call Kvinnofridslinjen, the national helpline' },
          { kind: 'phone', text: PHONE },
          { kind: 'body', text: 'Free of charge and open day and night.' },
          { kind: 'emphasis', text: 'In an emergency, call 112' },
        ],
      },
      ar: {
        kicker: KICKER.ar,
        footer: FOOTER.ar,
        blocks: [
          { kind: 'headline', text: 'هل يؤذيك شخص قريب منك؟' },
          { kind: 'body', text: 'لست وحدك. الدعم والمساعدة متاحان لك.' },
          { kind: 'emphasis', text: 'اتصل بخط المساعدة الوطني Kvinnofridslinjen' },
          { kind: 'phone', text: PHONE },
          { kind: 'body', text: 'مجاني ومفتوح ليلًا ونهارًا.' },
          { kind: 'emphasis', text: 'في حالة الخطر الفوري اتصل بالرقم 112' },
        ],
      },
    },
  },
  {
    id: 'vald-syns-inte',
    label: 'Våld syns inte alltid',
    theme: THEMES.together,
    motif: ringsMotif,
    formats: ['landscape', 'portrait'],
    rightsExpiry: '2030-12-31',
    picture: PICTURE,
    copy: {
      sv: {
        kicker: KICKER.sv,
        footer: FOOTER.sv,
        blocks: [
          { kind: 'headline', text: 'Våld i hemmet syns inte alltid utåt' },
          { kind: 'body', text: 'Oro och isolering kan öka risken för våld i nära relationer.' },
          {
            kind: 'emphasis',
            text: 'Är du orolig för någon? Fråga hur hen mår. Du kan också ringa Kvinnofridslinjen.',
          },
          { kind: 'phone', text: PHONE },
        ],
      },
      'sv-x-easy': {
        kicker: KICKER['sv-x-easy'],
        footer: FOOTER['sv-x-easy'],
        blocks: [
          { kind: 'headline', text: 'Våld hemma syns inte alltid' },
          { kind: 'body', text: 'Våldet kan öka när man är ensam och inte träffar andra.' },
          { kind: 'emphasis', text: 'Är du orolig för någon? Fråga hur hen mår. Ring Kvinnofridslinjen.' },
          { kind: 'phone', text: PHONE },
        ],
      },
      en: {
        kicker: KICKER.en,
        footer: FOOTER.en,
        blocks: [
          { kind: 'headline', text: 'Violence at home is not always visible' },
          {
            kind: 'body',
            text: 'Worry and isolation can increase the risk of violence in close relationships.',
          },
          {
            kind: 'emphasis',
            text: 'Worried about someone? Ask how they are. You can call Kvinnofridslinjen too.',
          },
          { kind: 'phone', text: PHONE },
        ],
      },
      ar: {
        kicker: KICKER.ar,
        footer: FOOTER.ar,
        blocks: [
          { kind: 'headline', text: 'العنف في البيت لا يظهر دائمًا للآخرين' },
          { kind: 'body', text: 'القلق والعزلة قد يزيدان من خطر العنف في العلاقات القريبة.' },
          {
            kind: 'emphasis',
            text: 'هل أنت قلق على شخص ما؟ اسأله عن حاله. يمكنك أيضًا الاتصال بخط Kvinnofridslinjen.',
          },
          { kind: 'phone', text: PHONE },
        ],
      },
    },
  },
];
