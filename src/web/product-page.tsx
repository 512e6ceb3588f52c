import { Hono } from 'hono';
import { userOf } from '../accounts/actor.js';
import { findAsset } from '../assets/assets-service.js';
import type { AppEnv } from '../http/app-env.js';
import { orderingStateAt } from '../orders/ordering-season.js';
import { findVisibleProduct } from '../orders/products-service.js';
import { Breadcrumbs } from './components/breadcrumbs.js';
import { formatNumber } from './components/format.js';
import { htmlLangOf, languageName, PRODUCT_KIND_LABEL } from './components/labels.js';
import { Localized, LocalizedParagraphs, pickText } from './components/localized.js';
import { isUuid, sendNotFound } from './components/member-pages.js';
import { stockText } from './components/product-card.js';
import { WindowFacts } from './components/window-facts.js';
import { Layout } from './layout.js';
import { OrderableElsewhere, offersOrdering, orderingOrganisationOf } from './order-form-page.js';
import { pageContext, sendPage } from './page-context.js';

/** A product's page: the preview with its alt text, what it is, stock left, limits, and the way to order. */
export function productPage() {
  const router = new Hono<AppEnv>();
  router.get('/produkter/:id', async (c) => {
    const page = pageContext(c);
    const { lang } = page;
    const id = c.req.param('id');
    const { database, clock } = c.get('deps');
    const found = isUuid(id) ? await findVisibleProduct(database.db, c.get('actor'), id) : null;
    if (!found) return sendNotFound(c, page);
    const { product, campaign, previewUrl } = found;
    const now = clock.now();
    const preview = await findAsset(database.db, product.previewAssetId);
    const ordering = orderingStateAt(campaign.ordering, now);
    const organisation = await orderingOrganisationOf(database.db, userOf(c.get('actor')));
    const title = {
      sv: pickText(product.title, 'sv').value,
      en: pickText(product.title, 'en').value,
    };
    return sendPage(
      c,
      <Layout lang={lang} title={title} path={page.path} user={page.user} csrfToken={page.csrfToken}>
        <Breadcrumbs
          lang={lang}
          trail={[
            { href: '/katalog', label: lang === 'sv' ? 'Material' : 'Material' },
            { href: `/kampanjer/${campaign.slug}`, label: <Localized text={campaign.title} lang={lang} /> },
          ]}
        />
        <h1>
          <Localized text={product.title} lang={lang} />
        </h1>
        <div class="product">
          {previewUrl ? (
            <figure class="preview">
              <img
                src={previewUrl}
                alt={preview?.altText ?? pickText(product.title, lang).value}
                lang={preview?.altText ? htmlLangOf(preview.language) : undefined}
              />
              <figcaption>{lang === 'sv' ? 'Förhandsvisning' : 'Preview'}</figcaption>
            </figure>
          ) : null}
          <div>
            {product.description ? <LocalizedParagraphs text={product.description} lang={lang} /> : null}
            <dl class="facts">
              <dt>{lang === 'sv' ? 'Typ' : 'Kind'}</dt>
              <dd>{PRODUCT_KIND_LABEL[product.kind]?.[lang] ?? product.kind}</dd>
              <dt>{lang === 'sv' ? 'Språk' : 'Language'}</dt>
              <dd>{languageName(product.language, lang)}</dd>
              <dt>{lang === 'sv' ? 'I lager' : 'In stock'}</dt>
              <dd>{stockText(product.stock, lang)}</dd>
              <dt>{lang === 'sv' ? 'Högst per beställning' : 'At most per order'}</dt>
              <dd>
                {formatNumber(product.maxPerOrder, lang)} {lang === 'sv' ? 'ex.' : 'copies'}
              </dd>
              {product.quotaPerOrganisation !== null ? (
                <>
                  <dt>
                    {lang === 'sv' ? 'Kvot per organisation och säsong' : 'Quota per organisation and season'}
                  </dt>
                  <dd>
                    {formatNumber(product.quotaPerOrganisation, lang)} {lang === 'sv' ? 'ex.' : 'copies'}
                  </dd>
                </>
              ) : null}
              <dt>{lang === 'sv' ? 'Beställning' : 'Ordering'}</dt>
              <dd>
                <WindowFacts window={campaign.ordering} now={now} lang={lang} />
              </dd>
              <dt>{lang === 'sv' ? 'Artikelnummer' : 'Article code'}</dt>
              <dd>
                <code>{product.code}</code>
              </dd>
            </dl>
            {ordering.open && product.active ? (
              organisation && !offersOrdering(campaign, organisation) ? (
                <OrderableElsewhere campaign={campaign} organisation={organisation} lang={lang} />
              ) : (
                <p>
                  <a class="button" href={`/kampanjer/${campaign.slug}/bestall`}>
                    {lang === 'sv' ? 'Beställ' : 'Order'}
                  </a>
                </p>
              )
            ) : null}
          </div>
        </div>
      </Layout>,
    );
  });
  return router;
}
