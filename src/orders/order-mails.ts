import type { OutgoingMessage } from '../mail/outbox.js';
import type { OrderView } from './order-schemas.js';

/** Which e-mail an order change sends: receipt, or the new status. */
export type OrderMailKind = 'received' | 'approved' | 'rejected' | 'cancelled' | 'sent_to_print' | 'shipped';

const WORDING: Record<OrderMailKind, { sv: [string, string]; en: [string, string] }> = {
  received: {
    sv: [
      'Vi har tagit emot din beställning',
      'Tack! Vi har tagit emot beställningen. Den granskas av en samordnare innan den skickas till tryck.',
    ],
    en: [
      'We have received your order',
      'Thank you! We have received the order. A coordinator reviews it before it goes to print.',
    ],
  },
  approved: {
    sv: [
      'Din beställning är godkänd',
      'Beställningen är godkänd och skickas till tryckeriet med nästa tryckomgång.',
    ],
    en: [
      'Your order has been approved',
      'The order has been approved and goes to the printers with the next print batch.',
    ],
  },
  rejected: {
    sv: ['Din beställning har inte godkänts', 'Beställningen har tyvärr inte godkänts.'],
    en: ['Your order was not approved', 'Unfortunately the order was not approved.'],
  },
  cancelled: {
    sv: ['Din beställning är avbruten', 'Beställningen har avbrutits och kommer inte att skickas.'],
    en: ['Your order has been cancelled', 'The order has been cancelled and will not be sent.'],
  },
  sent_to_print: {
    sv: ['Din beställning är skickad till tryck', 'Beställningen har lämnats till tryckeriet.'],
    en: ['Your order has gone to print', 'The order has been handed to the printers.'],
  },
  shipped: {
    sv: ['Din beställning är på väg', 'Materialet har skickats till leveransadressen.'],
    en: ['Your order is on its way', 'The material has been sent to the delivery address.'],
  },
};

/**
 * The e-mail for an order change, Swedish first with English below; null when the order has no
 * contact e-mail (left out, or already removed with the personal data).
 */
export function orderMail(
  kind: OrderMailKind,
  order: OrderView,
  note?: string | null,
): OutgoingMessage | null {
  if (!order.contact.email) return null;
  const words = WORDING[kind];
  const campaignSv = order.campaign.title.sv ?? '';
  const campaignEn = order.campaign.title.en ?? campaignSv;
  const address = order.deliveryAddress;
  const addressLines = [
    address.recipient,
    'careOf' in address && address.careOf ? `c/o ${address.careOf}` : null,
    address.street,
    `${address.postalCode} ${address.city}`,
  ]
    .filter(Boolean)
    .map((line) => `  ${line}`);
  const lines = (language: 'sv' | 'en') =>
    order.lines.map(
      (line) =>
        `  ${line.quantity} × ${line.title[language] ?? line.title.sv} (${line.productCode}, ${line.language})`,
    );
  const sv = [
    `Hej ${order.contact.name}!`,
    '',
    words.sv[1],
    ...(note ? ['', `Kommentar: ${note}`] : []),
    '',
    `Kampanj: ${campaignSv}`,
    `Beställare: ${order.organisation.name}`,
    `Beställningsnummer: ${order.id}`,
    '',
    'Beställt:',
    ...lines('sv'),
    '',
    'Leveransadress:',
    ...addressLines,
    '',
    'Med vänliga hälsningar',
    'Kampanjnavet',
  ];
  const en = [
    `Hello ${order.contact.name},`,
    '',
    words.en[1],
    ...(note ? ['', `Comment: ${note}`] : []),
    '',
    `Campaign: ${campaignEn}`,
    `Ordered by: ${order.organisation.name}`,
    `Order number: ${order.id}`,
    '',
    'Ordered:',
    ...lines('en'),
    '',
    'Delivery address:',
    ...addressLines,
    '',
    'Kind regards',
    'Kampanjnavet (the campaign hub)',
  ];
  return {
    to: order.contact.email,
    subject: `${words.sv[0]} / ${words.en[0]} – ${campaignSv}`,
    text: [...sv, '', '— In English —', '', ...en, ''].join('\n'),
    relatedTo: `order:${order.id}`,
  };
}
