import type { Context, Hono } from 'hono';
import type { SignedInUser } from '../../accounts/actor.js';
import { LanguageExemptionsSchema } from '../../campaigns/campaign-schemas.js';
import {
  type CampaignWithOwner,
  createCampaign,
  listCampaigns,
  setCampaignStatus,
  updateCampaign,
  userMayManageCampaign,
  windowState,
} from '../../campaigns/campaigns-service.js';
import type { Db } from '../../db/client.js';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { SlidePatchSchema } from '../../slides/slide-schemas.js';
import { listSlides, updateSlide } from '../../slides/slides-service.js';
import { describeWindow } from '../../windows/describe-window.js';
import { languageName } from '../components/labels.js';
import { Localized } from '../components/localized.js';
import { titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import {
  CampaignForm,
  campaignFormValues,
  campaignRefusalProblem,
  parseCampaignPatch,
  parseNewCampaign,
  readCampaignForm,
} from './campaign-form.js';
import {
  CampaignOverviewView,
  exemptableLanguages,
  loadCampaignOverview,
  statusName,
} from './campaign-overview.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  coordinatorContext,
  managedCampaign,
  sendRefusalPage,
} from './coordinator-layout.js';
import { formProblems, readForm, wholeNumber } from './form-input.js';
import { regionName } from './scope-options.js';

/** Every campaign in the user's scope, drafts first, then published, then archived. */
export async function campaignsInScope(db: Db, user: SignedInUser): Promise<CampaignWithOwner[]> {
  const actor = { kind: 'user' as const, user, via: 'session' as const };
  const lists = await Promise.all(
    (['draft', 'published', 'archived'] as const).map((status) => listCampaigns(db, actor, { status })),
  );
  return lists.flat().filter((campaign) => userMayManageCampaign(user, campaign));
}

