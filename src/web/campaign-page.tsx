import { Hono } from 'hono';
import { userOf } from '../accounts/actor.js';
import { listCampaignAssets } from '../assets/assets-service.js';
import { rightsAreValid } from '../assets/rights.js';
import type { CampaignWithOwner, windowState } from '../campaigns/campaigns-service.js';
import type { SupportContact } from '../campaigns/schema.js';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/app-env.js';
import { listCampaignProducts, previewUrlsOf } from '../orders/products-service.js';
import { listCampaignPacks, type PackSummary } from '../packs/packs-service.js';
import { PLATFORM_SIZES } from '../packs/platform-sizes.js';
import { Breadcrumbs } from './components/breadcrumbs.js';
import { formatBytes } from './components/format.js';
import { htmlLangOf, languageName } from './components/labels.js';
import { Localized, LocalizedParagraphs } from './components/localized.js';
import { sendNotFound } from './components/member-pages.js';
import { ProductCard } from './components/product-card.js';
import { WindowFacts } from './components/window-facts.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { OrderableElsewhere, offersOrdering, orderingOrganisationOf } from './order-form-page.js';
import { pageContext, sendPage } from './page-context.js';

/** The campaign's live images (rights still valid at `now`) with a thumbnail URL and alt text each. */
async function artworkOf(db: Db, campaignId: string, now: Date) {
  const images = (await listCampaignAssets(db, campaignId)).filter(
    (asset) => asset.kind === 'image' && rightsAreValid(asset.rightsExpiry, now),
  );
  const urls = await previewUrlsOf(
    db,
    images.map((image) => image.id),
  );
  return images.flatMap((image) => {
    const url = urls.get(image.id);
    return url
      ? [{ id: image.id, url, alt: image.altText ?? '', title: image.title, language: image.language }]
      : [];
  });
}

/** The platforms a pack is cut for, from the pack's own size table ("Instagram, Facebook och X"). */
function platformList(and: string): string {
  const platforms = [...new Set(PLATFORM_SIZES.map((size) => size.platform))];
  return platforms.length > 1
    ? `${platforms.slice(0, -1).join(', ')} ${and} ${platforms.at(-1)}`
    : (platforms[0] ?? '');
}

