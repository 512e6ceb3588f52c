import { z } from '@hono/zod-openapi';
import { PostalAddressSchema } from '../accounts/user-schemas.js';
import { LocalizedTextSchema } from '../i18n/languages.js';

export const OrderStatusSchema = z.enum([
  'submitted',
  'approved',
  'rejected',
  'sent_to_print',
  'shipped',
  'cancelled',
]);

const OrderLineInputSchema = z.object({
  productId: z.uuid(),
  quantity: z.number().int().min(1).max(100_000),
});

export const DeliveryInputSchema = z
  .discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('organisation_default') })
      .openapi({ description: "Deliver to the organisation's default address" }),
    z.object({ kind: z.literal('address'), address: PostalAddressSchema }).openapi({
      description: "A one-off address for this order; the organisation's default stays as it is",
    }),
  ])
  .openapi('DeliveryChoice');

export const ContactSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{4,29}$/, 'a phone number, e.g. 021-39 00 00 or +46 21 39 00 00'),
  })
  .openapi('OrderContact');

export const NewOrderSchema = z
  .object({
    campaignId: z.uuid(),
    lines: z
      .array(OrderLineInputSchema)
      .min(1)
      .max(20)
      .refine((lines) => new Set(lines.map((line) => line.productId)).size === lines.length, {
        message: 'each product at most once; add up the quantities instead',
      }),
    delivery: DeliveryInputSchema,
    contact: ContactSchema,
  })
  .strict()
  .openapi('NewOrder');

export type NewOrder = z.infer<typeof NewOrderSchema>;

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters')
    .optional()
    .openapi({
      description:
        'Retrying with the same key (per organisation) returns the first answer and creates nothing new',
    }),
});

const OrderEventSchema = z.object({
  fromStatus: OrderStatusSchema.nullable(),
  toStatus: OrderStatusSchema,
  at: z.string(),
  actor: z
    .object({ id: z.uuid(), name: z.string() })
    .nullable()
    .openapi({ description: 'Null when the system did it (the print job)' }),
  note: z.string().nullable(),
});

export const OrderSchema = z
  .object({
    id: z.uuid(),
    status: OrderStatusSchema,
    seasonKey: z.string(),
    campaign: z.object({ id: z.uuid(), slug: z.string(), title: LocalizedTextSchema }),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    lines: z.array(
      z.object({
        productId: z.uuid(),
        productCode: z.string(),
        language: z.string(),
        title: LocalizedTextSchema,
        quantity: z.number().int(),
      }),
    ),
    deliveryAddress: PostalAddressSchema.or(
      z.object({ recipient: z.string(), street: z.string(), postalCode: z.string(), city: z.string() }),
    ),
    addressSource: z.enum(['organisation_default', 'one_off']),
    contact: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
    printBatchId: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    personalDataPurgedAt: z.string().nullable(),
    events: z.array(OrderEventSchema),
  })
  .openapi('Order');

export type OrderView = z.infer<typeof OrderSchema>;

export const OrderListQuerySchema = z.object({
  status: OrderStatusSchema.optional(),
  campaignId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const OrderActionBodySchema = z
  .object({
    note: z.string().trim().max(2000).optional().openapi({ description: 'Why (shown to the organisation)' }),
  })
  .strict()
  .openapi('OrderActionBody');
