import type { FieldProblem } from '../../errors.js';
import { type EventPatch, type NewEvent, NewEventSchema } from '../../events/event-schemas.js';
import type { EventRefusal, EventRow } from '../../events/events-service.js';
import type { UiLanguage } from '../i18n.js';
import type { Translate } from './coordinator-layout.js';
import { formProblems, type PostedForm, schemaMessage } from './form-input.js';

/** The texts of an event per content language, as the form shows them. */
export type TextsByLanguage = Record<string, string>;

/** What the event form holds, as strings, the way the form shows them. */
export interface EventFormValues {
  countyCode: string;
  title: TextsByLanguage;
  description: TextsByLanguage;
  audience: TextsByLanguage;
  startDate: string;
  allDay: boolean;
  startTime: string;
  endTime: string;
  endDate: string;
  placeKind: string;
  placeName: string;
  placeAddress: string;
  placeMunicipalityCode: string;
  placeUrl: string;
  registrationRequired: boolean;
  registrationDeadline: string;
  registrationUrl: string;
  registrationEmail: string;
  cancelled: boolean;
}

/** The languages an event's texts are written in: the campaign's, Swedish first and always. */
export function eventLanguages(campaignLanguages: readonly string[]): string[] {
  return ['sv', ...campaignLanguages.filter((language) => language !== 'sv')];
}

function texts(
  text: Record<string, string> | null | undefined,
  languages: readonly string[],
): TextsByLanguage {
  return Object.fromEntries(languages.map((language) => [language, text?.[language] ?? '']));
}

/** The form values of a new event (in the only county the user has, if one) or of a stored one. */
export function eventFormValues(
  event: EventRow | null,
  languages: readonly string[],
  defaultCounty = '',
): EventFormValues {
  return {
    countyCode: event?.countyCode ?? defaultCounty,
    title: texts(event?.title, languages),
    description: texts(event?.description, languages),
    audience: texts(event?.audience, languages),
    startDate: event?.startDate ?? '',
    allDay: event ? event.startTime === null : false,
    startTime: event?.startTime ?? '',
    endTime: event?.endTime ?? '',
    // A one-day event shows no end date, as it was most likely entered.
    endDate: event && event.endDate !== event.startDate ? event.endDate : '',
    placeKind: event?.placeKind ?? 'venue',
    placeName: event?.placeName ?? '',
    placeAddress: event?.placeAddress ?? '',
    placeMunicipalityCode: event?.placeMunicipalityCode ?? '',
    placeUrl: event?.placeUrl ?? '',
    registrationRequired: event?.registrationRequired ?? false,
    registrationDeadline: event?.registrationDeadline ?? '',
    registrationUrl: event?.registrationUrl ?? '',
    registrationEmail: event?.registrationEmail ?? '',
    cancelled: event?.cancelled ?? false,
  };
}

/** Reads the posted event form; texts only in the given languages. */
export function readEventForm(form: PostedForm, languages: readonly string[]): EventFormValues {
  const perLanguage = (name: string) =>
    Object.fromEntries(languages.map((language) => [language, form.text(`${name}.${language}`)]));
  return {
    countyCode: form.text('countyCode'),
    title: perLanguage('title'),
    description: perLanguage('description'),
    audience: perLanguage('audience'),
    startDate: form.text('startDate'),
    allDay: form.text('allDay') === 'yes',
    startTime: form.text('startTime'),
    endTime: form.text('endTime'),
    endDate: form.text('endDate'),
    placeKind: form.text('place.kind'),
    placeName: form.text('place.name'),
    placeAddress: form.text('place.address'),
    placeMunicipalityCode: form.text('place.municipalityCode'),
    placeUrl: form.text('place.url'),
    registrationRequired: form.text('registration.required') === 'yes',
    registrationDeadline: form.text('registration.deadline'),
    registrationUrl: form.text('registration.url'),
    registrationEmail: form.text('registration.email'),
    cancelled: form.text('cancelled') === 'yes',
  };
}