function SupportLines(props: { support: SupportContact[]; lang: UiLanguage }) {
  const { lang } = props;
  return (
    <ul class="support-lines">
      {props.support.map((line) => (
        <li>
          <strong>
            <Localized text={line.name} lang={lang} />
          </strong>
          {line.phone ? (
            <>
              {': '}
              <a href={`tel:${line.phone.replace(/[^0-9+]/g, '')}`}>{line.phone}</a>
            </>
          ) : null}
          {line.hours ? (
            <>
              {' – '}
              <Localized text={line.hours} lang={lang} />
            </>
          ) : null}
          {line.url ? (
            <>
              {' – '}
              <a href={line.url}>{line.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Packs(props: {
  campaign: CampaignWithOwner;
  packs: PackSummary[];
  downloadWindow: ReturnType<typeof windowState> | null;
  signedIn: boolean;
  now: Date;
  lang: UiLanguage;
}) {
  const { campaign, packs, downloadWindow, lang } = props;
  if (!downloadWindow?.open) {
    return (
      <p>
        {lang === 'sv'
          ? 'Paketen kan laddas ner när nedladdningen är öppen: '
          : 'The packs can be downloaded while downloads are open: '}
        <WindowFacts window={campaign.ordering} now={props.now} lang={lang} />{' '}
        {lang === 'sv' ? 'Finns på ' : 'Available in '}
        {packs.map((pack) => languageName(pack.language, lang)).join(', ')}.
      </p>
    );
  }
  const back = `/kampanjer/${campaign.slug}`;
  return (
    <>
      <p>
        {lang === 'sv'
          ? `Varje paket är en zip-fil med bilderna beskurna för ${platformList('och')}, med bildtexter och alt-texter.`
          : `Each pack is a zip file with the images cut for ${platformList('and')}, with captions and alt texts.`}
      </p>
      {props.signedIn ? null : (
        <p>
          <a href={`/logga-in?next=${encodeURIComponent(back)}`}>{lang === 'sv' ? 'Logga in' : 'Sign in'}</a>
          {lang === 'sv' ? ' för att ladda ner.' : ' to download.'}
        </p>
      )}
      <ul class="packs">
        {packs.map((pack) => {
          const name = languageName(pack.language, lang);
          const size = pack.bytes === null ? null : formatBytes(pack.bytes, lang);
          const facts =
            lang === 'sv'
              ? `${pack.imageCount} ${pack.imageCount === 1 ? 'bild' : 'bilder'}, ${pack.fileCount} filer${size ? `, ${size}` : ''}`
              : `${pack.imageCount} ${pack.imageCount === 1 ? 'image' : 'images'}, ${pack.fileCount} files${size ? `, ${size}` : ''}`;
          return (
            <li>
              {props.signedIn ? (
                <a href={`/api/v1/campaigns/${campaign.id}/packs/${pack.language}.zip`} download>
                  {lang === 'sv' ? `Ladda ner paketet på ${name}` : `Download the ${name} pack`}
                </a>
              ) : (
                <span>{lang === 'sv' ? `Paketet på ${name}` : `The ${name} pack`}</span>
              )}{' '}
              <span class="meta">(zip: {facts})</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** A campaign's own page: what it is, when, where to get help, its material, packs and images. */
export function campaignPage() {
  const router = new Hono<AppEnv>();
  router.get('/kampanjer/:slug', async (c) => {
    const page = pageContext(c);
    const { lang } = page;
    const deps = c.get('deps');
    const now = deps.clock.now();
    const actor = c.get('actor');
    const listed = await listCampaignPacks(deps, actor, c.req.param('slug'), now);
    if (!listed) return sendNotFound(c, page);
    const { campaign } = listed;
    const products = await listCampaignProducts(deps.database.db, actor, campaign.id);
    const artwork = await artworkOf(deps.database.db, campaign.id, now);
    const orderingOpen = listed.downloadWindow?.open === true;
    const organisation = await orderingOrganisationOf(deps.database.db, userOf(actor));
    const title = {
      sv: campaign.title.sv ?? campaign.slug,
      en: campaign.title.en ?? campaign.title.sv ?? campaign.slug,
    };

    return sendPage(
      c,
      <Layout lang={lang} title={title} path={page.path} user={page.user} csrfToken={page.csrfToken}>
        <Breadcrumbs
          lang={lang}
          trail={[{ href: '/katalog', label: lang === 'sv' ? 'Material' : 'Material' }]}
        />
        <h1>
          <Localized text={campaign.title} lang={lang} />
        </h1>
        <p class="lead">
          <Localized text={campaign.summary} lang={lang} />
        </p>
        <LocalizedParagraphs text={campaign.description} lang={lang} />
        <p class="meta">
          {lang === 'sv' ? 'Avsändare: ' : 'From: '}
          {campaign.owner.name}
          {' · '}
          {lang === 'sv' ? 'Språk: ' : 'Languages: '}
          {campaign.languages.map((code) => languageName(code, lang)).join(', ')}
        </p>

        <h2>{lang === 'sv' ? 'När' : 'When'}</h2>
        <dl class="facts">
          <dt>{lang === 'sv' ? 'Kampanjen visas' : 'The campaign runs'}</dt>
          <dd>
            <WindowFacts window={campaign.airing} now={now} lang={lang} />
          </dd>
          {campaign.ordering ? (
            <>
              <dt>{lang === 'sv' ? 'Beställning och nedladdning' : 'Ordering and downloads'}</dt>
              <dd>
                <WindowFacts window={campaign.ordering} now={now} lang={lang} />
              </dd>
            </>
          ) : null}
        </dl>

        {campaign.support.length > 0 ? (
          <>
            <h2>{lang === 'sv' ? 'Här finns stöd' : 'Where to get support'}</h2>
            <SupportLines support={campaign.support} lang={lang} />
          </>
        ) : null}

        {/* Sections a campaign has nothing for are left out rather than said to be empty. */}
        {products.ok && products.products.length > 0 ? (
          <>
            <h2>{lang === 'sv' ? 'Tryckt material' : 'Printed material'}</h2>
            <ul class="cards products">
              {products.products.map((product) => (
                <ProductCard
                  product={product}
                  previewUrl={products.previewUrls.get(product.previewAssetId) ?? null}
                  lang={lang}
                />
              ))}
            </ul>
            {orderingOpen && organisation && !offersOrdering(campaign, organisation) ? (
              <OrderableElsewhere campaign={campaign} organisation={organisation} lang={lang} />
            ) : orderingOpen ? (
              <p>
                <a class="button" href={`/kampanjer/${campaign.slug}/bestall`}>
                  {lang === 'sv' ? 'Beställ tryckt material' : 'Order printed material'}
                </a>
              </p>
            ) : (
              <p>
                {lang === 'sv' ? 'Beställningen är stängd just nu. ' : 'Ordering is closed right now. '}
                <WindowFacts window={campaign.ordering} now={now} lang={lang} />
              </p>
            )}
          </>
        ) : null}

        {listed.packs.length > 0 ? (
          <>
            <h2>{lang === 'sv' ? 'Material för sociala medier' : 'Social-media material'}</h2>
            <Packs
              campaign={campaign}
              packs={listed.packs}
              downloadWindow={listed.downloadWindow}
              signedIn={page.user !== null}
              now={now}
              lang={lang}
            />
          </>
        ) : null}

        {artwork.length > 0 ? (
          <>
            <h2>{lang === 'sv' ? 'Bilder i kampanjen' : 'Images in the campaign'}</h2>
            <ul class="thumbnails">
              {artwork.map((image) => (
                <li>
                  <figure>
                    <img src={image.url} alt={image.alt} lang={htmlLangOf(image.language)} loading="lazy" />
                    <figcaption>
                      {image.title ? `${image.title} · ` : ''}
                      {languageName(image.language, lang)}
                    </figcaption>
                  </figure>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Layout>,
    );
  });
  return router;
}
