import type { Context, Hono } from 'hono';
import type { FieldProblem } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { countyByCode, municipalityByCode } from '../../regions/regions.js';
import { listGroups } from '../../screens/groups-service.js';
import { claimPairingCode, type ClaimOutcome } from '../../screens/pairing-service.js';
import { ClaimSchema } from '../../screens/screen-schemas.js';
import { listScreens, type ScreenWithGroups, screenStatus } from '../../screens/screens-service.js';
import { formatDateTime } from '../components/format.js';
import { languageName } from '../components/labels.js';
import { errorFor, ErrorSummary, TextField, titleWithErrors } from '../forms.js';
import { sendPage } from '../page-context.js';
import { type CoordinatorContext, CoordinatorPage, Csrf, coordinatorContext } from './coordinator-layout.js';
import { ChoiceGroup, FieldGroup, SelectField } from './fields.js';
import { commaList, formProblems, labelled, type PostedForm, readForm, wholeNumber } from './form-input.js';
import { languageOptions, municipalityOptions } from './scope-options.js';

/** A screen's state in words (never colour alone), with the symbol the stylesheet puts before it. */
export function screenStateText(
  screen: ScreenWithGroups,
  ctx: CoordinatorContext,
): { text: string; state: 'online' | 'silent' | 'waiting' | 'revoked' } {
  const { t, lang } = ctx;
  const status = screenStatus(screen);
  if (status === 'revoked') return { text: t('Återkallad', 'Revoked'), state: 'revoked' };
  if (status === 'awaiting_token')
    return {
      text: t('Väntar på att skärmen hämtar sin nyckel', 'Waiting for the screen to collect its key'),
      state: 'waiting',
    };
  if (screen.offlineSince)
    return {
      text: t(
        `Tyst sedan ${formatDateTime(screen.offlineSince, lang)}`,
        `Silent since ${formatDateTime(screen.offlineSince, lang)}`,
      ),
      state: 'silent',
    };
  if (!screen.lastSeenAt) return { text: t('Har inte hörts av än', 'Not heard from yet'), state: 'waiting' };
  return { text: t('I drift', 'Online'), state: 'online' };
}

