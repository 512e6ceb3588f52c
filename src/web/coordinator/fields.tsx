import type { Child } from 'hono/jsx';
import { fieldId } from '../forms.js';

/*
 * Form controls beside forms.tsx's TextField, wired the same way: label, hint and error next to
 * the control, aria-describedby to both, aria-invalid when it failed.
 */

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError(props: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled select; options may be grouped. */
export function SelectField(props: {
  name: string;
  label: string;
  options: Array<Option | { group: string; options: Option[] }>;
  value?: string | null | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  const option = (item: Option) => (
    <option value={item.value} selected={item.value === (props.value ?? '')}>
      {item.label}
    </option>
  );
  return (
    <div>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.options.map((item) =>
          'group' in item ? <optgroup label={item.group}>{item.options.map(option)}</optgroup> : option(item),
        )}
      </select>
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | null | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  rows?: number;
  required?: boolean;
  lang?: string;
  dir?: 'ltr' | 'rtl';
}) {
  const id = fieldId(props.name);
  return (
    <div>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <textarea
        dir={props.dir}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        required={props.required}
        lang={props.lang}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/**
 * Checkboxes or radio buttons in a fieldset whose legend is the question. The first control
 * carries the field's id, so the error summary's link lands on the group.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  type: 'checkbox' | 'radio';
  options: Array<Option & { lang?: string; image?: string | null }>;
  checked: readonly string[];
  hint?: string | undefined;
  error?: string | undefined;
  inline?: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <fieldset
      class={props.inline ? 'choices inline' : 'choices'}
      aria-describedby={describedBy(id, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value.replace(/[^a-zA-Z0-9]+/g, '-')}`;
        return (
          <div class="choice">
            <input
              type={props.type}
              id={optionId}
              name={props.name}
              value={option.value}
              checked={props.checked.includes(option.value)}
              aria-invalid={props.error ? 'true' : undefined}
            />
            <label for={optionId} lang={option.lang}>
              {option.image ? <img src={option.image} alt="" class="thumb" loading="lazy" /> : null}
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A fieldset with a legend around related fields. */
export function FieldGroup(props: { legend: string; hint?: string; children: Child }) {
  return (
    <fieldset class="group">
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {props.children}
    </fieldset>
  );
}
