import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import type { OrderAction } from './order-rules.js';
import {
  IdempotencyHeaderSchema,
  NewOrderSchema,
  OrderActionBodySchema,
  OrderListQuerySchema,
  OrderSchema,
  type OrderView,
} from './order-schemas.js';
import {
  changeOrderStatus,
  findOrderForUser,
  listOrdersForUser,
  type StatusChangeResult,
} from './orders-service.js';
import { type PlaceOrderRefusal, placeOrder } from './place-order.js';

/** The problem answering a refused order. */
function orderRefusal(refusal: PlaceOrderRefusal): AppError {
  const extra = {
    ...(refusal.productCode ? { productCode: refusal.productCode } : {}),
    ...(refusal.errors ? { errors: refusal.errors } : {}),
  };
  switch (refusal.reason) {
    case 'no_organisation':
      return problems.forbidden(refusal.detail);
    case 'outside_campaign_region':
      return new AppError(403, refusal.reason, 'Not orderable by your organisation', refusal.detail);
    case 'out_of_stock':
      return new AppError(409, 'out_of_stock', 'Out of stock', refusal.detail, extra);
    case 'idempotent_request_in_progress':
      return new AppError(409, refusal.reason, 'Request in progress', refusal.detail, {
        retryAfterSeconds: 1,
      });
    default:
      return new AppError(422, refusal.reason, 'Order not accepted', refusal.detail, extra);
  }
}

function statusRefusal(result: Exclude<StatusChangeResult, { ok: true }>): AppError {
  if (result.reason === 'not_found') return problems.notFound('The order');
  if (result.reason === 'forbidden') return problems.forbidden(result.detail);
  return problems.conflict('invalid_transition', result.detail);
}

const OrderParam = z.object({ id: z.uuid() });
const orderContent = { 'application/json': { schema: OrderSchema } };

const ACTIONS: Array<{ action: OrderAction; summary: string; roles: 'coordinators' | 'anyone' }> = [
  {
    action: 'approve',
    summary: 'Approve a submitted order (coordinators covering the ordering organisation)',
    roles: 'coordinators',
  },
  {
    action: 'reject',
    summary: 'Reject a submitted order; its copies return to stock',
    roles: 'coordinators',
  },
  {
    action: 'cancel',
    summary:
      'Cancel an order: its organisation while submitted, coordinators until it goes to print; copies return to stock',
    roles: 'anyone',
  },
  { action: 'ship', summary: 'Mark an order sent to print as shipped', roles: 'coordinators' },
];

/** Orders: placing them (idempotently), reading them, and moving them through their statuses. */
export function orderRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/orders',
      tags: ['Orders'],
      summary: "Order printed material for your organisation within the campaign's ordering window",
      access: access.signedIn,
      request: {
        headers: IdempotencyHeaderSchema,
        body: { content: { 'application/json': { schema: NewOrderSchema } }, required: true },
      },
      responses: {
        201: {
          description: 'Order placed (or the stored answer to a retried Idempotency-Key)',
          content: orderContent,
        },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await placeOrder(database.db, requireUser(c.get('actor')), c.req.valid('json'), {
        now: clock.now(),
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      });
      if (!result.ok) throw orderRefusal(result);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.order, result.status as 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/orders',
      tags: ['Orders'],
      summary: "Orders you may see, newest first (members: their organisation's; coordinators: their scope)",
      access: access.signedIn,
      request: { query: OrderListQuerySchema },
      responses: {
        200: {
          description: 'Orders',
          content: { 'application/json': { schema: z.object({ items: z.array(OrderSchema) }) } },
        },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const items: OrderView[] = await listOrdersForUser(
        c.get('deps').database.db,
        requireUser(c.get('actor')),
        c.req.valid('query'),
      );
      return c.json({ items }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/orders/{id}',
      tags: ['Orders'],
      summary: 'One order with its lines and status history',
      access: access.signedIn,
      request: { params: OrderParam },
      responses: {
        200: { description: 'Order', content: orderContent },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await findOrderForUser(
        c.get('deps').database.db,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
      );
      if (!result.ok) throw statusRefusal(result);
      return c.json(result.order, 200);
    },
  );

  for (const { action, summary, roles } of ACTIONS) {
    router.openapi(
      defineRoute({
        method: 'post',
        path: `/api/v1/orders/{id}/${action}`,
        tags: ['Orders'],
        summary,
        access: roles === 'coordinators' ? access.roles('admin', 'coordinator') : access.signedIn,
        request: {
          params: OrderParam,
          body: { content: { 'application/json': { schema: OrderActionBodySchema } }, required: false },
        },
        responses: {
          200: { description: 'The order after the change', content: orderContent },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { database, clock } = c.get('deps');
        const body = c.req.valid('json') as { note?: string } | undefined;
        const result = await changeOrderStatus(
          database.db,
          requireUser(c.get('actor')),
          c.req.valid('param').id,
          action,
          body?.note ?? null,
          clock.now(),
        );
        if (!result.ok) throw statusRefusal(result);
        return c.json(result.order, 200);
      },
    );
  }

  return router;
}
