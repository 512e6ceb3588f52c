import type { Hono } from 'hono';
import { DateTime } from 'luxon';
import { previewPlaylist } from '../../manifests/playlist-preview.js';
import type { PlaylistResult } from '../../schedule/types.js';
import { listScreens, type ScreenWithGroups } from '../../screens/screens-service.js';
import type { AppEnv } from '../../http/app-env.js';
import { formatDateTime } from '../components/format.js';
import { htmlLangOf, languageName } from '../components/labels.js';
import { errorFor, ErrorSummary, TextField } from '../forms.js';
import { sendPage } from '../page-context.js';
import { tierName } from './charts.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  coordinatorContext,
  counted,
} from './coordinator-layout.js';
import { slideNames } from './timeline-data.js';
import { findCampaign } from '../../campaigns/campaigns-service.js';
import type { Db } from '../../db/client.js';
import { SelectField } from './fields.js';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The names of a playlist's slides and the titles of their campaigns, by id. */
async function playlistNames(
  db: Db,
  result: PlaylistResult,
  lang: CoordinatorContext['lang'],
): Promise<Map<string, string>> {
  if (result.status !== 'playing') return new Map();
  const names = await slideNames(db, [...new Set(result.items.map((item) => item.slideId))]);
  for (const id of new Set(result.items.map((item) => item.campaignId))) {
    const campaign = await findCampaign(db, id);
    if (campaign) names.set(id, campaign.title[lang] ?? campaign.title.sv ?? campaign.slug);
  }
  return names;
}