/** Only the languages that have text; undefined when none has (the schema then asks for Swedish if needed). */
function localizedOrUndefined(text: TextsByLanguage): Record<string, string> | undefined {
  const given = Object.entries(text).filter(([, value]) => value !== '');
  return given.length ? Object.fromEntries(given) : undefined;
}

const PLACE_FIELDS = ['name', 'address', 'municipalityCode', 'url'];

/** A zod path of NewEventSchema as the form field it came from ("title" alone is its Swedish text). */
function eventField(path: string[]): string {
  const [head, second] = path;
  if (head === 'title' || head === 'description' || head === 'audience') return `${head}.${second ?? 'sv'}`;
  if (head === 'place') return second && PLACE_FIELDS.includes(second) ? `place.${second}` : 'place.kind';
  // The registration's "a url or an email" check belongs to the link, the first of the two.
  if (head === 'registration')
    return second === 'deadline' || second === 'email' ? `registration.${second}` : 'registration.url';
  return head ?? 'form';
}

/** The place the form describes; the fields of the other kind of place are left out, as the form says. */
function placeOf(values: EventFormValues) {
  const given = (key: string, value: string) => (value ? { [key]: value } : {});
  if (values.placeKind === 'online')
    return { kind: 'online', ...given('name', values.placeName), ...given('url', values.placeUrl) };
  if (values.placeKind === 'venue')
    return {
      kind: 'venue',
      name: values.placeName,
      ...given('address', values.placeAddress),
      ...given('municipalityCode', values.placeMunicipalityCode),
    };
  return { kind: values.placeKind };
}

type Parsed = { ok: true; input: NewEvent } | { ok: false; errors: FieldProblem[] };

/** The event the form describes, checked by the API's own schema with its timing rules. */
export function parseEventForm(values: EventFormValues, lang: UiLanguage): Parsed {
  const sv = lang === 'sv';
  const errors: FieldProblem[] = [];
  // The form asks for a time or "all day", so a forgotten time is not silently an all-day event.
  if (!values.allDay && !values.startTime)
    errors.push({
      field: 'startTime',
      message: sv
        ? 'Ange när det börjar, eller kryssa i hela dagen.'
        : 'Give the start time, or tick all day.',
    });
  const description = localizedOrUndefined(values.description);
  const audience = localizedOrUndefined(values.audience);
  const candidate = {
    countyCode: values.countyCode,
    title: localizedOrUndefined(values.title) ?? {},
    ...(description ? { description } : {}),
    ...(audience ? { audience } : {}),
    startDate: values.startDate,
    ...(!values.allDay && values.startTime ? { startTime: values.startTime } : {}),
    ...(!values.allDay && values.endTime ? { endTime: values.endTime } : {}),
    ...(values.endDate ? { endDate: values.endDate } : {}),
    place: placeOf(values),
    registration: values.registrationRequired
      ? {
          ...(values.registrationDeadline ? { deadline: values.registrationDeadline } : {}),
          ...(values.registrationUrl ? { url: values.registrationUrl } : {}),
          ...(values.registrationEmail ? { email: values.registrationEmail } : {}),
        }
      : null,
    cancelled: values.cancelled,
  };
  const parsed = NewEventSchema.safeParse(candidate);
  if (!parsed.success)
    errors.push(
      ...formProblems(parsed.error, lang, eventField).filter(
        (problem) => !errors.some((known) => known.field === problem.field),
      ),
    );
  if (parsed.success && errors.length === 0) return { ok: true, input: parsed.data };
  // An empty last day stands for the start date, whose own problem is already said at its field.
  const said = values.endDate ? errors : errors.filter((problem) => problem.field !== 'endDate');
  return { ok: false, errors: inFormOrder(said, Object.keys(values.title)) };
}

