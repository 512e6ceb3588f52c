import type { Context, Hono } from 'hono';
import type { CampaignRow } from '../../campaigns/campaigns-service.js';
import type { FieldProblem } from '../../errors.js';
import { createEvent, deleteEvent, type EventDetails, updateEvent } from '../../events/events-service.js';
import type { AppEnv } from '../../http/app-env.js';
import { Localized } from '../components/localized.js';
import { titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import { sendUnreadableForm } from '../refusal-page.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  coordinatorContext,
  sendRefusalPage,
} from './coordinator-layout.js';
import {
  EVENTS_SECTION,
  editableEvent,
  eventCampaign,
  listPath,
  refusalPage,
  sendOutsideArea,
} from './event-access.js';
import { EventForm } from './event-form.js';
import {
  type EventFormValues,
  eventFormValues,
  eventLanguages,
  eventRefusalProblems,
  parseEventForm,
  patchOf,
  readEventForm,
} from './event-form-values.js';
import { editableCountiesOf } from './event-scope.js';
import { readForm } from './form-input.js';

function sendEventForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  form: {
    campaign: CampaignRow;
    existing: EventDetails | null;
    values: EventFormValues;
    errors: FieldProblem[];
    status?: 400 | 422;
  },
) {
  const { campaign, existing } = form;
  const creating = existing === null;
  const title = creating
    ? { sv: 'Nytt evenemang', en: 'New event' }
    : { sv: 'Ändra evenemanget', en: 'Edit the event' };
  return sendPage(
    c,
    <CoordinatorPage page={ctx} title={titleWithErrors(title, form.errors)} section={EVENTS_SECTION}>
      <p>
        <a href={listPath(campaign, existing?.event.countyCode)}>
          {ctx.t('Tillbaka till evenemangen i ', 'Back to the events of ')}
          <Localized text={campaign.title} lang={ctx.lang} />
        </a>
      </p>
      <h1>{title[ctx.lang]}</h1>
      <EventForm
        ctx={ctx}
        action={
          creating
            ? `/samordnare/kampanjer/${campaign.slug}/evenemang`
            : `/samordnare/evenemang/${existing.event.id}`
        }
        values={form.values}
        errors={form.errors}
        languages={eventLanguages(campaign.languages)}
        counties={editableCountiesOf(ctx.me, campaign)}
        creating={creating}
      />
      {existing ? (
        <p>
          <a href={`/samordnare/evenemang/${existing.event.id}/ta-bort`}>
            {ctx.t('Ta bort evenemanget', 'Delete the event')}
          </a>
        </p>
      ) : null}
    </CoordinatorPage>,
    form.errors.length ? (form.status ?? 400) : 200,
  );
}

/** The pages that change events: add, edit, cancel or take back, delete. Each write goes through the events service. */
export function addEventPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/kampanjer/:slug/evenemang/nytt', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await eventCampaign(c, ctx);
    if (!campaign) return sendRefusalPage(c, 404);
    const counties = editableCountiesOf(ctx.me, campaign);
    if (counties.length === 0) return sendOutsideArea(c, campaign, null);
    const values = eventFormValues(
      null,
      eventLanguages(campaign.languages),
      counties.length === 1 ? counties[0]?.code : '',
    );
    return sendEventForm(c, ctx, { campaign, existing: null, values, errors: [] });
  });

  router.post('/samordnare/kampanjer/:slug/evenemang', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await eventCampaign(c, ctx);
    if (!campaign) return sendRefusalPage(c, 404);
    if (editableCountiesOf(ctx.me, campaign).length === 0) return sendOutsideArea(c, campaign, null);
    const values = readEventForm(await readForm(c), eventLanguages(campaign.languages));
    const parsed = parseEventForm(values, ctx.lang);
    if (!parsed.ok) return sendEventForm(c, ctx, { campaign, existing: null, values, errors: parsed.errors });
    const result = await createEvent(c.get('deps'), ctx.me, campaign.id, parsed.input);
    if (!result.ok)
      return (
        refusalPage(c, campaign, result, values.countyCode) ??
        sendEventForm(c, ctx, {
          campaign,
          existing: null,
          values,
          errors: eventRefusalProblems(result, ctx.lang),
          status: 422,
        })
      );
    return c.redirect(
      `/samordnare/kampanjer/${campaign.slug}/evenemang?klart=evenemang#lan-${result.event.event.countyCode}`,
      303,
    );
  });

  router.get('/samordnare/evenemang/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await editableEvent(c, ctx);
    if (!found.ok) return found.response;
    const { campaign, event } = found.details;
    const values = eventFormValues(event, eventLanguages(campaign.languages));
    return sendEventForm(c, ctx, { campaign, existing: found.details, values, errors: [] });
  });

  router.post('/samordnare/evenemang/:id', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await editableEvent(c, ctx);
    if (!found.ok) return found.response;
    const { campaign, event } = found.details;
    const values = readEventForm(await readForm(c), eventLanguages(campaign.languages));
    const parsed = parseEventForm(values, ctx.lang);
    if (!parsed.ok)
      return sendEventForm(c, ctx, { campaign, existing: found.details, values, errors: parsed.errors });
    const result = await updateEvent(c.get('deps'), ctx.me, event.id, patchOf(parsed.input));
    if (!result.ok)
      return (
        refusalPage(c, campaign, result, values.countyCode) ??
        sendEventForm(c, ctx, {
          campaign,
          existing: found.details,
          values,
          errors: eventRefusalProblems(result, ctx.lang),
          status: 422,
        })
      );
    return c.redirect(
      `${listPath(campaign)}?klart=evenemang-sparat#lan-${result.event.event.countyCode}`,
      303,
    );
  });

  router.post('/samordnare/evenemang/:id/installt', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await editableEvent(c, ctx);
    if (!found.ok) return found.response;
    const { campaign, event } = found.details;
    const wanted = (await readForm(c)).text('cancelled');
    if (wanted !== 'yes' && wanted !== 'no')
      return sendUnreadableForm(c, listPath(campaign, event.countyCode));
    const result = await updateEvent(c.get('deps'), ctx.me, event.id, { cancelled: wanted === 'yes' });
    if (!result.ok) return refusalPage(c, campaign, result, event.countyCode) ?? sendRefusalPage(c, 404);
    const notice = wanted === 'yes' ? 'installt' : 'ej-installt';
    return c.redirect(`${listPath(campaign)}?klart=${notice}#lan-${event.countyCode}`, 303);
  });

  router.post('/samordnare/evenemang/:id/ta-bort', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await editableEvent(c, ctx);
    if (!found.ok) return found.response;
    const { campaign, event } = found.details;
    const result = await deleteEvent(c.get('deps'), ctx.me, event.id);
    if (!result.ok) return refusalPage(c, campaign, result, event.countyCode) ?? sendRefusalPage(c, 404);
    return c.redirect(`${listPath(campaign)}?klart=evenemang-borttaget#lan-${event.countyCode}`, 303);
  });
}
