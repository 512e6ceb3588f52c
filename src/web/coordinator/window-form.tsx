import type { FieldProblem } from '../../errors.js';
import { describeWindow } from '../../windows/describe-window.js';
import { type Window, WindowSchema } from '../../windows/window-schema.js';
import { errorFor, TextField } from '../forms.js';
import type { UiLanguage } from '../i18n.js';
import type { Translate } from './coordinator-layout.js';
import { ChoiceGroup, FieldGroup } from './fields.js';
import { formProblems, type PostedForm, wholeNumber } from './form-input.js';

/*
 * The form for the common windows: one span (dates, a yearly MM-DD range, an ISO week, or
 * always), optional weekdays and one time of day. Windows the form cannot show in full (several
 * spans or times) are named above it, so nobody replaces one without knowing.
 */

/** What the window fields hold, as strings, the way the form shows them. */
export interface WindowFormValues {
  kind: string;
  from: string;
  to: string;
  yearlyFrom: string;
  yearlyTo: string;
  week: string;
  weekdays: string[];
  timeFrom: string;
  timeTo: string;
}

/** The form values of a stored window (its first span and first time of day). */
export function windowFormValues(window: Window | null | undefined): WindowFormValues {
  const span = window?.spans[0] ?? { kind: 'always' as const };
  const time = window?.timesOfDay?.[0];
  return {
    kind: span.kind,
    from: span.kind === 'dates' ? span.from : '',
    to: span.kind === 'dates' ? (span.to ?? '') : '',
    yearlyFrom: span.kind === 'yearly' ? span.from : '',
    yearlyTo: span.kind === 'yearly' ? span.to : '',
    week: span.kind === 'isoWeek' ? String(span.week) : '',
    weekdays: (window?.weekdays ?? []).map(String),
    timeFrom: time?.from ?? '',
    timeTo: time?.to ?? '',
  };
}

/** Whether the form can show a window without losing any of it. */
export function windowFitsForm(window: Window | null | undefined): boolean {
  return !window || (window.spans.length === 1 && (window.timesOfDay?.length ?? 0) <= 1 && !window.timeZone);
}

/** Reads the window fields under a prefix ("airing" → "airing.kind", …). */
export function readWindowValues(form: PostedForm, prefix: string): WindowFormValues {
  const field = (name: string) => form.text(`${prefix}.${name}`);
  return {
    kind: field('kind'),
    from: field('from'),
    to: field('to'),
    yearlyFrom: field('yearlyFrom'),
    yearlyTo: field('yearlyTo'),
    week: field('week'),
    weekdays: form.all(`${prefix}.weekdays`),
    timeFrom: field('timeFrom'),
    timeTo: field('timeTo'),
  };
}

function spanOf(values: WindowFormValues): unknown {
  switch (values.kind) {
    case 'dates':
      return { kind: 'dates', from: values.from, ...(values.to ? { to: values.to } : {}) };
    case 'yearly':
      return { kind: 'yearly', from: values.yearlyFrom, to: values.yearlyTo };
    case 'isoWeek':
      return { kind: 'isoWeek', week: wholeNumber(values.week) ?? values.week };
    case 'always':
      return { kind: 'always' };
    default:
      return { kind: values.kind };
  }
}

/** The form field a window issue belongs to. */
function windowField(prefix: string, kind: string, path: string[]): string {
  const [head, , leaf] = path;
  if (head === 'spans') {
    if (leaf === 'week') return `${prefix}.week`;
    if (kind === 'yearly') return `${prefix}.${leaf === 'to' ? 'yearlyTo' : 'yearlyFrom'}`;
    if (kind === 'dates') return `${prefix}.${leaf === 'to' ? 'to' : 'from'}`;
    return `${prefix}.kind`;
  }
  if (head === 'weekdays') return `${prefix}.weekdays`;
  if (head === 'timesOfDay') return `${prefix}.${leaf === 'to' ? 'timeTo' : 'timeFrom'}`;
  return `${prefix}.kind`;
}

/** The window the fields describe, checked by the shared window schema; problems name the fields. */
export function parseWindowValues(
  values: WindowFormValues,
  prefix: string,
  lang: UiLanguage,
): { ok: true; window: Window } | { ok: false; errors: FieldProblem[] } {
  const sv = lang === 'sv';
  if (!['dates', 'yearly', 'isoWeek', 'always'].includes(values.kind)) {
    return {
      ok: false,
      errors: [
        { field: `${prefix}.kind`, message: sv ? 'Välj när det ska gälla.' : 'Choose when it applies.' },
      ],
    };
  }
  if (Boolean(values.timeFrom) !== Boolean(values.timeTo)) {
    const field = values.timeFrom ? `${prefix}.timeTo` : `${prefix}.timeFrom`;
    return {
      ok: false,
      errors: [
        {
          field,
          message: sv
            ? 'Ange både start- och sluttid, eller ingen av dem.'
            : 'Give both a start and an end time, or neither.',
        },
      ],
    };
  }
  const candidate = {
    spans: [spanOf(values)],
    ...(values.weekdays.length ? { weekdays: values.weekdays.map((day) => wholeNumber(day) ?? day) } : {}),
    ...(values.timeFrom ? { timesOfDay: [{ from: values.timeFrom, to: values.timeTo }] } : {}),
  };
  const parsed = WindowSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, window: parsed.data };
  return {
    ok: false,
    errors: formProblems(parsed.error, lang, (path) => windowField(prefix, values.kind, path)),
  };
}

