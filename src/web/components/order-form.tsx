import type { PostalAddress } from '../../accounts/schema.js';
import type { FieldProblem } from '../../errors.js';
import type { ProductRow } from '../../orders/products-service.js';
import { errorFor, fieldId, TextField } from '../forms.js';
import type { Bilingual, UiLanguage } from '../i18n.js';
import { AddressText } from './address-text.js';
import { formatNumber } from './format.js';
import { languageName, PRODUCT_KIND_LABEL } from './labels.js';
import { pickText } from './localized.js';
import { type OrderFormValues, quantityField } from './order-form-values.js';
import { quotaLeft } from './season-quota.js';
import { stockText } from './product-card.js';

export interface OrderFormProps {
  lang: UiLanguage;
  action: string;
  csrfToken: string;
  products: ProductRow[];
  previewUrls: Map<string, string>;
  used: Map<string, number>;
  defaultAddress: PostalAddress | null;
  values: OrderFormValues;
  errors: FieldProblem[];
}

/** What limits a line: per order, stock, and the quota left, in one hint. */
function lineHint(product: ProductRow, used: Map<string, number>, lang: UiLanguage): string {
  const n = (value: number) => formatNumber(value, lang);
  const parts = [
    lang === 'sv'
      ? `Högst ${n(product.maxPerOrder)} ex. per beställning`
      : `At most ${n(product.maxPerOrder)} copies per order`,
  ];
  parts.push(stockText(product.stock, lang));
  const left = quotaLeft(product, used);
  if (left !== null && product.quotaPerOrganisation !== null) {
    parts.push(
      lang === 'sv'
        ? `Kvar av er kvot: ${n(left)} av ${n(product.quotaPerOrganisation)} ex.`
        : `Left of your quota: ${n(left)} of ${n(product.quotaPerOrganisation)} copies`,
    );
  }
  return parts.map((part) => (part.endsWith('.') ? part : `${part}.`)).join(' ');
}

