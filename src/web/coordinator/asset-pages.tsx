import type { Context, Hono } from 'hono';
import {
  type AssetRow,
  altTextRequired,
  findAsset,
  type RenditionRow,
  updateAssetMetadata,
} from '../../assets/assets-service.js';
import { AssetPatchSchema } from '../../assets/asset-schemas.js';
import { mediaUrl } from '../../assets/media-types.js';
import { uploadAsset } from '../../assets/upload-asset.js';
import {
  type CampaignWithOwner,
  findCampaign,
  userMayManageCampaign,
} from '../../campaigns/campaigns-service.js';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { languageName } from '../components/labels.js';
import { Localized } from '../components/localized.js';
import { errorFor, ErrorSummary, TextField, titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  Csrf,
  coordinatorContext,
  managedCampaign,
  sendRefusalPage,
} from './coordinator-layout.js';
import { ChoiceGroup, SelectField, TextAreaField } from './fields.js';
import { formProblems, readForm } from './form-input.js';
import { assetLabel } from './gate-problems.js';
import { fieldsBeforeFile, mediaFieldProblem, uploadFieldProblem } from './upload-fields.js';

type Values = Record<string, string>;

function FocalFields(props: {
  ctx: CoordinatorContext;
  values: Values;
  errors: FieldProblem[];
  image: string | null;
  alt: string;
}) {
  const { t } = props.ctx;
  return (
    <div class="focal" data-focal-picker="">
      <p class="hint" id="focal-help">
        {t(
          'Fokuspunkten är det som aldrig får beskäras bort när bilden skärs till för sociala medier: 0 är vänster- eller överkanten, 1 höger- eller nederkanten. Klicka i bilden för att fylla i den.',
          'The focal point is what must never be cropped away when the image is cut for social media: 0 is the left or top edge, 1 the right or bottom edge. Click in the image to fill it in.',
        )}
      </p>
      <div class="focal-preview" data-focal-preview="">
        {props.image ? <img src={props.image} alt={props.alt} /> : null}
        <span class="focal-marker" aria-hidden="true" />
      </div>
      <div class="field-row">
        <TextField
          name="focalX"
          label={t('Fokus vågrätt (0–1)', 'Focus across (0–1)')}
          value={props.values.focalX}
          error={errorFor(props.errors, 'focalX')}
          inputmode="decimal"
        />
        <TextField
          name="focalY"
          label={t('Fokus lodrätt (0–1)', 'Focus down (0–1)')}
          value={props.values.focalY}
          error={errorFor(props.errors, 'focalY')}
          inputmode="decimal"
        />
      </div>
    </div>
  );
}

/** What a person says about an upload: its language, alt text, title and last day of rights. */
function DescriptionFields(props: {
  ctx: CoordinatorContext;
  campaign: CampaignWithOwner;
  values: Values;
  errors: FieldProblem[];
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <>
      <SelectField
        name="language"
        label={t('Språk', 'Language')}
        value={values.language}
        error={errorFor(errors, 'language')}
        options={props.campaign.languages.map((code) => ({
          value: code,
          label: languageName(code, ctx.lang),
        }))}
      />
      <TextAreaField
        name="altText"
        label={t('Alternativtext', 'Alt text')}
        value={values.altText}
        error={errorFor(errors, 'altText')}
        hint={t(
          'Vad bilden visar och vad som står i den, på bildens språk. Krävs för bilder.',
          'What the image shows and what it says, in its language. Required for images.',
        )}
        rows={3}
        lang={values.language}
      />
      <TextField
        name="title"
        label={t('Titel (frivillig)', 'Title (optional)')}
        value={values.title}
        error={errorFor(errors, 'title')}
      />
      <TextField
        name="rightsExpiry"
        type="date"
        label={t('Sista dag bilden får visas', 'Last day the image may be shown')}
        value={values.rightsExpiry}
        error={errorFor(errors, 'rightsExpiry')}
        hint={t('Tomt: inga tidsgränser för rättigheterna.', 'Empty: the rights do not run out.')}
      />
    </>
  );
}

function sendUploadForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  campaign: CampaignWithOwner,
  values: Values,
  errors: FieldProblem[],
  status: 200 | 400 | 422 = 200,
) {
  const { t } = ctx;
  const title = { sv: 'Ladda upp bild', en: 'Upload artwork' };
  // The body is streamed to disk, so the CSRF token rides in the address (see requireCsrfForSessions).
  const action = `/samordnare/kampanjer/${campaign.slug}/bilder?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return sendPage(
    c,
    <CoordinatorPage page={ctx} title={titleWithErrors(title, errors)} section="/samordnare/kampanjer">
      <p>
        <a href={`/samordnare/kampanjer/${campaign.slug}#bilder`}>
          {t('Tillbaka till ', 'Back to ')}
          <Localized text={campaign.title} lang={ctx.lang} />
        </a>
      </p>
      <h1>{title[ctx.lang]}</h1>
      <form method="post" action={action} enctype="multipart/form-data" class="stack" id="f-form" novalidate>
        <ErrorSummary lang={ctx.lang} errors={errors} />
        <DescriptionFields ctx={ctx} campaign={campaign} values={values} errors={errors} />
        <SelectField
          name="orientation"
          label={t('Format', 'Shape')}
          value={values.orientation}
          error={errorFor(errors, 'orientation')}
          options={[
            { value: '', label: t('Läs av från bilden', 'Read from the image') },
            { value: 'landscape', label: t('Liggande', 'Landscape') },
            { value: 'portrait', label: t('Stående', 'Portrait') },
            { value: 'any', label: t('Passar båda', 'Fits both') },
          ]}
        />
        <FocalFields ctx={ctx} values={values} errors={errors} image={null} alt="" />
        <TextField
          name="file"
          type="file"
          label={t('Fil', 'File')}
          error={errorFor(errors, 'file')}
          hint={t(
            'JPEG, PNG, WebP, AVIF, SVG, MP4, WebM eller PDF.',
            'JPEG, PNG, WebP, AVIF, SVG, MP4, WebM or PDF.',
          )}
        />
        <p>
          <button type="submit">{t('Ladda upp', 'Upload')}</button>
        </p>
      </form>
    </CoordinatorPage>,
    status,
  );
}

function largePreview(asset: AssetRow & { renditions: RenditionRow[] }): string | null {
  if (asset.kind !== 'image') return null;
  const preview = asset.renditions.filter((r) => r.name === 'thumb-640').sort((a, b) => a.bytes - b.bytes)[0];
  return preview ? mediaUrl(preview.hash, preview.format) : mediaUrl(asset.masterHash, asset.format);
}

function assetValues(asset: AssetRow): Values {
  return {
    language: asset.language,
    altText: asset.altText ?? '',
    title: asset.title ?? '',
    rightsExpiry: asset.rightsExpiry ?? '',
    focalX: asset.focalX === null ? '' : String(asset.focalX),
    focalY: asset.focalY === null ? '' : String(asset.focalY),
    orientation: asset.orientation,
    purposes: asset.purposes.join(','),
  };
}

function sendAssetForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  campaign: CampaignWithOwner,
  asset: AssetRow & { renditions: RenditionRow[] },
  values: Values,
  errors: FieldProblem[],
) {
  const { t, lang } = ctx;
  const name = assetLabel(asset, lang);
  const title = { sv: `Ändra ${name}`, en: `Edit ${name}` };
  return sendPage(
    c,
    <CoordinatorPage
      page={ctx}
      title={titleWithErrors(title, errors)}
      section="/samordnare/kampanjer"
      notice={c.req.query('klart')}
    >
      <p>
        <a href={`/samordnare/kampanjer/${campaign.slug}#bilder`}>
          {t('Tillbaka till ', 'Back to ')}
          <Localized text={campaign.title} lang={lang} />
        </a>
      </p>
      <h1>{title[lang]}</h1>
      <form method="post" action={`/samordnare/bilder/${asset.id}`} class="stack" id="f-form" novalidate>
        <ErrorSummary lang={lang} errors={errors} />
        <Csrf page={ctx} />
        <DescriptionFields ctx={ctx} campaign={campaign} values={values} errors={errors} />
        <ChoiceGroup
          name="purposes"
          type="checkbox"
          inline
          legend={t('Används till', 'Used for')}
          checked={(values.purposes ?? '').split(',')}
          error={errorFor(errors, 'purposes')}
          options={[
            { value: 'screen', label: t('Skärmar', 'Screens') },
            { value: 'social', label: t('Sociala medier', 'Social media') },
            { value: 'print', label: t('Tryck', 'Print') },
            { value: 'thumbnail', label: t('Miniatyr i katalogen', 'Catalogue thumbnail') },
          ]}
        />
        <ChoiceGroup
          name="orientation"
          type="radio"
          inline
          legend={t('Format', 'Shape')}
          checked={[values.orientation ?? 'any']}
          options={[
            { value: 'landscape', label: t('Liggande', 'Landscape') },
            { value: 'portrait', label: t('Stående', 'Portrait') },
            { value: 'any', label: t('Passar båda', 'Fits both') },
          ]}
        />
        {asset.kind === 'image' ? (
          <FocalFields
            ctx={ctx}
            values={values}
            errors={errors}
            image={largePreview(asset)}
            alt={asset.altText ?? ''}
          />
        ) : null}
        <p>
          <button type="submit">{t('Spara', 'Save')}</button>
        </p>
      </form>
    </CoordinatorPage>,
    errors.length ? 400 : 200,
  );
}

