import type { Context, Hono } from 'hono';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import type { OrderAction } from '../../orders/order-rules.js';
import { OrderActionBodySchema, type OrderView } from '../../orders/order-schemas.js';
import { changeOrderStatus, listOrdersForUser } from '../../orders/orders-service.js';
import { createPrintBatch, listPrintBatches, type PrintBatchRow } from '../../orders/print-batch-service.js';
import { formatDateTime } from '../components/format.js';
import { languageName, ORDER_STATUS_LABEL } from '../components/labels.js';
import { Localized } from '../components/localized.js';
import { errorFor, ErrorSummary, titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  Csrf,
  coordinatorContext,
  sendRefusalPage,
} from './coordinator-layout.js';
import { TextAreaField } from './fields.js';
import { formProblems, readForm } from './form-input.js';

function OrderRow(props: { ctx: CoordinatorContext; order: OrderView; errors: FieldProblem[] }) {
  const { ctx, order } = props;
  const { t, lang } = ctx;
  const noteField = `note.${order.id}`;
  return (
    <tr id={`order-${order.id}`}>
      <th scope="row">
        {order.organisation.name}
        <br />
        <span class="hint">{formatDateTime(order.createdAt, lang)}</span>
      </th>
      <td>
        <Localized text={order.campaign.title} lang={lang} />
      </td>
      <td>
        <ul class="plain">
          {order.lines.map((line) => (
            <li>
              {`${line.quantity} × `}
              <Localized text={line.title} lang={lang} />
              {` (${languageName(line.language, lang)})`}
            </li>
          ))}
        </ul>
      </td>
      <td>{ORDER_STATUS_LABEL[order.status][lang]}</td>
      <td>
        {order.status === 'submitted' ? (
          <div class="order-actions">
            <form method="post" action={`/samordnare/bestallningar/${order.id}/godkann`} class="inline-form">
              <Csrf page={ctx} />
              <button type="submit">
                {t('Godkänn', 'Approve')}
                <span class="visually-hidden">
                  {' '}
                  {t(
                    `beställningen från ${order.organisation.name}`,
                    `the order from ${order.organisation.name}`,
                  )}
                </span>
              </button>
            </form>
            <form method="post" action={`/samordnare/bestallningar/${order.id}/avsla`} class="stack">
              <Csrf page={ctx} />
              <TextAreaField
                name={noteField}
                label={t(
                  `Skäl att avslå (${order.organisation.name})`,
                  `Reason to reject (${order.organisation.name})`,
                )}
                error={errorFor(props.errors, noteField)}
                rows={2}
              />
              <p>
                <button type="submit" class="secondary">
                  {t('Avslå', 'Reject')}
                  <span class="visually-hidden">
                    {' '}
                    {t(
                      `beställningen från ${order.organisation.name}`,
                      `the order from ${order.organisation.name}`,
                    )}
                  </span>
                </button>
              </p>
            </form>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function BatchList(props: { ctx: CoordinatorContext; batches: PrintBatchRow[] }) {
  const { t, lang } = props.ctx;
  if (props.batches.length === 0) return <p>{t('Inga tryckomgångar än.', 'No print batches yet.')}</p>;
  return (
    <section class="table-scroll" tabindex={0} aria-label={t('Tryckomgångar', 'Print batches')}>
      <table>
        <caption>{t('Tryckomgångar', 'Print batches')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Skapad', 'Made')}</th>
            <th scope="col">{t('Beställningar', 'Orders')}</th>
            <th scope="col">{t('Exemplar', 'Copies')}</th>
            <th scope="col">{t('Filer', 'Files')}</th>
          </tr>
        </thead>
        <tbody>
          {props.batches.map((batch) => {
            const made = formatDateTime(batch.createdAt, lang);
            return (
              <tr>
                <th scope="row">{made}</th>
                <td>{batch.orderCount}</td>
                <td>{batch.copies}</td>
                <td>
                  {batch.pdfHash ? (
                    <>
                      <a href={`/api/v1/print-batches/${batch.id}/order-sheet.pdf`} download="">
                        {t('Ordersedel (PDF)', 'Order sheet (PDF)')}
                        <span class="visually-hidden"> {made}</span>
                      </a>{' '}
                      ·{' '}
                      <a href={`/api/v1/print-batches/${batch.id}/orders.csv`} download="">
                        {t('Tryckeriets lista (CSV)', 'The printer’s list (CSV)')}
                        <span class="visually-hidden"> {made}</span>
                      </a>
                    </>
                  ) : (
                    t(
                      'Filerna är raderade med personuppgifterna.',
                      'The files were deleted with the personal data.',
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

async function sendOrders(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  errors: FieldProblem[] = [],
  status: 200 | 400 | 409 = 200,
) {
  const { t, lang, me } = ctx;
  const { database } = c.get('deps');
  const [orders, batches] = await Promise.all([
    listOrdersForUser(database.db, me, { limit: 300, offset: 0 }),
    listPrintBatches(database.db, me, 20),
  ]);
  const waiting = orders.filter((order) => order.status === 'submitted');
  const approved = orders.filter((order) => order.status === 'approved');
  const rest = orders.filter((order) => order.status !== 'submitted' && order.status !== 'approved');
  const table = (caption: string, rows: OrderView[]) => (
    <section class="table-scroll" tabindex={0} aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Organisation', 'Organisation')}</th>
            <th scope="col">{t('Kampanj', 'Campaign')}</th>
            <th scope="col">{t('Material', 'Material')}</th>
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col">{t('Beslut', 'Decision')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => (
            <OrderRow ctx={ctx} order={order} errors={errors} />
          ))}
        </tbody>
      </table>
    </section>
  );
  const title = { sv: 'Beställningar', en: 'Orders' };
  return sendPage(
    c,
    <CoordinatorPage
      page={ctx}
      title={titleWithErrors(title, errors)}
      section="/samordnare/bestallningar"
      notice={c.req.query('klart')}
    >
      <h1>{title[lang]}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <h2>{t(`Väntar på beslut (${waiting.length})`, `Waiting for a decision (${waiting.length})`)}</h2>
      {waiting.length ? (
        table(t('Inskickade beställningar', 'Submitted orders'), waiting)
      ) : (
        <p>{t('Inga beställningar väntar.', 'No orders are waiting.')}</p>
      )}
      <h2>
        {t(`Godkända, inte tryckta (${approved.length})`, `Approved, not printed (${approved.length})`)}
      </h2>
      {approved.length ? (
        table(t('Godkända beställningar', 'Approved orders'), approved)
      ) : (
        <p>
          {t('Inga godkända beställningar väntar på tryck.', 'No approved orders are waiting for print.')}
        </p>
      )}
      <form method="post" action="/samordnare/tryckomgangar" id="f-batch">
        <Csrf page={ctx} />
        <p>
          <button type="submit">
            {t('Skapa tryckomgång av de godkända', 'Make a print batch of the approved ones')}
          </button>
        </p>
      </form>
      <h2>{t('Tryckomgångar', 'Print batches')}</h2>
      <BatchList ctx={ctx} batches={batches} />
      <h2>{t('Tidigare beställningar', 'Earlier orders')}</h2>
      {rest.length ? (
        table(t('Avgjorda beställningar', 'Settled orders'), rest)
      ) : (
        <p>{t('Inga än.', 'None yet.')}</p>
      )}
    </CoordinatorPage>,
    status,
  );
}

/** Orders in scope: approve, reject with a reason, make a print batch and download its files. */
export function addOrderPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/bestallningar', (c) => sendOrders(c, coordinatorContext(c)));

  const decide = (path: string, action: OrderAction, notice: string) =>
    router.post(path, async (c) => {
      const ctx = coordinatorContext(c);
      const id = c.req.param('id') ?? '';
      const noteField = `note.${id}`;
      const note = action === 'reject' ? (await readForm(c)).text(noteField) : '';
      if (action === 'reject') {
        if (!note)
          return sendOrders(
            c,
            ctx,
            [
              {
                field: noteField,
                message: ctx.t(
                  'Skriv varför beställningen avslås; organisationen får läsa det.',
                  'Say why the order is rejected; the organisation reads it.',
                ),
              },
            ],
            400,
          );
        const parsed = OrderActionBodySchema.safeParse({ note });
        if (!parsed.success)
          return sendOrders(
            c,
            ctx,
            formProblems(parsed.error, ctx.lang, () => noteField),
            400,
          );
      }
      const { database, clock } = c.get('deps');
      const result = await changeOrderStatus(database.db, ctx.me, id, action, note || null, clock.now());
      if (!result.ok && result.reason === 'invalid_transition') {
        return sendOrders(
          c,
          ctx,
          [
            {
              field: 'batch',
              message: ctx.t('Beställningen har redan avgjorts.', 'The order has been settled already.'),
            },
          ],
          409,
        );
      }
      if (!result.ok) return sendRefusalPage(c, 404);
      return c.redirect(`/samordnare/bestallningar?klart=${notice}`, 303);
    });
  decide('/samordnare/bestallningar/:id/godkann', 'approve', 'godkand');
  decide('/samordnare/bestallningar/:id/avsla', 'reject', 'avslagen');

  router.post('/samordnare/tryckomgangar', async (c) => {
    const ctx = coordinatorContext(c);
    const { database, storage, clock } = c.get('deps');
    const result = await createPrintBatch(database.db, storage, ctx.me, clock.now());
    if (!result.ok) {
      return sendOrders(
        c,
        ctx,
        [
          {
            field: 'batch',
            message: ctx.t(
              'Det finns inga godkända beställningar att trycka i ditt område.',
              'There are no approved orders to print in your area.',
            ),
          },
        ],
        409,
      );
    }
    return c.redirect('/samordnare/bestallningar?klart=tryckomgang', 303);
  });
}
