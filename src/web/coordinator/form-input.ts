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
};

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
      return sv ? 'Välj ett av alternativen.' : 'Choose one of the options.';
    default:
      return sv ? (SWEDISH[issue.message] ?? issue.message) : issue.message;
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