/** The asset and its campaign when the user manages it, else null (a 404). */
async function managedAsset(c: Context<AppEnv>, ctx: CoordinatorContext) {
  const { database } = c.get('deps');
  const asset = await findAsset(database.db, c.req.param('id') ?? '');
  const campaign = asset ? await findCampaign(database.db, asset.campaignId) : null;
  return asset && campaign && userMayManageCampaign(ctx.me, campaign) ? { asset, campaign } : null;
}

/** The edit form's fields as an asset patch, checked by the API's own schema. */
function parseAssetForm(
  asset: AssetRow,
  values: Values,
  purposes: string[],
  lang: CoordinatorContext['lang'],
): { ok: true; patch: Parameters<typeof updateAssetMetadata>[2] } | { ok: false; errors: FieldProblem[] } {
  if (altTextRequired(asset.kind) && !values.altText) {
    return {
      ok: false,
      errors: [uploadFieldProblem({ field: 'altText', message: 'alt text is required for images' }, lang)],
    };
  }
  const number = (text: string | undefined) => (text ? Number(text.replace(',', '.')) : undefined);
  const [x, y] = [number(values.focalX), number(values.focalY)];
  if ((x === undefined) !== (y === undefined))
    return {
      ok: false,
      errors: [
        uploadFieldProblem({ field: x === undefined ? 'focalX' : 'focalY', message: 'give both' }, lang),
      ],
    };
  const parsed = AssetPatchSchema.safeParse({
    language: values.language,
    altText: values.altText || null,
    title: values.title || null,
    rightsExpiry: values.rightsExpiry || null,
    focalPoint: x === undefined || y === undefined ? null : { x, y },
    purposes,
    orientation: values.orientation,
  });
  if (!parsed.success)
    return {
      ok: false,
      errors: formProblems(parsed.error, lang, (path) =>
        path[0] === 'focalPoint' ? (path[1] === 'y' ? 'focalY' : 'focalX') : (path[0] ?? 'form'),
      ),
    };
  return { ok: true, patch: parsed.data };
}

/** Artwork pages: upload (multipart, streamed) and edit alt text, focal point, rights and purposes. */
export function addAssetPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/kampanjer/:slug/bilder/ny', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    return sendUploadForm(c, ctx, campaign, { language: campaign.languages[0] ?? 'sv' }, []);
  });

  router.post('/samordnare/kampanjer/:slug/bilder', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const { database, storage, config } = c.get('deps');
    const copy = c.req.raw.clone();
    const [result, posted] = await Promise.all([
      uploadAsset(
        { db: database.db, store: storage, config },
        { request: c.req.raw, campaign, uploader: ctx.me },
      ),
      fieldsBeforeFile(copy),
    ]);
    if (result.ok) return c.redirect(`/samordnare/bilder/${result.asset.id}?klart=uppladdad`, 303);
    const errors =
      result.kind === 'fields'
        ? result.errors.map((problem) => uploadFieldProblem(problem, ctx.lang))
        : [mediaFieldProblem(result.problem, ctx.lang)];
    return sendUploadForm(c, ctx, campaign, posted, errors, result.kind === 'fields' ? 400 : 422);
  });

  router.get('/samordnare/bilder/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await managedAsset(c, ctx);
    if (!found) return sendRefusalPage(c, 404);
    return sendAssetForm(c, ctx, found.campaign, found.asset, assetValues(found.asset), []);
  });

  router.post('/samordnare/bilder/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await managedAsset(c, ctx);
    if (!found) return sendRefusalPage(c, 404);
    const form = await readForm(c);
    const names = ['language', 'altText', 'title', 'rightsExpiry', 'focalX', 'focalY', 'orientation'];
    const values: Values = {
      ...Object.fromEntries(names.map((name) => [name, form.text(name)])),
      purposes: form.all('purposes').join(','),
    };
    const parsed = parseAssetForm(found.asset, values, form.all('purposes'), ctx.lang);
    if (!parsed.ok) return sendAssetForm(c, ctx, found.campaign, found.asset, values, parsed.errors);
    await updateAssetMetadata(c.get('deps').database.db, found.asset.id, parsed.patch);
    return c.redirect(`/samordnare/kampanjer/${found.campaign.slug}?klart=sparad#bilder`, 303);
  });
}
