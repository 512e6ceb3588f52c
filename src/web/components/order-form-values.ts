import { randomUUID } from 'node:crypto';
import type { SignedInUser } from '../../accounts/actor.js';
import type { FieldProblem } from '../../errors.js';
import { type NewOrder, NewOrderSchema } from '../../orders/order-schemas.js';
import type { PlaceOrderRefusal } from '../../orders/place-order.js';
import type { ProductRow } from '../../orders/products-service.js';
import type { UiLanguage } from '../i18n.js';
import { quotaLeft } from './season-quota.js';
import { formatNumber } from './format.js';

/** What the order form holds, as typed (so a form with errors comes back as the person left it). */
export interface OrderFormValues {
  quantities: Record<string, string>;
  delivery: 'organisation_default' | 'address';
  address: { recipient: string; careOf: string; street: string; postalCode: string; city: string };
  contact: { name: string; email: string; phone: string };
  /** Made when the form is rendered, so submitting the same form twice places one order. */
  idempotencyKey: string;
}

/** The form's field name for a product's quantity. */
export function quantityField(productId: string): string {
  return `quantity.${productId}`;
}

/** A fresh form: nothing ordered, the organisation's address if it has one, the person as contact. */
export function emptyOrderForm(user: SignedInUser, hasDefaultAddress: boolean): OrderFormValues {
  return {
    quantities: {},
    delivery: hasDefaultAddress ? 'organisation_default' : 'address',
    address: { recipient: '', careOf: '', street: '', postalCode: '', city: '' },
    contact: { name: user.name, email: user.email, phone: '' },
    idempotencyKey: randomUUID(),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Reads a posted order form. */
export function readOrderForm(form: Record<string, unknown>, products: ProductRow[]): OrderFormValues {
  const quantities: Record<string, string> = {};
  for (const product of products) quantities[product.id] = text(form[quantityField(product.id)]).trim();
  return {
    quantities,
    delivery: text(form.delivery) === 'address' ? 'address' : 'organisation_default',
    address: {
      recipient: text(form['address.recipient']),
      careOf: text(form['address.careOf']),
      street: text(form['address.street']),
      postalCode: text(form['address.postalCode']),
      city: text(form['address.city']),
    },
    contact: {
      name: text(form['contact.name']),
      email: text(form['contact.email']),
      phone: text(form['contact.phone']),
    },
    idempotencyKey: /^[\x21-\x7e]{1,200}$/.test(text(form.idempotencyKey))
      ? text(form.idempotencyKey)
      : randomUUID(),
  };
}

type Say = (sv: string, en: string) => string;
const sayer =
  (lang: UiLanguage): Say =>
  (sv, en) =>
    lang === 'sv' ? sv : en;

// Messages in the interface language for the fields NewOrderSchema checks; the schema's own
// messages are English and written for developers.
const FIELD_MESSAGES: Record<string, (say: Say) => string> = {
  'contact.name': (say) => say('Skriv namnet på kontaktpersonen.', 'Enter the name of the contact person.'),
  'contact.email': (say) =>
    say(
      'Skriv en e-postadress, till exempel namn@skola.se.',
      'Enter an e-mail address, e.g. name@school.se.',
    ),
  'contact.phone': (say) =>
    say('Skriv ett telefonnummer, till exempel 021-39 00 00.', 'Enter a phone number, e.g. 021-39 00 00.'),
  'address.recipient': (say) => say('Skriv vem paketet ska till.', 'Enter who the parcel is for.'),
  'address.careOf': (say) => say('Skriv c/o-adressen kortare.', 'Shorten the c/o line.'),
  'address.street': (say) => say('Skriv gatuadressen.', 'Enter the street address.'),
  'address.postalCode': (say) =>
    say(
      'Skriv postnumret med fem siffror, till exempel 721 87.',
      'Enter the postcode as five digits, e.g. 721 87.',
    ),
  'address.city': (say) => say('Skriv orten.', 'Enter the town.'),
};

/**
 * The order the form asks for, or the problems with it, in the form's own field names. Only the
 * form's shape is checked here (numbers are numbers, at least one line); limits, quotas and stock
 * are the order service's to decide.
 */
export function orderInputOf(
  values: OrderFormValues,
  campaignId: string,
  products: ProductRow[],
  lang: UiLanguage,
): { ok: true; input: NewOrder } | { ok: false; errors: FieldProblem[] } {
  const say = sayer(lang);
  const errors: FieldProblem[] = [];
  const lines: Array<{ productId: string; quantity: number }> = [];
  for (const product of products) {
    const raw = (values.quantities[product.id] ?? '').replace(/\s/g, '');
    if (raw === '' || raw === '0') continue;
    if (!/^\d{1,9}$/.test(raw)) {
      errors.push({
        field: quantityField(product.id),
        message: say(
          'Skriv antalet som ett heltal, till exempel 10.',
          'Enter the number of copies as a whole number, e.g. 10.',
        ),
      });
      continue;
    }
    lines.push({ productId: product.id, quantity: Number(raw) });
  }
  if (lines.length === 0 && errors.length === 0) {
    errors.push({
      field: 'lines',
      message: say(
        'Skriv hur många exemplar du vill ha av minst en produkt.',
        'Enter how many copies you want of at least one product.',
      ),
    });
  }
  const address = { ...values.address, careOf: values.address.careOf.trim() || undefined };
  const parsed = NewOrderSchema.safeParse({
    campaignId,
    lines,
    delivery: values.delivery === 'address' ? { kind: 'address', address } : { kind: 'organisation_default' },
    contact: values.contact,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path.map(String), lines);
      if (!field || errors.some((error) => error.field === field)) continue;
      errors.push({
        field,
        message: FIELD_MESSAGES[field]?.(say) ?? quantityMessage(field, say) ?? issue.message,
      });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

function quantityMessage(field: string, say: Say): string | undefined {
  return field.startsWith('quantity.')
    ? say('Det antalet är för stort.', 'That number is too large.')
    : undefined;
}

/** The form field a NewOrderSchema issue path points at ("delivery.address.city" → "address.city"). */
function formFieldOf(path: string[], lines: Array<{ productId: string }>): string | null {
  const [head, second, third] = path;
  if (head === 'lines') {
    const line = second === undefined ? undefined : lines[Number(second)];
    return line && third ? quantityField(line.productId) : 'lines';
  }
  if (head === 'delivery') return path[1] === 'address' && path[2] ? `address.${path[2]}` : 'delivery';
  if (head === 'contact') return second ? `contact.${second}` : 'contact.name';
  return null;
}

/**
 * A refused order as problems on the form. Line refusals name a product code; the line it meant
 * is the ordered product with that code which breaks the limit named (codes repeat across
 * languages).
 */
export function refusalProblems(
  refusal: PlaceOrderRefusal,
  input: NewOrder,
  products: ProductRow[],
  used: Map<string, number>,
  lang: UiLanguage,
): FieldProblem[] {
  const say = sayer(lang);
  const ordered = input.lines.flatMap((line) => {
    const product = products.find((candidate) => candidate.id === line.productId);
    return product ? [{ product, quantity: line.quantity }] : [];
  });
  const withCode = ordered.filter(({ product }) => product.code === refusal.productCode);
  const pick = (breaks: (line: (typeof ordered)[number]) => boolean) => withCode.find(breaks) ?? withCode[0];
  const n = (value: number) => formatNumber(value, lang);
  switch (refusal.reason) {
    case 'max_per_order_exceeded': {
      const line = pick(({ product, quantity }) => quantity > product.maxPerOrder);
      if (!line) break;
      const max = n(line.product.maxPerOrder);
      return [
        {
          field: quantityField(line.product.id),
          message: say(
            `Du kan beställa högst ${max} ex. per beställning.`,
            `You can order at most ${max} copies per order.`,
          ),
        },
      ];
    }
    case 'quota_exceeded': {
      const line = pick(
        ({ product, quantity }) => quantity > (quotaLeft(product, used) ?? Number.POSITIVE_INFINITY),
      );
      if (!line) break;
      const left = n(quotaLeft(line.product, used) ?? 0);
      return [
        {
          field: quantityField(line.product.id),
          message: say(
            `Er organisation har ${left} ex. kvar av kvoten den här säsongen.`,
            `Your organisation has ${left} copies left of its quota this season.`,
          ),
        },
      ];
    }
    case 'out_of_stock': {
      const line = pick(({ product, quantity }) => product.stock !== null && quantity > product.stock);
      if (!line) break;
      return [
        {
          field: quantityField(line.product.id),
          message: say(
            'Det finns inte så många ex. kvar i lager. Beställ färre.',
            'There are not that many copies left in stock. Order fewer.',
          ),
        },
      ];
    }
    case 'unknown_product':
      return (refusal.errors ?? []).map((error) => {
        const line = input.lines[Number(error.field.split('.')[1])];
        return {
          field: line ? quantityField(line.productId) : 'lines',
          message: say(
            'Den här produkten kan inte beställas längre.',
            'This product can no longer be ordered.',
          ),
        };
      });
    case 'no_default_address':
      return [
        {
          field: 'delivery',
          message: say(
            'Er organisation har ingen sparad adress. Skriv en adress för den här beställningen.',
            'Your organisation has no saved address. Enter an address for this order.',
          ),
        },
      ];
    case 'idempotency_key_reused':
      return [
        {
          field: '',
          message: say(
            'Formuläret har redan skickats en gång med annat innehåll. Titta i Mina beställningar innan du skickar igen.',
            'This form was already sent once with other content. Check My orders before you send again.',
          ),
        },
      ];
    case 'idempotent_request_in_progress':
      return [
        {
          field: '',
          message: say(
            'Beställningen tas emot just nu. Titta i Mina beställningar om en liten stund.',
            'The order is being received right now. Check My orders in a moment.',
          ),
        },
      ];
    default:
      break;
  }
  return [{ field: '', message: refusal.detail }];
}
