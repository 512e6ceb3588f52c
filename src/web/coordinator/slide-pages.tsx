import type { Context, Hono } from 'hono';
import { listCampaignAssets } from '../../assets/assets-service.js';
import { type CampaignRow, userMayManageCampaign } from '../../campaigns/campaigns-service.js';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { listGroups } from '../../screens/groups-service.js';
import {
  createSlide,
  deleteSlide,
  findSlide,
  type SlideDetails,
  updateSlide,
} from '../../slides/slides-service.js';
import { Localized } from '../components/localized.js';
import { titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  Csrf,
  coordinatorContext,
  managedCampaign,
  sendRefusalPage,
} from './coordinator-layout.js';
import { readForm } from './form-input.js';
import {
  parseSlideForm,
  readSlideForm,
  SlideForm,
  type SlideFormValues,
  slideFormValues,
  slideRefusalProblem,
} from './slide-form.js';

async function sendSlideForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  form: {
    campaign: CampaignRow;
    existing: SlideDetails | null;
    values: SlideFormValues;
    errors: FieldProblem[];
  },
) {
  const { database } = c.get('deps');
  const [assets, groups] = await Promise.all([
    listCampaignAssets(database.db, form.campaign.id),
    listGroups(database.db, ctx.me),
  ]);
  const creating = form.existing === null;
  const title = creating
    ? { sv: 'Nytt bildspel', en: 'New slide' }
    : { sv: `Bildspelet ${form.existing?.slide.name}`, en: `Slide ${form.existing?.slide.name}` };
  const action = creating
    ? `/samordnare/kampanjer/${form.campaign.slug}/bildspel`
    : `/samordnare/bildspel/${form.existing?.slide.id}`;
  return sendPage(
    c,
    <CoordinatorPage page={ctx} title={titleWithErrors(title, form.errors)} section="/samordnare/kampanjer">
      <p>
        <a href={`/samordnare/kampanjer/${form.campaign.slug}#bildspel`}>
          {ctx.t('Tillbaka till ', 'Back to ')}
          <Localized text={form.campaign.title} lang={ctx.lang} />
        </a>
      </p>
      <h1>{title[ctx.lang]}</h1>
      <SlideForm
        ctx={ctx}
        me={ctx.me}
        campaign={form.campaign}
        assets={assets}
        groups={groups}
        action={action}
        values={form.values}
        errors={form.errors}
        creating={creating}
        storedWindow={form.existing?.slide.window ?? null}
      />
      {form.existing ? (
        <form method="post" action={`/samordnare/bildspel/${form.existing.slide.id}/ta-bort`} class="stack">
          <Csrf page={ctx} />
          <p>
            <button type="submit" class="secondary">
              {ctx.t('Ta bort bildspelet från skärmarna', 'Take the slide off the screens')}
            </button>
          </p>
        </form>
      ) : null}
    </CoordinatorPage>,
    form.errors.length ? 400 : 200,
  );
}

/** The slide and its campaign if the user manages the campaign, else null (a 404). */
async function managedSlide(c: Context<AppEnv>, ctx: CoordinatorContext): Promise<SlideDetails | null> {
  const details = await findSlide(c.get('deps').database.db, c.req.param('id') ?? '');
  return details && userMayManageCampaign(ctx.me, details.campaign) ? details : null;
}

/** Slide pages: create from uploaded artwork, edit (duration, window, targeting, order) and take off screens. */
export function addSlidePages(router: Hono<AppEnv>): void {
  router.get('/samordnare/kampanjer/:slug/bildspel/ny', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    return sendSlideForm(c, ctx, { campaign, existing: null, values: slideFormValues(null), errors: [] });
  });

  router.post('/samordnare/kampanjer/:slug/bildspel', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await managedCampaign(c, ctx.me);
    if (!campaign) return sendRefusalPage(c, 404);
    const values = readSlideForm(await readForm(c));
    const parsed = parseSlideForm(values, true, ctx.lang);
    if (!parsed.ok) return sendSlideForm(c, ctx, { campaign, existing: null, values, errors: parsed.errors });
    const { database, clock } = c.get('deps');
    const result = await createSlide(database.db, ctx.me, campaign.id, parsed.input, clock.now());
    if (!result.ok)
      return sendSlideForm(c, ctx, {
        campaign,
        existing: null,
        values,
        errors: [slideRefusalProblem(result, ctx.lang)],
      });
    return c.redirect(`/samordnare/kampanjer/${campaign.slug}?klart=bildspel#bildspel`, 303);
  });

  router.get('/samordnare/bildspel/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const existing = await managedSlide(c, ctx);
    if (!existing) return sendRefusalPage(c, 404);
    return sendSlideForm(c, ctx, {
      campaign: existing.campaign,
      existing,
      values: slideFormValues(existing),
      errors: [],
    });
  });

  router.post('/samordnare/bildspel/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const existing = await managedSlide(c, ctx);
    if (!existing) return sendRefusalPage(c, 404);
    const values = readSlideForm(await readForm(c));
    const parsed = parseSlideForm(values, false, ctx.lang);
    if (!parsed.ok)
      return sendSlideForm(c, ctx, { campaign: existing.campaign, existing, values, errors: parsed.errors });
    const { database, clock } = c.get('deps');
    const result = await updateSlide(database.db, ctx.me, existing.slide.id, parsed.input, clock.now());
    if (!result.ok)
      return sendSlideForm(c, ctx, {
        campaign: existing.campaign,
        existing,
        values,
        errors: [slideRefusalProblem(result, ctx.lang)],
      });
    return c.redirect(`/samordnare/kampanjer/${existing.campaign.slug}?klart=bildspel#bildspel`, 303);
  });

  router.post('/samordnare/bildspel/:id/ta-bort', async (c) => {
    const ctx = coordinatorContext(c);
    const existing = await managedSlide(c, ctx);
    if (!existing) return sendRefusalPage(c, 404);
    const { database, clock } = c.get('deps');
    const result = await deleteSlide(database.db, ctx.me, existing.slide.id, clock.now());
    if (!result.ok) return sendRefusalPage(c, 404);
    return c.redirect(`/samordnare/kampanjer/${existing.campaign.slug}?klart=borttagen#bildspel`, 303);
  });
}
