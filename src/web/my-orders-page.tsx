import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SignedInUser } from '../accounts/actor.js';
import type { FieldProblem } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import type { OrderView } from '../orders/order-schemas.js';
import { changeOrderStatus, findOrderForUser, listOrdersForUser } from '../orders/orders-service.js';
import { AddressText } from './components/address-text.js';
import { Breadcrumbs } from './components/breadcrumbs.js';
import { formatDateTime, formatNumber } from './components/format.js';
import { languageName, ORDER_STATUS_LABEL } from './components/labels.js';
import { Localized } from './components/localized.js';
import { isUuid, sendNotFound, signInRedirect, signedInUser } from './components/member-pages.js';
import { ErrorSummary } from './forms.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { type PageContext, pageContext, sendPage } from './page-context.js';

const MY_ORDERS = '/mina-bestallningar';

/** The order, if it belongs to the person's own organisation (coordinators follow others' orders elsewhere). */
async function ownOrder(c: Context<AppEnv>, user: SignedInUser, id: string): Promise<OrderView | null> {
  if (!isUuid(id) || !user.organisationId) return null;
  const found = await findOrderForUser(c.get('deps').database.db, user, id);
  return found.ok && found.order.organisation.id === user.organisationId ? found.order : null;
}

/** A status in words with a mark, so it never depends on colour alone. */
function StatusTag(props: { status: OrderView['status']; lang: UiLanguage }) {
  return <span class={`status status-${props.status}`}>{ORDER_STATUS_LABEL[props.status][props.lang]}</span>;
}

function linesText(order: OrderView, lang: UiLanguage): string {
  return order.lines
    .map(
      (line) =>
        `${formatNumber(line.quantity, lang)} × ${line.title[lang] ?? line.title.sv ?? line.productCode}`,
    )
    .join(', ');
}