function ProductLines(props: OrderFormProps) {
  const { lang, errors } = props;
  const linesError = errorFor(errors, 'lines');
  return (
    <fieldset
      id={fieldId('lines')}
      tabindex={-1}
      aria-describedby={linesError ? `${fieldId('lines')}-error` : undefined}
    >
      <legend>
        <h2>{lang === 'sv' ? 'Antal exemplar' : 'Number of copies'}</h2>
      </legend>
      {linesError ? (
        <span class="field-error" id={`${fieldId('lines')}-error`}>
          {linesError}
        </span>
      ) : null}
      {props.products.map((product) => {
        const preview = props.previewUrls.get(product.previewAssetId);
        const title = pickText(product.title, lang).value;
        return (
          <div class="product-line">
            {preview ? <img src={preview} alt="" width={64} height={90} /> : <span />}
            <TextField
              name={quantityField(product.id)}
              label={`${title} (${PRODUCT_KIND_LABEL[product.kind]?.[lang] ?? product.kind}, ${languageName(product.language, lang)})`}
              hint={lineHint(product, props.used, lang)}
              value={props.values.quantities[product.id] ?? ''}
              error={errorFor(errors, quantityField(product.id))}
              type="number"
              inputmode="numeric"
              min={0}
              max={product.maxPerOrder}
              inputClass="narrow"
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** A text field of the form, described once for both languages. */
interface FieldSpec {
  key: string;
  label: Bilingual;
  type?: string;
  autocomplete?: string;
  inputmode?: 'numeric';
  narrow?: boolean;
  required?: boolean;
}

const ADDRESS_FIELDS: FieldSpec[] = [
  { key: 'recipient', label: { sv: 'Mottagare', en: 'Recipient' }, autocomplete: 'organization' },
  { key: 'careOf', label: { sv: 'c/o (om det behövs)', en: 'c/o (if needed)' } },
  { key: 'street', label: { sv: 'Gatuadress', en: 'Street address' }, autocomplete: 'street-address' },
  {
    key: 'postalCode',
    label: { sv: 'Postnummer', en: 'Postcode' },
    autocomplete: 'postal-code',
    inputmode: 'numeric',
    narrow: true,
  },
  { key: 'city', label: { sv: 'Ort', en: 'Town' }, autocomplete: 'address-level2' },
];

const CONTACT_FIELDS: FieldSpec[] = [
  { key: 'name', label: { sv: 'Namn', en: 'Name' }, autocomplete: 'name', required: true },
  {
    key: 'email',
    label: { sv: 'E-postadress', en: 'E-mail address' },
    type: 'email',
    autocomplete: 'email',
    required: true,
  },
  { key: 'phone', label: { sv: 'Telefon', en: 'Phone' }, type: 'tel', autocomplete: 'tel', required: true },
];

function FormFields(props: {
  group: string;
  specs: FieldSpec[];
  values: Record<string, string>;
  errors: FieldProblem[];
  lang: UiLanguage;
}) {
  return (
    <>
      {props.specs.map((spec) => {
        const name = `${props.group}.${spec.key}`;
        return (
          <TextField
            name={name}
            label={spec.label[props.lang]}
            type={spec.type}
            value={props.values[spec.key] ?? ''}
            error={errorFor(props.errors, name)}
            autocomplete={spec.autocomplete}
            inputmode={spec.inputmode}
            inputClass={spec.narrow ? 'narrow' : undefined}
            required={spec.required}
          />
        );
      })}
    </>
  );
}

function Delivery(props: OrderFormProps) {
  const { lang, errors, values } = props;
  const deliveryError = errorFor(errors, 'delivery');
  const oneOff = values.delivery === 'address' || !props.defaultAddress;
  const say = (sv: string, en: string) => (lang === 'sv' ? sv : en);
  return (
    <fieldset class="delivery" aria-describedby={deliveryError ? `${fieldId('delivery')}-error` : undefined}>
      <legend>
        <h2>{say('Leveransadress', 'Delivery address')}</h2>
      </legend>
      {deliveryError ? (
        <span class="field-error" id={`${fieldId('delivery')}-error`}>
          {deliveryError}
        </span>
      ) : null}
      {props.defaultAddress ? (
        <div class="choice">
          <input
            type="radio"
            id={fieldId('delivery')}
            name="delivery"
            value="organisation_default"
            checked={!oneOff}
          />
          <label for={fieldId('delivery')}>
            {say('Organisationens adress', "The organisation's address")}
          </label>
          <AddressText address={props.defaultAddress} />
        </div>
      ) : (
        <p>
          {say(
            'Er organisation har ingen sparad adress, så skriv en adress nedan.',
            'Your organisation has no saved address, so enter one below.',
          )}
        </p>
      )}
      <div class="choice">
        <input
          type="radio"
          id={props.defaultAddress ? 'f-delivery-address' : fieldId('delivery')}
          name="delivery"
          value="address"
          checked={oneOff}
        />
        <label for={props.defaultAddress ? 'f-delivery-address' : fieldId('delivery')}>
          {say('En annan adress, bara för den här beställningen', 'Another address, for this order only')}
        </label>
      </div>
      <div class="one-off">
        <p class="hint">
          {say(
            'Organisationens sparade adress ändras inte.',
            "The organisation's saved address does not change.",
          )}
        </p>
        <FormFields
          group="address"
          specs={ADDRESS_FIELDS}
          values={values.address}
          errors={errors}
          lang={lang}
        />
      </div>
    </fieldset>
  );
}

/** The order form: quantities per product, delivery address, contact person; errors at each field (the page shows the summary). */
export function OrderForm(props: OrderFormProps) {
  const { lang, errors, values } = props;
  const say = (sv: string, en: string) => (lang === 'sv' ? sv : en);
  return (
    <form method="post" action={props.action} class="stack order-form" novalidate>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
      <ProductLines {...props} />
      <Delivery {...props} />
      <fieldset>
        <legend>
          <h2>{say('Kontaktperson', 'Contact person')}</h2>
        </legend>
        <p class="hint">
          {say(
            'Den som tryckeriet och samordnaren kan fråga om beställningen.',
            'Whom the printer and the coordinator can ask about the order.',
          )}
        </p>
        <FormFields
          group="contact"
          specs={CONTACT_FIELDS}
          values={values.contact}
          errors={errors}
          lang={lang}
        />
      </fieldset>
      <div>
        <button type="submit">{say('Skicka beställningen', 'Send the order')}</button>
      </div>
    </form>
  );
}