function ScreenTables(props: { ctx: CoordinatorContext; screens: ScreenWithGroups[] }) {
  const { t, lang } = props.ctx;
  const byCounty = new Map<string, ScreenWithGroups[]>();
  for (const screen of props.screens)
    byCounty.set(screen.countyCode, [...(byCounty.get(screen.countyCode) ?? []), screen]);
  if (byCounty.size === 0)
    return <p>{t('Det finns inga skärmar i ditt område än.', 'There are no screens in your area yet.')}</p>;
  return (
    <>
      {[...byCounty.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([countyCode, screens]) => {
          const online = screens.filter(
            (screen) => screenStateText(screen, props.ctx).state === 'online',
          ).length;
          const caption = t(
            `${countyByCode(countyCode)?.name ?? countyCode}: ${online} av ${screens.length} i drift`,
            `${countyByCode(countyCode)?.name ?? countyCode}: ${online} of ${screens.length} online`,
          );
          return (
            <section class="table-scroll" tabindex={0} aria-label={caption}>
              <table>
                <caption>{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Skärm', 'Screen')}</th>
                    <th scope="col">{t('Kommun', 'Municipality')}</th>
                    <th scope="col">{t('Läge', 'State')}</th>
                    <th scope="col">{t('Senast hörd', 'Last heartbeat')}</th>
                    <th scope="col">{t('Språk', 'Languages')}</th>
                    <th scope="col">{t('Förhandsvisning', 'Preview')}</th>
                  </tr>
                </thead>
                <tbody>
                  {screens.map((screen) => {
                    const state = screenStateText(screen, props.ctx);
                    return (
                      <tr>
                        <th scope="row">{screen.name}</th>
                        <td>
                          {municipalityByCode(screen.municipalityCode)?.name ?? screen.municipalityCode}
                        </td>
                        <td class={`state-${state.state}`}>{state.text}</td>
                        <td>
                          {screen.lastSeenAt ? formatDateTime(screen.lastSeenAt, lang) : t('Aldrig', 'Never')}
                        </td>
                        <td>{screen.languages.map((code) => languageName(code, lang)).join(', ')}</td>
                        <td>
                          <a href={`/samordnare/forhandsvisning?skarm=${screen.id}`}>
                            {t('Vad visas nu?', 'What shows now?')}
                            <span class="visually-hidden"> {screen.name}</span>
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })}
    </>
  );
}

type ClaimValues = Record<string, string | string[]>;
const DAYS = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_NAMES: Record<string, [string, string]> = {
  '1': ['Måndag', 'Monday'],
  '2': ['Tisdag', 'Tuesday'],
  '3': ['Onsdag', 'Wednesday'],
  '4': ['Torsdag', 'Thursday'],
  '5': ['Fredag', 'Friday'],
  '6': ['Lördag', 'Saturday'],
  '7': ['Söndag', 'Sunday'],
};

function readClaimForm(form: PostedForm): ClaimValues {
  const text = [
    'code',
    'name',
    'municipalityCode',
    'orientation',
    'width',
    'height',
    'storeCode',
    'chain',
    'tags',
    'hours',
    'playWhenClosed',
  ];
  const days = DAYS.flatMap((day) => [`open.${day}.from`, `open.${day}.to`]);
  return {
    ...Object.fromEntries([...text, ...days].map((name) => [name, form.text(name)])),
    languages: form.all('languages'),
    groupIds: form.all('groupIds'),
  };
}

const str = (values: ClaimValues, name: string) =>
  typeof values[name] === 'string' ? (values[name] as string) : '';
const list = (values: ClaimValues, name: string) =>
  Array.isArray(values[name]) ? (values[name] as string[]) : [];

/** The claim the form describes, checked by the API's own schema. */
function parseClaim(values: ClaimValues, lang: CoordinatorContext['lang']) {
  const openingHours =
    str(values, 'hours') === 'set'
      ? Object.fromEntries(
          DAYS.flatMap((day) =>
            str(values, `open.${day}.from`) && str(values, `open.${day}.to`)
              ? [[day, [{ from: str(values, `open.${day}.from`), to: str(values, `open.${day}.to`) }]]]
              : [],
          ),
        )
      : null;
  const optional = (name: string) => (str(values, name) ? { [name]: str(values, name) } : {});
  const tags = commaList(str(values, 'tags'));
  const parsed = ClaimSchema.safeParse({
    name: str(values, 'name') || undefined,
    municipalityCode: str(values, 'municipalityCode') || undefined,
    orientation: str(values, 'orientation') || undefined,
    width: wholeNumber(str(values, 'width')) ?? (str(values, 'width') || undefined),
    height: wholeNumber(str(values, 'height')) ?? (str(values, 'height') || undefined),
    languages: list(values, 'languages'),
    ...optional('storeCode'),
    ...optional('chain'),
    tags,
    groupIds: list(values, 'groupIds'),
    openingHours,
    playWhenClosed: str(values, 'playWhenClosed') === 'yes',
  });
  const fieldOf = (path: string[]) =>
    path[0] === 'openingHours'
      ? `open.${path[1] ?? '1'}.from`
      : path[0] === 'countyCode'
        ? 'municipalityCode'
        : (path[0] ?? 'form');
  return parsed.success
    ? ({ ok: true, claim: parsed.data } as const)
    : ({ ok: false, errors: formProblems(parsed.error, lang, fieldOf) } as const);
}

function claimRefusalProblem(
  outcome: Exclude<ClaimOutcome, { ok: true }>,
  lang: CoordinatorContext['lang'],
): FieldProblem {
  const sv = lang === 'sv';
  switch (outcome.reason) {
    case 'expired':
      return {
        field: 'code',
        message: sv
          ? 'Koden har gått ut. Skärmen visar en ny kod; skriv in den.'
          : 'The code has expired. The screen shows a new code; enter that.',
      };
    case 'already_claimed':
      return { field: 'code', message: sv ? 'Koden är redan använd.' : 'The code has been used already.' };
    case 'forbidden':
      return {
        field: 'municipalityCode',
        message: sv ? 'Kommunen ligger utanför ditt område.' : 'The municipality lies outside your area.',
      };
    case 'invalid_groups':
      return {
        field: 'groupIds',
        message: sv ? 'Välj grupper i skärmens område.' : "Choose groups in the screen's area.",
      };
    default:
      return {
        field: 'code',
        message: sv
          ? 'Det finns ingen sådan kod. Kontrollera koden på skärmen.'
          : 'There is no such code. Check the code on the screen.',
      };
  }
}

async function sendClaimForm(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
  values: ClaimValues,
  errors: FieldProblem[],
) {
  const { t, lang, me } = ctx;
  const groups = (await listGroups(c.get('deps').database.db, me)).filter((group) => group.kind === 'static');
  const err = (name: string) => errorFor(errors, name);
  const title = { sv: 'Koppla en skärm', en: 'Pair a screen' };
  return sendPage(
    c,
    <CoordinatorPage page={ctx} title={titleWithErrors(title, errors)} section="/samordnare/skarmar">
      <h1>{title[lang]}</h1>
      <p>
        {t(
          'Starta skärmspelaren på skärmen. Den visar en kod med sex tecken; skriv in koden här tillsammans med skärmens inställningar.',
          'Start the screen player on the screen. It shows a six-character code; enter the code here with the screen’s settings.',
        )}
      </p>
      <form method="post" action="/samordnare/skarmar/koppla" class="stack" id="f-form" novalidate>
        <ErrorSummary
          lang={lang}
          errors={labelled(errors, {
            code: t('Koden', 'The code'),
            name: t('Namn', 'Name'),
            municipalityCode: t('Kommun', 'Municipality'),
            languages: t('Språk', 'Languages'),
            width: t('Bredd', 'Width'),
            height: t('Höjd', 'Height'),
            ...Object.fromEntries(
              DAYS.flatMap((day) => [
                [`open.${day}.from`, t(`${DAY_NAMES[day]?.[0]} från`, `${DAY_NAMES[day]?.[1]} from`)],
                [`open.${day}.to`, t(`${DAY_NAMES[day]?.[0]} till`, `${DAY_NAMES[day]?.[1]} to`)],
              ]),
            ),
          })}
        />
        <Csrf page={ctx} />
        <TextField
          name="code"
          label={t('Koden på skärmen', 'The code on the screen')}
          value={str(values, 'code')}
          error={err('code')}
          hint={t('Sex tecken, till exempel ABC234.', 'Six characters, for example ABC234.')}
          autocomplete="off"
          required
        />
        <TextField
          name="name"
          label={t('Skärmens namn', 'The screen’s name')}
          value={str(values, 'name')}
          error={err('name')}
          hint={t(
            'Till exempel "ICA Maxi Erikslund, entrén".',
            'For example "ICA Maxi Erikslund, entrance".',
          )}
          required
        />
        <SelectField
          name="municipalityCode"
          label={t('Kommun', 'Municipality')}
          value={str(values, 'municipalityCode')}
          error={err('municipalityCode')}
          options={[
            { value: '', label: t('Välj kommun', 'Choose a municipality') },
            ...municipalityOptions(me),
          ]}
          required
        />
        <ChoiceGroup
          name="orientation"
          type="radio"
          inline
          legend={t('Format', 'Shape')}
          checked={[str(values, 'orientation')]}
          error={err('orientation')}
          options={[
            { value: 'landscape', label: t('Liggande', 'Landscape') },
            { value: 'portrait', label: t('Stående', 'Portrait') },
          ]}
        />
        <div class="field-row">
          <TextField
            name="width"
            type="number"
            label={t('Bredd i bildpunkter', 'Width in pixels')}
            value={str(values, 'width')}
            error={err('width')}
            inputmode="numeric"
          />
          <TextField
            name="height"
            type="number"
            label={t('Höjd i bildpunkter', 'Height in pixels')}
            value={str(values, 'height')}
            error={err('height')}
            inputmode="numeric"
          />
        </div>
        <ChoiceGroup
          name="languages"
          type="checkbox"
          inline
          legend={t('Språk som skärmen visar', 'Languages the screen shows')}
          hint={t('I den här ordningen, svenska först.', 'In this order, Swedish first.')}
          checked={list(values, 'languages')}
          error={err('languages')}
          options={languageOptions(lang)}
        />
        <div class="field-row">
          <TextField
            name="chain"
            label={t('Butikskedja (frivillig)', 'Store chain (optional)')}
            value={str(values, 'chain')}
            error={err('chain')}
          />
          <TextField
            name="storeCode"
            label={t('Butikens id i kedjan (frivilligt)', 'The chain’s store id (optional)')}
            value={str(values, 'storeCode')}
            error={err('storeCode')}
          />
        </div>
        <TextField
          name="tags"
          label={t('Taggar (frivilliga)', 'Tags (optional)')}
          value={str(values, 'tags')}
          error={err('tags')}
          hint={t(
            'Kommaseparerade, till exempel "entre, kassa".',
            'Comma-separated, for example "entrance, checkout".',
          )}
        />
        {groups.length ? (
          <ChoiceGroup
            name="groupIds"
            type="checkbox"
            legend={t('Skärmgrupper', 'Screen groups')}
            checked={list(values, 'groupIds')}
            error={err('groupIds')}
            options={groups.map((group) => ({ value: group.id, label: group.name }))}
          />
        ) : null}
        <FieldGroup legend={t('Öppettider', 'Opening hours')}>
          <ChoiceGroup
            name="hours"
            type="radio"
            legend={t('När butiken är öppen', 'When the shop is open')}
            checked={[str(values, 'hours') || 'always']}
            options={[
              {
                value: 'always',
                label: t('Alltid (skärmen visar dygnet runt)', 'Always (the screen plays day and night)'),
              },
              {
                value: 'set',
                label: t('Tiderna nedan; tomma dagar är stängda', 'The times below; empty days are closed'),
              },
            ]}
          />
          {DAYS.map((day) => (
            <div class="field-row">
              <TextField
                name={`open.${day}.from`}
                type="time"
                label={t(`${DAY_NAMES[day]?.[0]} från`, `${DAY_NAMES[day]?.[1]} from`)}
                value={str(values, `open.${day}.from`)}
                error={err(`open.${day}.from`)}
              />
              <TextField
                name={`open.${day}.to`}
                type="time"
                label={t(`${DAY_NAMES[day]?.[0]} till`, `${DAY_NAMES[day]?.[1]} to`)}
                value={str(values, `open.${day}.to`)}
                error={err(`open.${day}.to`)}
              />
            </div>
          ))}
          <ChoiceGroup
            name="playWhenClosed"
            type="checkbox"
            legend={t('Stängt', 'Closed')}
            checked={str(values, 'playWhenClosed') === 'yes' ? ['yes'] : []}
            options={[
              {
                value: 'yes',
                label: t(
                  'Visa även när butiken är stängd (skyltfönster)',
                  'Play when the shop is closed too (shop window)',
                ),
              },
            ]}
          />
        </FieldGroup>
        <p>
          <button type="submit">{t('Koppla skärmen', 'Pair the screen')}</button>
        </p>
      </form>
    </CoordinatorPage>,
    errors.length ? 400 : 200,
  );
}

/** Screens: the list by county with their state in words, and pairing a new one by its code. */
export function addScreenPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/skarmar', async (c) => {
    const ctx = coordinatorContext(c);
    const listed = await listScreens(c.get('deps').database.db, ctx.me, { limit: 500, offset: 0 });
    const screens = listed.ok ? listed.items : [];
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Skärmar', en: 'Screens' }}
        section="/samordnare/skarmar"
        notice={c.req.query('klart')}
      >
        <h1>{ctx.t('Skärmar', 'Screens')}</h1>
        <p>
          <a class="button" href="/samordnare/skarmar/koppla">
            {ctx.t('Koppla en skärm', 'Pair a screen')}
          </a>
        </p>
        <ScreenTables ctx={ctx} screens={screens} />
      </CoordinatorPage>,
    );
  });

  router.get('/samordnare/skarmar/koppla', (c) => {
    const ctx = coordinatorContext(c);
    return sendClaimForm(
      c,
      ctx,
      {
        code: c.req.query('kod') ?? '',
        orientation: 'landscape',
        width: '1920',
        height: '1080',
        languages: ['sv'],
        hours: 'always',
      },
      [],
    );
  });

  router.post('/samordnare/skarmar/koppla', async (c) => {
    const ctx = coordinatorContext(c);
    const values = readClaimForm(await readForm(c));
    const parsed = parseClaim(values, ctx.lang);
    const codeMissing = str(values, 'code')
      ? []
      : [
          {
            field: 'code',
            message: ctx.t('Skriv koden som skärmen visar.', 'Enter the code the screen shows.'),
          },
        ];
    if (!parsed.ok || codeMissing.length)
      return sendClaimForm(c, ctx, values, [...codeMissing, ...(parsed.ok ? [] : parsed.errors)]);
    const { database, clock } = c.get('deps');
    const outcome = await claimPairingCode(
      database.db,
      ctx.me,
      str(values, 'code'),
      parsed.claim,
      clock.now(),
    );
    if (!outcome.ok) return sendClaimForm(c, ctx, values, [claimRefusalProblem(outcome, ctx.lang)]);
    return c.redirect('/samordnare/skarmar?klart=kopplad', 303);
  });
}
