import {
  clockWithStop,
  countyBaseName,
  dashSpan,
  type ProgrammeLocale,
  type ProgrammePhrases,
  words,
} from './programme-locale.js';

/*
 * The programme in the languages written in Latin letters. Each table is written out rather than
 * taken from Intl, so a slide's text (and so its content hash) does not depend on the ICU data of
 * the Node version that renders it.
 */

const SV_WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
const SV_MONTHS = words(
  'januari februari mars april maj juni juli augusti september oktober november december',
);
const svShortWeekdays = ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'];
const svShortMonths = ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'];

const svPhrases: ProgrammePhrases = {
  heading: (county) => `Evenemang i ${county}`,
  cancelled: 'INSTÄLLT',
  allDay: 'hela dagen',
  online: 'Webbsänd',
  registerBy: (date) => `Anmälan senast ${date}`,
  registrationRequired: 'Anmälan krävs',
  more: (count) => `+ ${count} evenemang till`,
  fullProgramme: (url) => `Hela programmet och anmälan: ${url}`,
  imageOf: 'Bild med evenemangsprogram.',
  place: 'Plats',
  andMore: (count) => `Och ${count} evenemang till.`,
};

const svLongDate: ProgrammeLocale['longDate'] = ({ weekday, day, month }) =>
  `${SV_WEEKDAYS[weekday]} ${day} ${SV_MONTHS[month - 1]}`;

export const sv: ProgrammeLocale = {
  direction: 'ltr',
  longDate: svLongDate,
  shortDate: ({ weekday, day, month }) => `${svShortWeekdays[weekday]} ${day} ${svShortMonths[month - 1]}`,
  // Swedish typography writes 18.00.
  clock: clockWithStop,
  timeSpan: (start, end) => `kl. ${dashSpan(start, end)}`,
  number: String,
  countyName: (name) => name,
  comma: ', ',
  orientation: { landscape: 'liggande', portrait: 'stående' },
  phrases: svPhrases,
};

const activities = (count: number) => (count === 1 ? 'aktivitet' : 'aktiviteter');

/** Easy-to-read Swedish: everyday words, short sentences, no abbreviations (dates in full). */
export const svEasy: ProgrammeLocale = {
  ...sv,
  shortDate: svLongDate,
  timeSpan: (start, end) => `klockan ${dashSpan(start, end)}`,
  phrases: {
    heading: (county) => `Det här händer i ${county}`,
    cancelled: 'INSTÄLLT',
    allDay: 'hela dagen',
    online: 'På internet',
    registerBy: (date) => `Anmäl dig senast ${date}`,
    registrationRequired: 'Du måste anmäla dig',
    more: (count) => `+ ${count} ${activities(count)} till`,
    fullProgramme: (url) => `Läs mer och anmäl dig: ${url}`,
    imageOf: 'Bild med en lista över aktiviteter.',
    place: 'Plats',
    andMore: (count) => `Och ${count} ${activities(count)} till.`,
  },
};

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS = words(
  'January February March April May June July August September October November December',
);
const events = (count: number) => (count === 1 ? 'event' : 'events');

export const en: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${EN_WEEKDAYS[weekday]} ${day} ${EN_MONTHS[month - 1]}`,
  shortDate: ({ weekday, day, month }) =>
    `${EN_WEEKDAYS[weekday]?.slice(0, 3)} ${day} ${EN_MONTHS[month - 1]?.slice(0, 3)}`,
  clock: (time) => time,
  timeSpan: dashSpan,
  number: String,
  countyName: (name) => `${countyBaseName(name)} County`,
  comma: ', ',
  orientation: { landscape: 'landscape', portrait: 'portrait' },
  phrases: {
    heading: (county) => `Events in ${county}`,
    cancelled: 'CANCELLED',
    allDay: 'all day',
    online: 'Online (webcast)',
    registerBy: (date) => `Register by ${date}`,
    registrationRequired: 'Registration required',
    more: (count) => `+ ${count} more ${events(count)}`,
    fullProgramme: (url) => `Full programme and registration: ${url}`,
    imageOf: 'Image with a programme of events.',
    place: 'Place',
    andMore: (count) => `And ${count} more ${events(count)}.`,
  },
};

const FI_WEEKDAYS = ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'];
const FI_SHORT_WEEKDAYS = ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'];
/** Month names in the partitive, as a date says them: "24. marraskuuta". */
const FI_MONTHS = words(
  'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
);
const otherEvents = (count: number) => (count === 1 ? '1 muu tapahtuma' : `${count} muuta tapahtumaa`);

export const fi: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${FI_WEEKDAYS[weekday]} ${day}. ${FI_MONTHS[month - 1]}`,
  shortDate: ({ weekday, day, month }) => `${FI_SHORT_WEEKDAYS[weekday]} ${day}.${month}.`,
  clock: clockWithStop,
  timeSpan: (start, end) => `klo ${dashSpan(start, end)}`,
  number: String,
  // Finnish names of Swedish counties are not all regular (Tukholman lääni): keep the official name.
  countyName: (name) => name,
  comma: ', ',
  orientation: { landscape: 'vaakasuuntainen', portrait: 'pystysuuntainen' },
  phrases: {
    heading: (county) => `Tapahtumat – ${county}`,
    cancelled: 'PERUTTU',
    allDay: 'koko päivän',
    online: 'Verkossa',
    registerBy: (date) => `Ilmoittautuminen viimeistään ${date}`,
    registrationRequired: 'Ilmoittautuminen vaaditaan',
    more: (count) => `+ ${otherEvents(count)}`,
    fullProgramme: (url) => `Koko ohjelma ja ilmoittautuminen: ${url}`,
    imageOf: 'Kuva, jossa on tapahtumaohjelma.',
    place: 'Paikka',
    andMore: (count) => `Ja ${otherEvents(count)}.`,
  },
};

