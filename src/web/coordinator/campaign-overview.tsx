import type { SignedInUser } from '../../accounts/actor.js';
import { type AssetRow, listCampaignAssets, type RenditionRow } from '../../assets/assets-service.js';
import { mediaUrl } from '../../assets/media-types.js';
import { rightsAreValid } from '../../assets/rights.js';
import {
  type CampaignWithOwner,
  findCampaign,
  userMayManageCampaign,
} from '../../campaigns/campaigns-service.js';
import { type PublishProblem, publishProblemsOf } from '../../campaigns/publish-gate.js';
import type { Db } from '../../db/client.js';
import type { FieldProblem } from '../../errors.js';
import { listSlides, type SlideDetails } from '../../slides/slides-service.js';
import { describeWindow } from '../../windows/describe-window.js';
import { formatDate } from '../components/format.js';
import { languageName } from '../components/labels.js';
import { Localized } from '../components/localized.js';
import { ErrorSummary, errorFor } from '../forms.js';
import type { UiLanguage } from '../i18n.js';
import { type CoordinatorContext, Csrf } from './coordinator-layout.js';
import { TextAreaField } from './fields.js';
import { assetLabel, GateProblems, languageMayBeExempt } from './gate-problems.js';
import { regionName } from './scope-options.js';
import { targetingText } from './slide-form.js';

/** Everything the campaign page shows. */
export interface CampaignOverview {
  campaign: CampaignWithOwner;
  assets: Array<AssetRow & { renditions: RenditionRow[] }>;
  slides: SlideDetails[];
  problems: PublishProblem[];
}

/** The campaign page's data, or null when the campaign is not there or outside the user's scope. */
export async function loadCampaignOverview(
  db: Db,
  user: SignedInUser,
  idOrSlug: string,
): Promise<CampaignOverview | null> {
  const campaign = await findCampaign(db, idOrSlug);
  if (!campaign || !userMayManageCampaign(user, campaign)) return null;
  const [assets, slides, problems] = await Promise.all([
    listCampaignAssets(db, campaign.id),
    listSlides(db, user, campaign.id),
    publishProblemsOf(db, campaign),
  ]);
  return { campaign, assets, slides: slides ?? [], problems };
}

/** The smallest picture of an asset for a list: a thumbnail rendition, else the master. */
export function thumbnailOf(asset: AssetRow & { renditions: RenditionRow[] }): string | null {
  if (asset.kind !== 'image') return null;
  const thumb = asset.renditions.filter((r) => r.name === 'thumb-320').sort((a, b) => a.bytes - b.bytes)[0];
  return thumb ? mediaUrl(thumb.hash, thumb.format) : mediaUrl(asset.masterHash, asset.format);
}

const STATUS: Record<string, { sv: string; en: string }> = {
  draft: { sv: 'Utkast', en: 'Draft' },
  published: { sv: 'Publicerad', en: 'Published' },
  archived: { sv: 'Arkiverad', en: 'Archived' },
};

/** A campaign status in words. */
export function statusName(status: string, lang: UiLanguage): string {
  return STATUS[status]?.[lang] ?? status;
}

function StatusActions(props: { ctx: CoordinatorContext; campaign: CampaignWithOwner }) {
  const { ctx, campaign } = props;
  const { t } = ctx;
  const action = `/samordnare/kampanjer/${campaign.slug}/status`;
  const button = (status: string, label: string, secondary = false) => (
    <form method="post" action={action} class="inline-form">
      <Csrf page={ctx} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="actions">
      {campaign.status !== 'published' ? button('published', t('Publicera', 'Publish')) : null}
      {campaign.status !== 'archived' ? button('archived', t('Arkivera', 'Archive'), true) : null}
      {campaign.status !== 'draft' ? button('draft', t('Gör till utkast', 'Make a draft'), true) : null}
    </div>
  );
}