function PlaylistView(props: {
  ctx: CoordinatorContext;
  screen: ScreenWithGroups;
  at: Date;
  result: PlaylistResult;
  configuredShare: number;
  /** Slide names and campaign titles by id (resolution knows them by id only). */
  names: Map<string, string>;
}) {
  const { t, lang } = props.ctx;
  const { result } = props;
  const when = `${formatDateTime(props.at, lang)} (${props.screen.timeZone})`;
  if (result.status === 'closed') {
    return (
      <section aria-labelledby="resultat">
        <h2 id="resultat">{t(`${props.screen.name}, ${when}`, `${props.screen.name}, ${when}`)}</h2>
        <p>
          {t(
            'Butiken är stängd och skärmen visar inget.',
            'The shop is closed and the screen shows nothing.',
          )}{' '}
          {result.opensAt
            ? t(
                `Den öppnar ${formatDateTime(result.opensAt, lang)}.`,
                `It opens ${formatDateTime(result.opensAt, lang)}.`,
              )
            : ''}
        </p>
      </section>
    );
  }
  const share = result.loopSeconds > 0 ? result.nationalSeconds / result.loopSeconds : null;
  return (
    <section aria-labelledby="resultat">
      <h2 id="resultat">{t(`${props.screen.name}, ${when}`, `${props.screen.name}, ${when}`)}</h2>
      <p>
        {result.items.length === 0
          ? t(
              'Inget är schemalagt; skärmen visar sin egen vänteskylt.',
              'Nothing is scheduled; the screen shows its own standby sign.',
            )
          : t(
              `Slingan är ${result.loopSeconds} sekunder med ${counted(result.items.length, ['bild', 'bilder'])}${result.usedDefaultLoop ? ' ur grundslingan' : ''}. Nationellt innehåll: ${share === null ? '–' : percent(share)} (minst ${percent(props.configuredShare)} när nationella bildspel visas).`,
              `The loop is ${result.loopSeconds} seconds with ${counted(result.items.length, ['picture', 'pictures'])}${result.usedDefaultLoop ? ' from the default loop' : ''}. National content: ${share === null ? '–' : percent(share)} (at least ${percent(props.configuredShare)} while national slides air).`,
            )}
      </p>
      {result.items.length ? (
        <ol class="playlist">
          {result.items.map((item, index) => (
            <li>
              {item.kind === 'image' ? (
                <img
                  src={item.media.url}
                  alt={item.altText}
                  lang={htmlLangOf(item.language)}
                  class="thumb"
                  loading="lazy"
                />
              ) : null}
              <div>
                <p>
                  <strong>{`${index + 1}. ${props.names.get(item.slideId) ?? item.slideId}`}</strong>
                  <br />
                  {props.names.get(item.campaignId) ?? item.campaignSlug}
                </p>
                <ul class="plain">
                  <li>
                    {t('Alternativtext: ', 'Alt text: ')}
                    <span lang={htmlLangOf(item.language)}>{item.altText || t('saknas', 'missing')}</span>
                  </li>
                  <li>{t(`Nivå: ${tierName(item.tier, lang)}`, `Tier: ${tierName(item.tier, lang)}`)}</li>
                  <li>
                    {t(
                      `Språk: ${languageName(item.language, lang)}`,
                      `Language: ${languageName(item.language, lang)}`,
                    )}
                    {item.fallbackLanguageUsed
                      ? t(
                          ' (reserv: skärmens språk saknas)',
                          ' (fallback: the screen’s languages are missing)',
                        )
                      : ''}
                  </li>
                  <li>
                    {t(`Visas ${item.durationSeconds} sekunder`, `Shows for ${item.durationSeconds} seconds`)}
                  </li>
                  {item.kind === 'video' ? <li>{t('Film', 'Video')}</li> : null}
                </ul>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** "What does this screen show at this moment": a screen and a local time → the resolved playlist. */
export function addPreviewPage(router: Hono<AppEnv>): void {
  router.get('/samordnare/forhandsvisning', async (c) => {
    const ctx = coordinatorContext(c);
    const { t, lang, me } = ctx;
    const deps = c.get('deps');
    const listed = await listScreens(deps.database.db, me, { limit: 500, offset: 0 });
    const screens = listed.ok ? listed.items.filter((screen) => !screen.revokedAt) : [];
    const screenId = c.req.query('skarm') ?? '';
    const screen = screens.find((row) => row.id === screenId);
    const zone = screen?.timeZone ?? 'Europe/Stockholm';
    const asked = c.req.query('tid') ?? '';
    const local = asked ? DateTime.fromISO(asked, { zone }) : DateTime.fromJSDate(deps.clock.now(), { zone });
    const errors = [
      ...(screenId && !screen
        ? [{ field: 'skarm', message: t('Välj en skärm i ditt område.', 'Choose a screen in your area.') }]
        : []),
      ...(asked && !local.isValid
        ? [{ field: 'tid', message: t('Ange datum och tid.', 'Give a date and time.') }]
        : []),
    ];
    const preview =
      screen && local.isValid ? await previewPlaylist(deps, me, screen.id, local.toJSDate()) : null;
    const names = preview?.ok
      ? await playlistNames(deps.database.db, preview.result, lang)
      : new Map<string, string>();
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Vad visar skärmen?', en: 'What does a screen show?' }}
        section="/samordnare/forhandsvisning"
      >
        <h1>{t('Vad visar skärmen?', 'What does a screen show?')}</h1>
        <form method="get" action="/samordnare/forhandsvisning" class="filters" id="f-form">
          <ErrorSummary lang={lang} errors={errors} />
          {screens.length ? (
            <SelectField
              name="skarm"
              label={t('Skärm', 'Screen')}
              value={screenId}
              error={errorFor(errors, 'skarm')}
              options={[
                { value: '', label: t('Välj skärm', 'Choose a screen') },
                ...screens.map((row) => ({ value: row.id, label: `${row.name} (${row.municipalityCode})` })),
              ]}
            />
          ) : (
            <p>
              {t('Det finns inga skärmar i ditt område än. ', 'There are no screens in your area yet. ')}
              <a href="/samordnare/skarmar/koppla">{t('Koppla en skärm', 'Pair a screen')}</a>.
            </p>
          )}
          <TextField
            name="tid"
            type="datetime-local"
            label={t('Tidpunkt (skärmens lokala tid)', 'Moment (the screen’s local time)')}
            value={local.isValid ? local.toFormat("yyyy-MM-dd'T'HH:mm") : asked}
            error={errorFor(errors, 'tid')}
          />
          <p>
            <button type="submit">{t('Visa', 'Show')}</button>
          </p>
        </form>
        {screen && preview?.ok ? (
          <PlaylistView
            ctx={ctx}
            screen={screen}
            at={preview.at}
            result={preview.result}
            configuredShare={preview.configuredNationalShare}
            names={names}
          />
        ) : null}
      </CoordinatorPage>,
      errors.length ? 400 : 200,
    );
  });
}
