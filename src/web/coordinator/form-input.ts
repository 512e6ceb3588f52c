import type { Context } from 'hono';
import type { z } from 'zod';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import type { UiLanguage } from '../i18n.js';

/** A posted form: its text values by name. */
export interface PostedForm {
  /** The trimmed value of a field ('' when absent). */
  text(name: string): string;
  /** Every value of a repeated field (checkboxes), trimmed, blanks left out. */
  all(name: string): string[];
  /** Field names that start with a prefix. */
  namesStartingWith(prefix: string): string[];
}

/** Reads a posted urlencoded form (the CSRF check may already have parsed it; the parse is cached). */
export async function readForm(c: Context<AppEnv>): Promise<PostedForm> {
  const data = await c.req.formData();
  const strings = (name: string) =>
    data.getAll(name).flatMap((value) => (typeof value === 'string' ? [value.trim()] : []));
  return {
    text: (name) => strings(name)[0] ?? '',
    all: (name) => strings(name).filter(Boolean),
    namesStartingWith: (prefix) => [...new Set([...data.keys()].filter((key) => key.startsWith(prefix)))],
  };
}

// Messages of the shared schemas, in Swedish.
const SWEDISH: Record<string, string> = {
  'expected YYYY-MM-DD': 'Ange ett datum (ÅÅÅÅ-MM-DD).',
  'no such date in the calendar': 'Det datumet finns inte.',
  'the last date is before the first date': 'Slutdatumet är före startdatumet.',
  'expected MM-DD': 'Ange månad och dag som MM-DD, till exempel 02-01.',
  'no such month and day (02-29 is allowed)': 'Den månaden och dagen finns inte.',
  'expected HH:MM (00:00 to 24:00)': 'Ange en tid som TT:MM.',
  '24:00 is only allowed as an end time': '24:00 går bara att använda som sluttid.',
  'lower-case words joined by hyphens':
    'Använd små bokstäver a–z, siffror och bindestreck, till exempel "vecka-48".',
  'Swedish (sv) text is required': 'Skriv en svensk text.',
  'each value once': 'Välj varje värde en gång.',
  'each asset once': 'Välj varje bild en gång.',
  'alt text is required for images': 'Skriv en alternativtext: vad bilden visar och säger.',
  'give both focalX and focalY, or neither': 'Ange både vågrät och lodrät fokuspunkt, eller ingen.',
  'not a calendar date': 'Det datumet finns inte.',
  // The events schema and its timing rules.
  'a date YYYY-MM-DD': 'Ange ett datum (ÅÅÅÅ-MM-DD).',
  'a time HH:MM (00:00 to 23:59)': 'Ange en tid som TT:MM, till exempel 18:00.',
  'not a calendar date (YYYY-MM-DD)': 'Det datumet finns inte.',
  'an end time needs a start time': 'En sluttid behöver en starttid.',
  'the event cannot end before it starts': 'Evenemanget kan inte sluta innan det börjar.',
  'an event over several days needs an end time (or no times at all)':
    'Ett evenemang över flera dagar behöver en sluttid (eller inga tider alls).',
  'the event must end after it starts': 'Evenemanget måste sluta efter att det börjar.',
  'the registration deadline is after the event': 'Sista anmälningsdag är efter evenemanget.',
  'give where to register: a url or an email (one of them)':
    'Ange var man anmäler sig: en länk eller en e-postadress (en av dem).',
};

// The same messages as sentences a person reads, in English.
const ENGLISH: Record<string, string> = {
  'a date YYYY-MM-DD': 'Enter a date (YYYY-MM-DD).',
  'a time HH:MM (00:00 to 23:59)': 'Enter a time as HH:MM, for example 18:00.',
  'not a calendar date (YYYY-MM-DD)': 'There is no such date.',
  'an end time needs a start time': 'An end time needs a start time.',
  'the event cannot end before it starts': 'The event cannot end before it starts.',
  'an event over several days needs an end time (or no times at all)':
    'An event over several days needs an end time (or no times at all).',
  'the event must end after it starts': 'The event must end after it starts.',
  'the registration deadline is after the event': 'The registration deadline is after the event.',
  'give where to register: a url or an email (one of them)':
    'Give where to register: a link or an e-mail address (one of them).',
};

/** A message of a shared schema or service rule, in the page's language. */
export function schemaMessage(message: string, lang: UiLanguage): string {
  return (lang === 'sv' ? SWEDISH[message] : ENGLISH[message]) ?? message;
}

/** A zod issue as a sentence a person can act on, in the page's language. */
export function issueMessage(issue: z.core.$ZodIssue, lang: UiLanguage): string {
  const sv = lang === 'sv';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return sv ? 'Välj minst ett alternativ.' : 'Choose at least one.';
      if (issue.origin === 'string') return sv ? 'Fyll i fältet.' : 'Fill in the field.';
      return sv ? `Ange minst ${issue.minimum}.` : `Give at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string')
        return sv ? `Högst ${issue.maximum} tecken.` : `At most ${issue.maximum} characters.`;
      if (issue.origin === 'array')
        return sv ? `Välj högst ${issue.maximum}.` : `Choose at most ${issue.maximum}.`;
      return sv ? `Ange högst ${issue.maximum}.` : `Give at most ${issue.maximum}.`;
    case 'invalid_type':
      return sv ? 'Fyll i fältet.' : 'Fill in the field.';
    case 'invalid_value':
    case 'invalid_union':
      return sv ? 'Välj ett av alternativen.' : 'Choose one of the options.';
    case 'invalid_format':
      if (issue.format === 'url')
        return sv
          ? 'Ange en webbadress som börjar med https://.'
          : 'Enter a web address starting with https://.';
      if (issue.format === 'email')
        return sv
          ? 'Ange en e-postadress, till exempel namn@kommun.se.'
          : 'Enter an e-mail address, for example name@example.se.';
      return schemaMessage(issue.message, lang);
    default:
      return schemaMessage(issue.message, lang);
  }
}

/** The field problems of a failed parse, each named by the form field `fieldOf` maps its path to. */
export function formProblems(
  error: z.ZodError,
  lang: UiLanguage,
  fieldOf: (path: string[]) => string = (path) => path.join('.'),
): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = fieldOf(issue.path.map(String)) || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issueMessage(issue, lang) });
  }
  return problems;
}

/** A whole number from a form field, or undefined when it is blank or not a number. */
export function wholeNumber(text: string): number | undefined {
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

/** A comma-separated field as its parts, trimmed, blanks left out ("ica, coop" → ["ica", "coop"]). */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Problems for the error summary, each led by its field's label so that equal messages stay apart. */
export function labelled(errors: FieldProblem[], labels: Record<string, string>): FieldProblem[] {
  return errors.map((error) => {
    const label = labels[error.field];
    return label ? { ...error, message: `${label}: ${error.message}` } : error;
  });
}