/** The labels of the window fields under a prefix, for the error summary. */
export function windowLabels(prefix: string, legend: string, t: Translate): Record<string, string> {
  const parts: Record<string, string> = {
    kind: t('gäller', 'applies'),
    from: t('från datum', 'from date'),
    to: t('till och med datum', 'up to and including'),
    yearlyFrom: t('varje år från', 'every year from'),
    yearlyTo: t('varje år till och med', 'every year up to'),
    week: t('vecka', 'week'),
    weekdays: t('veckodagar', 'weekdays'),
    timeFrom: t('klockan från', 'time from'),
    timeTo: t('klockan till', 'time to'),
  };
  return Object.fromEntries(
    Object.entries(parts).map(([field, part]) => [`${prefix}.${field}`, `${legend}, ${part}`]),
  );
}

const WEEKDAYS: Array<{ sv: string; en: string }> = [
  { sv: 'måndag', en: 'Monday' },
  { sv: 'tisdag', en: 'Tuesday' },
  { sv: 'onsdag', en: 'Wednesday' },
  { sv: 'torsdag', en: 'Thursday' },
  { sv: 'fredag', en: 'Friday' },
  { sv: 'lördag', en: 'Saturday' },
  { sv: 'söndag', en: 'Sunday' },
];

/** The window fields under a prefix, with a legend; `stored` is the window as saved, if any. */
export function WindowFields(props: {
  prefix: string;
  legend: string;
  values: WindowFormValues;
  errors: FieldProblem[];
  lang: UiLanguage;
  t: Translate;
  stored?: Window | null | undefined;
  hint?: string;
}) {
  const { prefix, values, errors, t } = props;
  const name = (field: string) => `${prefix}.${field}`;
  return (
    <FieldGroup legend={props.legend} {...(props.hint ? { hint: props.hint } : {})}>
      {props.stored && !windowFitsForm(props.stored) ? (
        <p class="warning">
          {t('Sparat fönster: ', 'Saved window: ')}
          <strong>{describeWindow(props.stored, props.lang)}</strong>.{' '}
          {t(
            'Formuläret visar bara den första delen; sparar du ersätts hela fönstret.',
            'The form shows only its first part; saving replaces the whole window.',
          )}
        </p>
      ) : null}
      <ChoiceGroup
        name={name('kind')}
        type="radio"
        legend={t('Gäller', 'Applies')}
        checked={[values.kind]}
        error={errorFor(errors, name('kind'))}
        options={[
          { value: 'dates', label: t('Mellan två datum', 'Between two dates') },
          { value: 'yearly', label: t('Samma period varje år', 'The same period every year') },
          { value: 'isoWeek', label: t('En vecka varje år', 'One week every year') },
          { value: 'always', label: t('Alltid', 'Always') },
        ]}
      />
      <div class="field-row">
        <TextField
          name={name('from')}
          type="date"
          label={t('Från datum', 'From date')}
          value={values.from}
          error={errorFor(errors, name('from'))}
          hint={t('Gäller "mellan två datum".', 'For "between two dates".')}
        />
        <TextField
          name={name('to')}
          type="date"
          label={t('Till och med datum', 'Up to and including')}
          value={values.to}
          error={errorFor(errors, name('to'))}
          hint={t('Tomt: inget slut.', 'Empty: no end.')}
        />
      </div>
      <div class="field-row">
        <TextField
          name={name('yearlyFrom')}
          label={t('Varje år från (MM-DD)', 'Every year from (MM-DD)')}
          value={values.yearlyFrom}
          error={errorFor(errors, name('yearlyFrom'))}
          hint={t('Till exempel 02-01.', 'For example 02-01.')}
          inputmode="numeric"
        />
        <TextField
          name={name('yearlyTo')}
          label={t('Till och med (MM-DD)', 'Up to and including (MM-DD)')}
          value={values.yearlyTo}
          error={errorFor(errors, name('yearlyTo'))}
          hint={t('Till exempel 03-31.', 'For example 03-31.')}
          inputmode="numeric"
        />
      </div>
      <TextField
        name={name('week')}
        type="number"
        label={t('Vecka (1–53)', 'Week (1–53)')}
        value={values.week}
        error={errorFor(errors, name('week'))}
        hint={t(
          'Till exempel 48 för En vecka fri från våld.',
          'For example 48 for A week free from violence.',
        )}
        inputmode="numeric"
      />
      <ChoiceGroup
        name={name('weekdays')}
        type="checkbox"
        inline
        legend={t('Veckodagar', 'Weekdays')}
        hint={t('Inga ikryssade: alla dagar.', 'None ticked: every day.')}
        checked={values.weekdays}
        error={errorFor(errors, name('weekdays'))}
        options={WEEKDAYS.map((day, index) => ({
          value: String(index + 1),
          label: props.lang === 'sv' ? day.sv : day.en,
        }))}
      />
      <div class="field-row">
        <TextField
          name={name('timeFrom')}
          type="time"
          label={t('Klockan från', 'Time from')}
          value={values.timeFrom}
          error={errorFor(errors, name('timeFrom'))}
          hint={t('Tomt: hela dagen.', 'Empty: all day.')}
        />
        <TextField
          name={name('timeTo')}
          type="time"
          label={t('Klockan till', 'Time to')}
          value={values.timeTo}
          error={errorFor(errors, name('timeTo'))}
        />
      </div>
    </FieldGroup>
  );
}