function CampaignList(props: { ctx: CoordinatorContext; campaigns: CampaignWithOwner[]; now: Date }) {
  const { t, lang } = props.ctx;
  if (props.campaigns.length === 0)
    return (
      <p>{t('Det finns inga kampanjer i ditt område än.', 'There are no campaigns in your area yet.')}</p>
    );
  return (
    <section
      class="table-scroll"
      tabindex={0}
      aria-label={t('Kampanjer i ditt område', 'Campaigns in your area')}
    >
      <table>
        <caption>{t('Kampanjer i ditt område', 'Campaigns in your area')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Kampanj', 'Campaign')}</th>
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col">{t('Område', 'Area')}</th>
            <th scope="col">{t('Visas', 'Airs')}</th>
            <th scope="col">{t('Språk', 'Languages')}</th>
          </tr>
        </thead>
        <tbody>
          {props.campaigns.map((campaign) => (
            <tr>
              <th scope="row">
                <a href={`/samordnare/kampanjer/${campaign.slug}`}>
                  <Localized text={campaign.title} lang={lang} />
                </a>
              </th>
              <td>{statusName(campaign.status, lang)}</td>
              <td>{regionName(campaign, lang)}</td>
              <td>
                {describeWindow(campaign.airing, lang)}
                {windowState(campaign.airing, props.now).open ? ` (${t('pågår nu', 'running now')})` : ''}
              </td>
              <td>{campaign.languages.map((code) => languageName(code, lang)).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

async function sendOverview(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  slug: string,
  options: { status?: 200 | 400 | 422; refused?: boolean; errors?: FieldProblem[] } = {},
) {
  const { database, clock } = c.get('deps');
  const overview = await loadCampaignOverview(database.db, ctx.me, slug);
  if (!overview) return sendRefusalPage(c, 404);
  const title = overview.campaign.title[ctx.lang] ?? overview.campaign.title.sv ?? overview.campaign.slug;
  const errors = options.errors ?? [];
  return sendPage(
    c,
    <CoordinatorPage
      page={ctx}
      title={titleWithErrors(
        { sv: title, en: title },
        options.refused ? [{ field: 'form', message: '' }] : errors,
      )}
      section="/samordnare/kampanjer"
      notice={c.req.query('klart')}
    >
      <CampaignOverviewView
        ctx={ctx}
        overview={overview}
        now={clock.now()}
        refused={options.refused ?? false}
        errors={errors}
      />
    </CoordinatorPage>,
    options.status ?? 200,
  );
}

function sendCampaignForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  form: {
    creating: boolean;
    action: string;
    values: ReturnType<typeof campaignFormValues>;
    errors: FieldProblem[];
    stored?: CampaignWithOwner;
  },
) {
  const title = form.creating
    ? { sv: 'Ny kampanj', en: 'New campaign' }
    : { sv: 'Ändra kampanjen', en: 'Edit the campaign' };
  return sendPage(
    c,
    <CoordinatorPage page={ctx} title={titleWithErrors(title, form.errors)} section="/samordnare/kampanjer">
      <h1>{title[ctx.lang]}</h1>
      <CampaignForm
        ctx={ctx}
        action={form.action}
        values={form.values}
        errors={form.errors}
        creating={form.creating}
        {...(form.stored ? { stored: form.stored } : {})}
      />
    </CoordinatorPage>,
    form.errors.length ? 400 : 200,
  );
}

/** Campaign pages: the list, create, the campaign page, edit, status, language reasons and slide order. */
export function addCampaignPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/kampanjer', async (c) => {
    const ctx = coordinatorContext(c);
    const { database, clock } = c.get('deps');
    const campaigns = await campaignsInScope(database.db, ctx.me);
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Kampanjer', en: 'Campaigns' }}
        section="/samordnare/kampanjer"
        notice={c.req.query('klart')}
      >
        <h1>{ctx.t('Kampanjer', 'Campaigns')}</h1>
        <p>
          <a class="button" href="/samordnare/kampanjer/ny">
            {ctx.t('Ny kampanj', 'New campaign')}
          </a>
        </p>
        <CampaignList ctx={ctx} campaigns={campaigns} now={clock.now()} />
      </CoordinatorPage>,
    );
  });

  router.get('/samordnare/kampanjer/ny', (c) => {
    const ctx = coordinatorContext(c);
    return sendCampaignForm(c, ctx, {
      creating: true,
      action: '/samordnare/kampanjer',
      values: campaignFormValues(null),
      errors: [],
    });
  });

  router.post('/samordnare/kampanjer', async (c) => {
    const ctx = coordinatorContext(c);
    const values = readCampaignForm(await readForm(c));
    const parsed = parseNewCampaign(values, ctx.lang);
    if (!parsed.ok)
      return sendCampaignForm(c, ctx, {
        creating: true,
        action: '/samordnare/kampanjer',
        values,
        errors: parsed.errors,
      });
    const result = await createCampaign(c.get('deps').database.db, ctx.me, parsed.input);
    if (!result.ok)
      return sendCampaignForm(c, ctx, {
        creating: true,
        action: '/samordnare/kampanjer',
        values,
        errors: [campaignRefusalProblem(result, values.tier, ctx.lang)],
      });
    return c.redirect(`/samordnare/kampanjer/${result.campaign.slug}?klart=skapad`, 303);
  });

  router.get('/samordnare/kampanjer/:slug', (c) =>
    sendOverview(c, coordinatorContext(c), c.req.param('slug')),
  );

  router.get('/samordnare/kampanjer/:slug/redigera', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    return sendCampaignForm(c, ctx, {
      creating: false,
      action: `/samordnare/kampanjer/${campaign.slug}/redigera`,
      values: campaignFormValues(campaign),
      errors: [],
      stored: campaign,
    });
  });

  router.post('/samordnare/kampanjer/:slug/redigera', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const values = { ...readCampaignForm(await readForm(c)), slug: campaign.slug, tier: campaign.tier };
    const action = `/samordnare/kampanjer/${campaign.slug}/redigera`;
    const parsed = parseCampaignPatch(values, ctx.lang);
    if (!parsed.ok)
      return sendCampaignForm(c, ctx, {
        creating: false,
        action,
        values,
        errors: parsed.errors,
        stored: campaign,
      });
    const { database, clock } = c.get('deps');
    const result = await updateCampaign(database.db, ctx.me, campaign.id, parsed.input, clock.now());
    if (!result.ok)
      return sendCampaignForm(c, ctx, {
        creating: false,
        action,
        values,
        errors: [campaignRefusalProblem(result, campaign.tier, ctx.lang)],
        stored: campaign,
      });
    return c.redirect(`/samordnare/kampanjer/${campaign.slug}?klart=sparad`, 303);
  });

  router.post('/samordnare/kampanjer/:slug/status', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const status = (await readForm(c)).text('status');
    if (status !== 'published' && status !== 'archived' && status !== 'draft')
      return sendOverview(c, ctx, campaign.slug, { status: 400 });
    const { database, clock } = c.get('deps');
    const result = await setCampaignStatus(database.db, ctx.me, campaign.id, status, clock.now());
    if (!result.ok && result.reason === 'publish_gate_failed')
      return sendOverview(c, ctx, campaign.slug, { status: 422, refused: true });
    if (!result.ok) return sendRefusalPage(c, 404);
    const notice = { published: 'publicerad', archived: 'arkiverad', draft: 'utkast' }[status];
    return c.redirect(`/samordnare/kampanjer/${campaign.slug}?klart=${notice}`, 303);
  });

  router.post('/samordnare/kampanjer/:slug/sprakundantag', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const form = await readForm(c);
    const reasons = Object.fromEntries(
      exemptableLanguages(campaign)
        .map((language) => [language, form.text(`exemption.${language}`)])
        .filter(([, reason]) => reason),
    );
    const parsed = LanguageExemptionsSchema.safeParse(reasons);
    if (!parsed.success)
      return sendOverview(c, ctx, campaign.slug, {
        status: 400,
        errors: formProblems(parsed.error, ctx.lang, (path) => `exemption.${path[0] ?? ''}`),
      });
    const { database, clock } = c.get('deps');
    const patch = { languageExemptions: Object.keys(parsed.data).length ? parsed.data : null };
    const result = await updateCampaign(database.db, ctx.me, campaign.id, patch, clock.now());
    if (!result.ok) return sendRefusalPage(c, 404);
    return c.redirect(`/samordnare/kampanjer/${campaign.slug}?klart=undantag#sprakundantag`, 303);
  });

  router.post('/samordnare/kampanjer/:slug/ordning', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const form = await readForm(c);
    const { database, clock } = c.get('deps');
    const own = new Set(
      (await listSlides(database.db, ctx.me, campaign.id))?.map((details) => details.slide.id),
    );
    const wanted = form
      .namesStartingWith('position.')
      .map((name) => ({ field: name, slideId: name.slice('position.'.length), text: form.text(name) }))
      .filter((entry) => own.has(entry.slideId));
    const errors: FieldProblem[] = [];
    const changes: Array<{ slideId: string; position: number }> = [];
    for (const { field, slideId, text } of wanted) {
      const parsed = SlidePatchSchema.safeParse({ position: wholeNumber(text) ?? text });
      if (parsed.success && parsed.data.position !== undefined)
        changes.push({ slideId, position: parsed.data.position });
      else if (!parsed.success) errors.push(...formProblems(parsed.error, ctx.lang, () => field));
    }
    if (errors.length) return sendOverview(c, ctx, campaign.slug, { status: 400, errors });
    for (const change of changes) {
      const result = await updateSlide(
        database.db,
        ctx.me,
        change.slideId,
        { position: change.position },
        clock.now(),
      );
      if (!result.ok) return sendRefusalPage(c, 404);
    }
    return c.redirect(`/samordnare/kampanjer/${campaign.slug}?klart=ordning#bildspel`, 303);
  });
}
