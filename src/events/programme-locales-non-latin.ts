import { countyBaseName, dashSpan, digitsIn, type ProgrammeLocale, words } from './programme-locale.js';

/*
 * The programme in Ukrainian (Cyrillic), Arabic and Persian (Arabic script, right to left).
 * Place names stay in Latin letters as on Swedish signs and maps ("محافظة Västmanland"): the
 * slide lays them out left to right inside the right-to-left line.
 */

const UK_WEEKDAYS = ['понеділок', 'вівторок', 'середа', 'четвер', 'пʼятниця', 'субота', 'неділя'];
const UK_SHORT_WEEKDAYS = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'нд'];
/** Month names in the genitive, as a date says them: "24 листопада". */
const UK_MONTHS = words(
  'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня',
);
const UK_SHORT_MONTHS = words('січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд.');

/** Ukrainian "N more events": 1 (21, 31 …) захід, 2–4 (22–24 …) заходи, otherwise заходів. */
function moreUkrainianEvents(count: number): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (last === 1 && lastTwo !== 11) return `${count} захід`;
  if ([2, 3, 4].includes(last) && ![12, 13, 14].includes(lastTwo)) return `${count} заходи`;
  return `${count} заходів`;
}

export const uk: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${UK_WEEKDAYS[weekday]}, ${day} ${UK_MONTHS[month - 1]}`,
  shortDate: ({ weekday, day, month }) =>
    `${UK_SHORT_WEEKDAYS[weekday]}, ${day} ${UK_SHORT_MONTHS[month - 1]}`,
  clock: (time) => time,
  timeSpan: dashSpan,
  number: String,
  countyName: (name) => `лен ${countyBaseName(name)}`,
  comma: ', ',
  orientation: { landscape: 'горизонтально', portrait: 'вертикально' },
  phrases: {
    heading: (county) => `Заходи – ${county}`,
    cancelled: 'СКАСОВАНО',
    allDay: 'увесь день',
    online: 'Онлайн',
    registerBy: (date) => `Реєстрація до ${date}`,
    registrationRequired: 'Потрібна реєстрація',
    more: (count) => `+ ще ${moreUkrainianEvents(count)}`,
    fullProgramme: (url) => `Повна програма і реєстрація: ${url}`,
    imageOf: 'Зображення з програмою заходів.',
    place: 'Місце',
    andMore: (count) => `І ще ${moreUkrainianEvents(count)}.`,
  },
};

const AR_WEEKDAYS = ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'];
const AR_MONTHS = words('يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر');

/** Arabic "N other events": one and two have words of their own, 3–10 a plural, 11 up a singular. */
function otherArabicEvents(count: number): string {
  if (count === 1) return 'فعالية أخرى';
  if (count === 2) return 'فعاليتان أخريان';
  return count <= 10 ? `${count} فعاليات أخرى` : `${count} فعالية أخرى`;
}

const arabicDate: ProgrammeLocale['longDate'] = ({ weekday, day, month }) =>
  `${AR_WEEKDAYS[weekday]} ${day} ${AR_MONTHS[month - 1]}`;

/**
 * Arabic with Western digits, as the campaign's own Arabic texts write them ("الأسبوع 48"), and a
 * span of times in words ("من 18:00 إلى 19:30"): a dash between two times reads backwards when
 * the line runs right to left.
 */
export const ar: ProgrammeLocale = {
  direction: 'rtl',
  longDate: arabicDate,
  // Arabic has no short forms of day and month names.
  shortDate: arabicDate,
  clock: (time) => time,
  timeSpan: (start, end) => (end ? `من ${start} إلى ${end}` : `الساعة ${start}`),
  number: String,
  countyName: (name) => `محافظة ${countyBaseName(name)}`,
  comma: '، ',
  orientation: { landscape: 'أفقي', portrait: 'عمودي' },
  phrases: {
    heading: (county) => `فعاليات في ${county}`,
    cancelled: 'ملغاة',
    allDay: 'طوال اليوم',
    online: 'عبر الإنترنت',
    registerBy: (date) => `التسجيل حتى ${date}`,
    registrationRequired: 'التسجيل مطلوب',
    more: (count) => `+ ${otherArabicEvents(count)}`,
    fullProgramme: (url) => `البرنامج الكامل والتسجيل: ${url}`,
    imageOf: 'صورة فيها برنامج الفعاليات.',
    place: 'المكان',
    andMore: (count) => `و${otherArabicEvents(count)}.`,
  },
};

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const FA_WEEKDAYS = ['دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنج‌شنبه', 'جمعه', 'شنبه', 'یکشنبه'];
const FA_MONTHS = words('ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر');
const persian = (count: number) => digitsIn(String(count), FA_DIGITS);
const persianDate: ProgrammeLocale['longDate'] = ({ weekday, day, month }) =>
  `${FA_WEEKDAYS[weekday]} ${persian(day)} ${FA_MONTHS[month - 1]}`;

/** Persian with Persian digits (۱۸:۰۰) and Gregorian month names, and "تا" between two times. */
export const fa: ProgrammeLocale = {
  direction: 'rtl',
  longDate: persianDate,
  shortDate: persianDate,
  clock: (time) => digitsIn(time, FA_DIGITS),
  timeSpan: (start, end) => (end ? `ساعت ${start} تا ${end}` : `ساعت ${start}`),
  number: persian,
  countyName: (name) => `استان ${countyBaseName(name)}`,
  comma: '، ',
  orientation: { landscape: 'افقی', portrait: 'عمودی' },
  phrases: {
    heading: (county) => `رویدادها در ${county}`,
    cancelled: 'لغو شد',
    allDay: 'تمام روز',
    online: 'آنلاین',
    registerBy: (date) => `ثبت‌نام تا ${date}`,
    registrationRequired: 'ثبت‌نام لازم است',
    more: (count) => `+ ${persian(count)} رویداد دیگر`,
    fullProgramme: (url) => `برنامه کامل و ثبت‌نام: ${url}`,
    imageOf: 'تصویری از برنامه رویدادها.',
    place: 'مکان',
    andMore: (count) => `و ${persian(count)} رویداد دیگر.`,
  },
};