const PL_WEEKDAYS = ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'];
const PL_SHORT_WEEKDAYS = ['pon.', 'wt.', 'śr.', 'czw.', 'pt.', 'sob.', 'niedz.'];
/** Month names in the genitive, as a date says them: "24 listopada". */
const PL_MONTHS = words(
  'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
);
const PL_SHORT_MONTHS = ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'];

/** Polish "N more events": 1 wydarzenie, 2–4 (not 12–14) wydarzenia, otherwise wydarzeń. */
function morePolishEvents(count: number): string {
  if (count === 1) return '1 kolejne wydarzenie';
  const few = [2, 3, 4].includes(count % 10) && ![12, 13, 14].includes(count % 100);
  return few ? `${count} kolejne wydarzenia` : `${count} kolejnych wydarzeń`;
}

export const pl: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${PL_WEEKDAYS[weekday]}, ${day} ${PL_MONTHS[month - 1]}`,
  shortDate: ({ weekday, day, month }) =>
    `${PL_SHORT_WEEKDAYS[weekday]} ${day} ${PL_SHORT_MONTHS[month - 1]}`,
  clock: (time) => time,
  timeSpan: (start, end) => `godz. ${dashSpan(start, end)}`,
  number: String,
  countyName: (name) => `region ${countyBaseName(name)}`,
  comma: ', ',
  orientation: { landscape: 'poziomo', portrait: 'pionowo' },
  phrases: {
    heading: (county) => `Wydarzenia – ${county}`,
    cancelled: 'ODWOŁANE',
    allDay: 'cały dzień',
    online: 'Online',
    registerBy: (date) => `Zapisy do ${date}`,
    registrationRequired: 'Wymagane zapisy',
    more: (count) => `+ ${morePolishEvents(count)}`,
    fullProgramme: (url) => `Pełny program i zapisy: ${url}`,
    imageOf: 'Obraz z programem wydarzeń.',
    place: 'Miejsce',
    andMore: (count) => `Oraz ${morePolishEvents(count)}.`,
  },
};

const TR_WEEKDAYS = ['Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'];
const TR_SHORT_WEEKDAYS = ['Pzt', 'Sal', 'Çar', 'Per', 'Cum', 'Cmt', 'Paz'];
const TR_MONTHS = words('Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık');
const TR_SHORT_MONTHS = ['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'];

/** Turkish writes the day first: "24 Kasım Salı", and clock times with a full stop. */
export const tr: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${day} ${TR_MONTHS[month - 1]} ${TR_WEEKDAYS[weekday]}`,
  shortDate: ({ weekday, day, month }) =>
    `${day} ${TR_SHORT_MONTHS[month - 1]} ${TR_SHORT_WEEKDAYS[weekday]}`,
  clock: clockWithStop,
  timeSpan: (start, end) => `saat ${dashSpan(start, end)}`,
  number: String,
  countyName: (name) => `${countyBaseName(name)} ili`,
  comma: ', ',
  orientation: { landscape: 'yatay', portrait: 'dikey' },
  phrases: {
    heading: (county) => `Etkinlikler – ${county}`,
    cancelled: 'İPTAL EDİLDİ',
    allDay: 'tüm gün',
    online: 'Çevrim içi',
    registerBy: (date) => `Son kayıt tarihi: ${date}`,
    registrationRequired: 'Kayıt gerekli',
    more: (count) => `+ ${count} etkinlik daha`,
    fullProgramme: (url) => `Programın tamamı ve kayıt: ${url}`,
    imageOf: 'Etkinlik programını gösteren görsel.',
    place: 'Yer',
    andMore: (count) => `Ve ${count} etkinlik daha.`,
  },
};

const SO_WEEKDAYS = ['Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti', 'Axad'];
const SO_MONTHS = words(
  'Janaayo Febraayo Maarso Abriil Maajo Juun Luuliyo Agoosto Sebtembar Oktoobar Nofembar Desembar',
);

/** Somali has no settled short forms of day and month names: the short date is "Talaado 24/11". */
export const so: ProgrammeLocale = {
  direction: 'ltr',
  longDate: ({ weekday, day, month }) => `${SO_WEEKDAYS[weekday]}, ${day} ${SO_MONTHS[month - 1]}`,
  shortDate: ({ weekday, day, month }) => `${SO_WEEKDAYS[weekday]} ${day}/${month}`,
  clock: (time) => time,
  timeSpan: dashSpan,
  number: String,
  countyName: (name) => `gobolka ${countyBaseName(name)}`,
  comma: ', ',
  orientation: { landscape: 'jiif', portrait: 'taagan' },
  phrases: {
    heading: (county) => `Dhacdooyinka ${county}`,
    cancelled: 'LA JOOJIYAY',
    allDay: 'maalinta oo dhan',
    online: 'Internetka',
    registerBy: (date) => `Isdiiwaangeli ugu dambeyn ${date}`,
    registrationRequired: 'Isdiiwaangelintu waa qasab',
    more: (count) => `+ ${count} dhacdo oo kale`,
    fullProgramme: (url) => `Barnaamijka oo dhan iyo isdiiwaangelinta: ${url}`,
    imageOf: 'Sawir muujinaya barnaamijka dhacdooyinka.',
    place: 'Goobta',
    andMore: (count) => `Iyo ${count} dhacdo oo kale.`,
  },
};