/** The fields in the order the form shows them, so the error summary reads top to bottom. */
function formOrder(languages: readonly string[]): string[] {
  return [
    'countyCode',
    ...languages.flatMap((code) => [`title.${code}`, `description.${code}`, `audience.${code}`]),
    'startDate',
    'startTime',
    'endTime',
    'endDate',
    'place.kind',
    'place.name',
    'place.address',
    'place.municipalityCode',
    'place.url',
    'registration.deadline',
    'registration.url',
    'registration.email',
  ];
}

/** Problems sorted by where their fields are in the form (unknown fields last). */
export function inFormOrder(errors: FieldProblem[], languages: readonly string[]): FieldProblem[] {
  const order = formOrder(languages);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** A whole event as a patch: every optional field the form left empty is cleared. */
export function patchOf(input: NewEvent): EventPatch {
  return {
    countyCode: input.countyCode,
    title: input.title,
    description: input.description ?? null,
    audience: input.audience ?? null,
    startDate: input.startDate,
    startTime: input.startTime ?? null,
    endDate: input.endDate ?? null,
    endTime: input.endTime ?? null,
    place: input.place,
    registration: input.registration ?? null,
    cancelled: input.cancelled ?? false,
  };
}

/** A refusal of the events service as a problem next to its field (the county, or the timing). */
export function eventRefusalProblems(result: EventRefusal, lang: UiLanguage): FieldProblem[] {
  const sv = lang === 'sv';
  switch (result.reason) {
    case 'county_outside_campaign':
      return [
        {
          field: 'countyCode',
          message: sv
            ? 'Kampanjen hör till ett annat län; dess evenemang kan inte ligga här.'
            : 'The campaign belongs to another county; its events cannot be here.',
        },
      ];
    case 'forbidden':
      return [
        {
          field: 'countyCode',
          message: sv
            ? 'Ditt område omfattar inte evenemang i det länet.'
            : 'Your area does not cover events in that county.',
        },
      ];
    case 'municipality_outside_county':
      return [
        {
          field: 'place.municipalityCode',
          message: sv
            ? 'Kommunen ligger inte i evenemangets län. Välj en kommun i länet, eller inget.'
            : "The municipality is not in the event's county. Choose one in the county, or none.",
        },
      ];
    case 'invalid':
      return (result.errors ?? []).map((error) => ({
        field: error.field,
        message: schemaMessage(error.message, lang),
      }));
    default:
      return [
        { field: 'form', message: sv ? 'Evenemanget finns inte längre.' : 'The event no longer exists.' },
      ];
  }
}

/** The labels of the event form's fields as the form shows them, for the error summary. */
export function eventLabels(t: Translate, languageNames: Record<string, string>): Record<string, string> {
  const perLanguage = (name: string, sv: string, en: string) =>
    Object.fromEntries(
      Object.entries(languageNames).map(([code, languageName]) => [
        `${name}.${code}`,
        t(`${sv} på ${languageName}`, `${en} in ${languageName}`),
      ]),
    );
  return {
    countyCode: t('Län', 'County'),
    ...perLanguage('title', 'Rubrik', 'Title'),
    ...perLanguage('description', 'Beskrivning', 'Description'),
    ...perLanguage('audience', 'Målgrupp', 'Audience'),
    startDate: t('Datum', 'Date'),
    startTime: t('Börjar klockan', 'Starts at'),
    endTime: t('Slutar klockan', 'Ends at'),
    endDate: t('Sista dag', 'Last day'),
    'place.kind': t('Plats eller online', 'A place or online'),
    'place.name': t('Platsens namn', 'Name of the place'),
    'place.address': t('Adress', 'Address'),
    'place.municipalityCode': t('Kommun', 'Municipality'),
    'place.url': t('Länk till sändningen', 'Link to the stream'),
    'registration.deadline': t('Sista anmälningsdag', 'Last day to register'),
    'registration.url': t('Länk till anmälan', 'Registration link'),
    'registration.email': t('E-post för anmälan', 'E-mail for registration'),
  };
}