function AssetTable(props: { ctx: CoordinatorContext; overview: CampaignOverview; now: Date }) {
  const { t, lang } = props.ctx;
  const { assets } = props.overview;
  if (assets.length === 0) return <p>{t('Inga bilder än.', 'No artwork yet.')}</p>;
  return (
    <section class="table-scroll" tabindex={0} aria-label={t('Bilder och filer', 'Artwork and files')}>
      <table>
        <caption>{t('Bilder och filer', 'Artwork and files')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Bild', 'Image')}</th>
            <th scope="col">{t('Språk', 'Language')}</th>
            <th scope="col">{t('Alternativtext', 'Alt text')}</th>
            <th scope="col">{t('Rättigheter', 'Rights')}</th>
            <th scope="col">{t('Ändra', 'Edit')}</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((asset) => {
            const thumb = thumbnailOf(asset);
            const name = assetLabel(asset, lang);
            return (
              <tr>
                <td>
                  {thumb ? <img src={thumb} alt={asset.altText ?? ''} class="thumb" loading="lazy" /> : name}
                </td>
                <td>{languageName(asset.language, lang)}</td>
                <td lang={asset.language}>
                  {asset.altText ?? <strong lang={lang}>{t('Saknas', 'Missing')}</strong>}
                </td>
                <td>
                  {asset.rightsExpiry
                    ? rightsAreValid(asset.rightsExpiry, props.now)
                      ? t(
                          `Till och med ${formatDate(asset.rightsExpiry, lang)}`,
                          `Until ${formatDate(asset.rightsExpiry, lang)}`,
                        )
                      : t(
                          `Gick ut ${formatDate(asset.rightsExpiry, lang)}`,
                          `Expired ${formatDate(asset.rightsExpiry, lang)}`,
                        )
                    : t('Ingen slutdag', 'No end date')}
                </td>
                <td>
                  <a href={`/samordnare/bilder/${asset.id}`}>
                    {t('Ändra', 'Edit')}
                    <span class="visually-hidden"> {name}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function SlideTable(props: { ctx: CoordinatorContext; overview: CampaignOverview; errors: FieldProblem[] }) {
  const { ctx, overview } = props;
  const { t, lang } = ctx;
  const { slides, campaign } = overview;
  if (slides.length === 0) return <p>{t('Inga bildspel än.', 'No slides yet.')}</p>;
  return (
    <form
      method="post"
      action={`/samordnare/kampanjer/${campaign.slug}/ordning`}
      class="reorder"
      data-reorder=""
    >
      <Csrf page={ctx} />
      <p class="hint">
        {t(
          'Lägre nummer visas först. Du kan också dra raderna.',
          'Lower numbers show first. You can also drag the rows.',
        )}
      </p>
      <section
        class="table-scroll"
        tabindex={0}
        aria-label={t('Bildspel i visningsordning', 'Slides in playing order')}
      >
        <table>
          <caption>{t('Bildspel i visningsordning', 'Slides in playing order')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Ordning', 'Order')}</th>
              <th scope="col">{t('Namn', 'Name')}</th>
              <th scope="col">{t('Tid', 'Time')}</th>
              <th scope="col">{t('Språk', 'Languages')}</th>
              <th scope="col">{t('Visas', 'Shows')}</th>
              <th scope="col">{t('Ändra', 'Edit')}</th>
            </tr>
          </thead>
          <tbody>
            {slides.map(({ slide, variants }) => {
              const field = `position.${slide.id}`;
              const error = errorFor(props.errors, field);
              return (
                <tr data-slide={slide.id}>
                  <td>
                    <label for={`f-position-${slide.id}`} class="visually-hidden">
                      {t(`Ordning för ${slide.name}`, `Order of ${slide.name}`)}
                    </label>
                    {error ? (
                      <span class="field-error" id={`f-position-${slide.id}-error`}>
                        {error}
                      </span>
                    ) : null}
                    <input
                      type="number"
                      class="position"
                      id={`f-position-${slide.id}`}
                      name={field}
                      value={String(slide.position)}
                      min="0"
                      max="10000"
                      inputmode="numeric"
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `f-position-${slide.id}-error` : undefined}
                    />
                  </td>
                  <th scope="row">{slide.name}</th>
                  <td>{t(`${slide.durationSeconds} s`, `${slide.durationSeconds} s`)}</td>
                  <td>
                    {[...new Set(variants.map((variant) => languageName(variant.language, lang)))].join(', ')}
                  </td>
                  <td>
                    {slide.window
                      ? describeWindow(slide.window, lang)
                      : t('Som kampanjen', 'As the campaign')}
                    <br />
                    {targetingText(slide.targeting, lang)}
                  </td>
                  <td>
                    <a href={`/samordnare/bildspel/${slide.id}`}>
                      {t('Ändra', 'Edit')}
                      <span class="visually-hidden"> {slide.name}</span>
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <p>
        <button type="submit">{t('Spara ordningen', 'Save the order')}</button>
      </p>
    </form>
  );
}

/** The campaign's languages a slide may lack with a recorded reason. */
export function exemptableLanguages(campaign: Pick<CampaignWithOwner, 'languages'>): string[] {
  return campaign.languages.filter(languageMayBeExempt);
}

function ExemptionForm(props: {
  ctx: CoordinatorContext;
  campaign: CampaignWithOwner;
  errors: FieldProblem[];
}) {
  const { ctx, campaign } = props;
  const { t, lang } = ctx;
  const others = exemptableLanguages(campaign);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="sprakundantag">
      <h2 id="sprakundantag">{t('Språk som saknar bilder', 'Languages without artwork')}</h2>
      <p>
        {t(
          'Om ett bildspel medvetet saknar ett av kampanjens språk, skriv varför. Skärmar som vill ha språket visar då bildspelets svenska bild i stället.',
          'If a slide deliberately lacks one of the campaign’s languages, say why. Screens that want the language then show the slide’s Swedish artwork instead.',
        )}
      </p>
      <form method="post" action={`/samordnare/kampanjer/${campaign.slug}/sprakundantag`} class="stack">
        <Csrf page={ctx} />
        {others.map((language) => (
          <TextAreaField
            name={`exemption.${language}`}
            label={t(
              `Varför saknas ${languageName(language, lang)}?`,
              `Why is ${languageName(language, lang)} missing?`,
            )}
            value={campaign.languageExemptions?.[language] ?? ''}
            error={errorFor(props.errors, `exemption.${language}`)}
            rows={2}
            hint={t(
              'Lämna tomt om alla bildspel ska ha språket.',
              'Leave empty if every slide should have the language.',
            )}
          />
        ))}
        <p>
          <button type="submit" class="secondary">
            {t('Spara skälen', 'Save the reasons')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** The campaign page: facts, what stops publishing, status buttons, artwork, slides and language reasons. */
export function CampaignOverviewView(props: {
  ctx: CoordinatorContext;
  overview: CampaignOverview;
  now: Date;
  refused?: boolean;
  errors?: FieldProblem[];
}) {
  const { ctx, overview } = props;
  const { t, lang } = ctx;
  const { campaign } = overview;
  const errors = props.errors ?? [];
  return (
    <>
      <h1>
        <Localized text={campaign.title} lang={lang} />
      </h1>
      <ErrorSummary lang={lang} errors={errors} />
      <dl class="facts">
        <dt>{t('Status', 'Status')}</dt>
        <dd>
          <strong>{statusName(campaign.status, lang)}</strong>
          {campaign.publishedAt
            ? ` · ${t('först publicerad', 'first published')} ${formatDate(campaign.publishedAt, lang)}`
            : ''}
        </dd>
        <dt>{t('Område', 'Area')}</dt>
        <dd>{regionName(campaign, lang)}</dd>
        <dt>{t('Språk', 'Languages')}</dt>
        <dd>{campaign.languages.map((code) => languageName(code, lang)).join(', ')}</dd>
        <dt>{t('Visas', 'Airs')}</dt>
        <dd>{describeWindow(campaign.airing, lang)}</dd>
        <dt>{t('Beställning', 'Ordering')}</dt>
        <dd>
          {campaign.ordering
            ? describeWindow(campaign.ordering, lang)
            : t('Ingen beställning', 'No ordering')}
        </dd>
      </dl>
      <p class="actions">
        <a class="button secondary" href={`/samordnare/kampanjer/${campaign.slug}/redigera`}>
          {t('Ändra kampanjen', 'Edit the campaign')}
        </a>{' '}
        <a class="button secondary" href={`/samordnare/kampanjer/${campaign.slug}/bilder/ny`}>
          {t('Ladda upp bild', 'Upload artwork')}
        </a>{' '}
        <a class="button secondary" href={`/samordnare/kampanjer/${campaign.slug}/bildspel/ny`}>
          {t('Nytt bildspel', 'New slide')}
        </a>{' '}
        <a class="button secondary" href={`/samordnare/kampanjer/${campaign.slug}/evenemang`}>
          {t('Evenemang', 'Events')}
        </a>
      </p>
      <section aria-labelledby="publicering">
        <h2 id="publicering">{t('Publicering', 'Publishing')}</h2>
        {campaign.status === 'published' ? null : (
          <GateProblems
            t={t}
            lang={lang}
            campaignSlug={campaign.slug}
            assets={overview.assets}
            slides={overview.slides.map((s) => s.slide)}
            problems={overview.problems}
            refused={props.refused ?? false}
          />
        )}
        {campaign.status !== 'published' && overview.problems.length === 0 ? (
          <p>{t('Allt är klart för publicering.', 'Everything is ready to publish.')}</p>
        ) : null}
        <StatusActions ctx={ctx} campaign={campaign} />
      </section>
      <section aria-labelledby="bilder">
        <h2 id="bilder">{t('Bilder', 'Artwork')}</h2>
        <AssetTable ctx={ctx} overview={overview} now={props.now} />
      </section>
      <section aria-labelledby="bildspel">
        <h2 id="bildspel">{t('Bildspel', 'Slides')}</h2>
        <SlideTable ctx={ctx} overview={overview} errors={errors} />
      </section>
      <ExemptionForm ctx={ctx} campaign={campaign} errors={errors} />
    </>
  );
}
