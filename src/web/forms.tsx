import type { FieldProblem } from '../errors.js';
import type { Bilingual, UiLanguage } from './i18n.js';

/**
 * The error summary at the top of a form: a heading, then each problem as a link to its field,
 * so keyboard and screen-reader users reach the field at once (GOV.UK pattern).
 */
export function ErrorSummary(props: { lang: UiLanguage; errors: FieldProblem[] }) {
  if (props.errors.length === 0) return null;
  return (
    // autofocus moves focus here on load without any script, so the summary is read first.
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
      <h2>{props.lang === 'sv' ? 'Något behöver rättas' : 'Something needs fixing'}</h2>
      <ul>
        {props.errors.map((error) => (
          // A problem with no field (field '') concerns the whole form: said, not linked.
          <li>{error.field ? <a href={`#${fieldId(error.field)}`}>{error.message}</a> : error.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** The id of a form control for a field name ("address.city" → "f-address-city"). */
export function fieldId(field: string): string {
  return `f-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** A labelled text input with its hint and error next to it, wired with aria-describedby. */
export function TextField(props: {
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';
  /** Bounds of a number field (shown to assistive technology; the server still checks). */
  min?: number;
  max?: number;
  /** A class for the input, e.g. "narrow" for short values such as quantities and postal codes. */
  inputClass?: string;
  /** The language and direction of what is typed, when it is not the page's (a title in Arabic). */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}) {
  const id = fieldId(props.name);
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id}>{props.label}</label>
      {/* The hint sits outside the label so screen readers say it once, as the description. */}
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value === null || props.value === undefined ? '' : String(props.value)}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        class={props.inputClass}
        lang={props.lang}
        dir={props.dir}
      />
    </div>
  );
}

/** The message for a field, if it failed. */
export function errorFor(errors: FieldProblem[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** A page title that starts with "Fel:"/"Error:" when the form has errors, as screen readers read the title first. */
export function titleWithErrors(title: Bilingual, errors: FieldProblem[]): Bilingual {
  if (errors.length === 0) return title;
  return { sv: `Fel: ${title.sv}`, en: `Error: ${title.en}` };
}