function OrderList(props: { page: PageContext; orders: OrderView[]; hasOrganisation: boolean }) {
  const { page, orders } = props;
  const { lang } = page;
  const say = (sv: string, en: string) => (lang === 'sv' ? sv : en);
  return (
    <Layout
      lang={lang}
      title={{ sv: 'Mina beställningar', en: 'My orders' }}
      path={page.path}
      user={page.user}
      csrfToken={page.csrfToken}
    >
      <h1>{say('Mina beställningar', 'My orders')}</h1>
      {!props.hasOrganisation ? (
        <p>
          {say(
            'Ditt konto hör inte till någon organisation, så det finns inga beställningar att visa.',
            'Your account does not belong to an organisation, so there are no orders to show.',
          )}
        </p>
      ) : orders.length === 0 ? (
        <p>
          {say(
            'Er organisation har inte beställt något ännu. ',
            'Your organisation has not ordered anything yet. ',
          )}
          <a href="/katalog">{say('Se materialet som går att beställa', 'See the material you can order')}</a>
          .
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>
              {say(
                'Er organisations beställningar, senaste först',
                "Your organisation's orders, newest first",
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{say('Beställd', 'Ordered')}</th>
                <th scope="col">{say('Kampanj', 'Campaign')}</th>
                <th scope="col">{say('Innehåll', 'Contents')}</th>
                <th scope="col">{say('Status', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr>
                  <td>
                    <a href={`${MY_ORDERS}/${order.id}`}>{formatDateTime(order.createdAt, lang)}</a>
                  </td>
                  <td>
                    <Localized text={order.campaign.title} lang={lang} />
                  </td>
                  <td>{linesText(order, lang)}</td>
                  <td>
                    <StatusTag status={order.status} lang={lang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function OrderDetail(props: {
  page: PageContext;
  order: OrderView;
  notice: 'sent' | 'cancelled' | null;
  errors: FieldProblem[];
}) {
  const { page, order } = props;
  const { lang } = page;
  const say = (sv: string, en: string) => (lang === 'sv' ? sv : en);
  const heading = say(
    `Beställning ${formatDateTime(order.createdAt, 'sv')}`,
    `Order of ${formatDateTime(order.createdAt, 'en')}`,
  );
  return (
    <Layout
      lang={lang}
      title={{ sv: heading, en: heading }}
      path={page.path}
      user={page.user}
      csrfToken={page.csrfToken}
    >
      <Breadcrumbs lang={lang} trail={[{ href: MY_ORDERS, label: say('Mina beställningar', 'My orders') }]} />
      <h1>{heading}</h1>
      <ErrorSummary lang={lang} errors={props.errors} />
      {props.notice === 'sent' ? (
        <p class="notice" role="status">
          {say('Tack! Beställningen är skickad. ', 'Thank you! The order has been sent. ')}
          {order.contact.email
            ? say(
                `En bekräftelse skickas till ${order.contact.email}.`,
                `A confirmation is sent to ${order.contact.email}.`,
              )
            : null}
        </p>
      ) : null}
      {props.notice === 'cancelled' ? (
        <p class="notice" role="status">
          {say('Beställningen är avbeställd.', 'The order has been cancelled.')}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{say('Status', 'Status')}</dt>
        <dd>
          <StatusTag status={order.status} lang={lang} />
        </dd>
        <dt>{say('Kampanj', 'Campaign')}</dt>
        <dd>
          <a href={`/kampanjer/${order.campaign.slug}`}>
            <Localized text={order.campaign.title} lang={lang} />
          </a>
        </dd>
        <dt>{say('Organisation', 'Organisation')}</dt>
        <dd>{order.organisation.name}</dd>
      </dl>
      {order.status === 'submitted' ? (
        <form method="post" action={`${MY_ORDERS}/${order.id}/avbestall`} class="inline-form">
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <button type="submit" class="secondary">
            {say('Avbeställ', 'Cancel the order')}
          </button>
          <span class="hint">
            {say(
              'Går att göra tills samordnaren har godkänt beställningen.',
              'Possible until the coordinator has approved the order.',
            )}
          </span>
        </form>
      ) : null}

      <h2>{say('Innehåll', 'Contents')}</h2>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{say('Produkt', 'Product')}</th>
              <th scope="col">{say('Språk', 'Language')}</th>
              <th scope="col" class="number">
                {say('Antal', 'Copies')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr>
                <td>
                  <a href={`/produkter/${line.productId}`}>
                    <Localized text={line.title} lang={lang} />
                  </a>
                </td>
                <td>{languageName(line.language, lang)}</td>
                <td class="number">{formatNumber(line.quantity, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{say('Leverans', 'Delivery')}</h2>
      <AddressText address={order.deliveryAddress} />
      <p class="hint">
        {order.addressSource === 'one_off'
          ? say('En egen adress för den här beställningen.', 'An address given for this order only.')
          : say('Organisationens sparade adress.', "The organisation's saved address.")}
      </p>
      <h2>{say('Kontaktperson', 'Contact person')}</h2>
      <p>
        {order.contact.name}
        {order.contact.email ? (
          <>
            <br />
            {order.contact.email}
          </>
        ) : null}
        {order.contact.phone ? (
          <>
            <br />
            {order.contact.phone}
          </>
        ) : null}
      </p>

      <h2>{say('Händelser', 'History')}</h2>
      <ol class="history">
        {order.events.map((event) => (
          <li>
            <time datetime={event.at}>{formatDateTime(event.at, lang)}</time>
            {': '}
            <StatusTag status={event.toStatus} lang={lang} />
            {event.actor ? ` (${event.actor.name})` : say(' (automatiskt)', ' (automatically)')}
            {event.note ? <span class="note"> – {event.note}</span> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** An organisation's orders (`/mina-bestallningar`), one order with its history, and cancelling it. */
export function myOrdersPage() {
  const router = new Hono<AppEnv>();

  router.get(MY_ORDERS, async (c) => {
    const user = signedInUser(c);
    const page = pageContext(c);
    if (!user) return signInRedirect(c, page.path);
    const orders = user.organisationId
      ? await listOrdersForUser(c.get('deps').database.db, user, {
          organisationId: user.organisationId,
          limit: 200,
          offset: 0,
        })
      : [];
    return sendPage(
      c,
      <OrderList page={page} orders={orders} hasOrganisation={user.organisationId !== null} />,
    );
  });

  router.get(`${MY_ORDERS}/:id`, async (c) => {
    const user = signedInUser(c);
    const page = pageContext(c);
    if (!user) return signInRedirect(c, page.path);
    const order = await ownOrder(c, user, c.req.param('id'));
    if (!order) return sendNotFound(c, page);
    const notice = c.req.query('skickad') ? 'sent' : c.req.query('avbestalld') ? 'cancelled' : null;
    return sendPage(c, <OrderDetail page={page} order={order} notice={notice} errors={[]} />);
  });

  router.post(`${MY_ORDERS}/:id/avbestall`, async (c) => {
    const user = signedInUser(c);
    const page = pageContext(c);
    const detail = `${MY_ORDERS}/${c.req.param('id')}`;
    if (!user) return signInRedirect(c, detail);
    const order = await ownOrder(c, user, c.req.param('id'));
    if (!order) return sendNotFound(c, page);
    const { database, clock } = c.get('deps');
    const result = await changeOrderStatus(database.db, user, order.id, 'cancel', null, clock.now());
    if (result.ok) return c.redirect(`${detail}?avbestalld=1`, 303);
    const message =
      page.lang === 'sv'
        ? 'Beställningen kan inte avbeställas längre: samordnaren har redan hanterat den.'
        : 'The order can no longer be cancelled: the coordinator has already handled it.';
    const current = (await ownOrder(c, user, order.id)) ?? order;
    return sendPage(
      c,
      <OrderDetail
        page={{ ...page, path: detail }}
        order={current}
        notice={null}
        errors={[{ field: '', message }]}
      />,
      409,
    );
  });

  return router;
}
