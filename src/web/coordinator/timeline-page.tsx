import type { Hono } from 'hono';
import { DateTime } from 'luxon';
import { localDayOf } from '../../manifests/schedule-for-day.js';
import { listGroups } from '../../screens/groups-service.js';
import type { AppEnv } from '../../http/app-env.js';
import { TextField } from '../forms.js';
import { sendPage } from '../page-context.js';
import { Chart, Legend, TIER_PATTERN, tierCampaignName, tierName } from './charts.js';
import {
  type CoordinatorContext,
  CoordinatorPage,
  coordinatorContext,
  counted,
} from './coordinator-layout.js';
import { SelectField } from './fields.js';
import { countiesInScope } from './scope-options.js';
import { buildWeekTimeline, clockText, type Timeline, type TimelineSubject } from './timeline-data.js';

const DAY_MINUTES = 24 * 60;

function dayName(day: string, lang: CoordinatorContext['lang']): string {
  return DateTime.fromISO(day)
    .setLocale(lang === 'sv' ? 'sv' : 'en-GB')
    .toFormat('cccc d LLLL');
}

function shortDay(day: string, lang: CoordinatorContext['lang']): string {
  return DateTime.fromISO(day)
    .setLocale(lang === 'sv' ? 'sv' : 'en-GB')
    .toFormat('ccc d/L');
}

/** The week as bars: one row per slide, one column per day, the playing spans drawn in each. */
function WeekChart(props: { ctx: CoordinatorContext; timeline: Timeline; subjectName: string }) {
  const { t, lang } = props.ctx;
  const rows = new Map<string, { name: string; tier: Timeline['days'][number]['slides'][number]['tier'] }>();
  for (const day of props.timeline.days)
    for (const slide of day.slides) rows.set(slide.slideId, { name: slide.name, tier: slide.tier });
  if (rows.size === 0) return null;
  const labelWidth = 220;
  const width = 760;
  const rowHeight = 28;
  const header = 24;
  const dayWidth = (width - labelWidth) / props.timeline.days.length;
  const ids = [...rows.keys()];
  const height = header + rowHeight * ids.length + 4;
  const id = 'tidslinje-diagram';
  return (
    <figure>
      <Chart
        id={id}
        width={width}
        height={height}
        title={t(
          `Vad som visas på skärmarna i ${props.subjectName}`,
          `What shows on the screens in ${props.subjectName}`,
        )}
        desc={t(
          'En rad per bildspel och en kolumn per dag; staplarna visar tiderna bildspelet visas. Samma uppgifter finns i tabellerna nedanför.',
          'One row per slide and one column per day; the bars show when the slide plays. The tables below hold the same data.',
        )}
      >
        {props.timeline.days.map((day, index) => (
          <g>
            <text x={labelWidth + dayWidth * index + dayWidth / 2} y={16} text-anchor="middle">
              {shortDay(day.day, lang)}
            </text>
            <line
              x1={labelWidth + dayWidth * index}
              y1={header - 4}
              x2={labelWidth + dayWidth * index}
              y2={height}
              stroke="#8a8794"
            />
          </g>
        ))}
        {ids.map((slideId, rowIndex) => {
          const row = rows.get(slideId) as { name: string; tier: 'national' | 'county' | 'local' };
          const y = header + rowIndex * rowHeight;
          return (
            <g>
              <text x={labelWidth - 6} y={y + 18} text-anchor="end">
                {`${row.name.length > 26 ? `${row.name.slice(0, 25)}…` : row.name} (${tierName(row.tier, lang)})`}
              </text>
              {props.timeline.days.flatMap((day, dayIndex) =>
                (day.slides.find((slide) => slide.slideId === slideId)?.spans ?? []).map((span) => (
                  <rect
                    x={
                      labelWidth +
                      dayWidth * dayIndex +
                      (Math.min(span.from, DAY_MINUTES) / DAY_MINUTES) * dayWidth
                    }
                    y={y + 5}
                    width={Math.max(
                      2,
                      ((Math.min(span.to, DAY_MINUTES) - Math.min(span.from, DAY_MINUTES)) / DAY_MINUTES) *
                        dayWidth,
                    )}
                    height={rowHeight - 10}
                    fill={`url(#${id}-${TIER_PATTERN[row.tier]})`}
                    stroke="#1b1b1f"
                    stroke-width="1"
                  />
                )),
              )}
            </g>
          );
        })}
      </Chart>
      <figcaption>
        <Legend
          id={id}
          items={(['national', 'county', 'local'] as const).map((tier) => ({
            pattern: TIER_PATTERN[tier],
            label: tierCampaignName(tier, lang),
          }))}
        />
      </figcaption>
    </figure>
  );
}

function DayTables(props: { ctx: CoordinatorContext; timeline: Timeline }) {
  const { t, lang } = props.ctx;
  return (
    <>
      {props.timeline.days.map((day) => (
        <section class="table-scroll" tabindex={0} aria-label={dayName(day.day, lang)}>
          <table>
            <caption>{dayName(day.day, lang)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Bildspel', 'Slide')}</th>
                <th scope="col">{t('Nivå', 'Tier')}</th>
                <th scope="col">{t('Tider', 'Times')}</th>
                <th scope="col">{t('Skärmar', 'Screens')}</th>
              </tr>
            </thead>
            <tbody>
              {day.slides.length ? (
                day.slides.map((slide) => (
                  <tr>
                    <th scope="row">
                      {slide.name} <span class="hint">{slide.campaignSlug}</span>
                    </th>
                    <td>{tierName(slide.tier, lang)}</td>
                    <td>
                      {slide.spans
                        .map((span) =>
                          // A span from midnight to midnight is the whole day, not a time of day.
                          span.from === 0 && span.to >= 24 * 60
                            ? t('hela dagen', 'all day')
                            : `${clockText(span.from)}–${clockText(span.to)}`,
                        )
                        .join(', ')}
                    </td>
                    <td>{slide.screens}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={4}>{t('Inget visas den här dagen.', 'Nothing shows this day.')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

/** The timeline: what runs when in the coming week on a county's or a screen group's screens. */
export function addTimelinePage(router: Hono<AppEnv>): void {
  router.get('/samordnare/tidslinje', async (c) => {
    const ctx = coordinatorContext(c);
    const { t, me } = ctx;
    const deps = c.get('deps');
    const counties = countiesInScope(me);
    const groups = await listGroups(deps.database.db, me);
    const asked = c.req.query('for') ?? `lan:${counties[0]?.code ?? ''}`;
    const today = localDayOf(deps.clock.now());
    const from =
      /^\d{4}-\d{2}-\d{2}$/.test(c.req.query('fran') ?? '') &&
      DateTime.fromISO(c.req.query('fran') ?? '').isValid
        ? (c.req.query('fran') as string)
        : today;
    const [kind, value = ''] = asked.split(':');
    const county = kind === 'lan' ? counties.find((row) => row.code === value) : undefined;
    const group = kind === 'grupp' ? groups.find((row) => row.id === value) : undefined;
    const subject: TimelineSubject | null = county
      ? { kind: 'county', countyCode: county.code }
      : group
        ? { kind: 'group', groupId: group.id }
        : null;
    const subjectName = county?.name ?? group?.name ?? '';
    const timeline = subject ? await buildWeekTimeline(deps, me, subject, from) : null;
    return sendPage(
      c,
      <CoordinatorPage page={ctx} title={{ sv: 'Tidslinje', en: 'Timeline' }} section="/samordnare/tidslinje">
        <h1>{t('Vad visas när?', 'What shows when?')}</h1>
        <form method="get" action="/samordnare/tidslinje" class="filters">
          <SelectField
            name="for"
            label={t('Skärmar i', 'Screens in')}
            value={asked}
            options={[
              {
                group: t('Län', 'Counties'),
                options: counties.map((row) => ({ value: `lan:${row.code}`, label: row.name })),
              },
              ...(groups.length
                ? [
                    {
                      group: t('Skärmgrupper', 'Screen groups'),
                      options: groups.map((row) => ({ value: `grupp:${row.id}`, label: row.name })),
                    },
                  ]
                : []),
            ]}
          />
          <TextField name="fran" type="date" label={t('Första dagen', 'First day')} value={from} />
          <p>
            <button type="submit">{t('Visa veckan', 'Show the week')}</button>
          </p>
        </form>
        {!timeline ? (
          <p>
            {t(
              'Välj ett län eller en skärmgrupp i ditt område.',
              'Choose a county or a screen group in your area.',
            )}
          </p>
        ) : (
          <>
            <p>
              {timeline.typical
                ? t(
                    'Det finns inga skärmar här än, så tidslinjen visar en typisk skärm: alltid öppen, på svenska, liggande och utan grupper eller taggar.',
                    'There are no screens here yet, so the timeline shows a typical screen: always open, in Swedish, landscape and without groups or tags.',
                  )
                : t(
                    `Tidslinjen gäller ${counted(timeline.screenCount, ['skärm', 'skärmar'])} med deras öppettider, språk och grupper.`,
                    `The timeline covers ${counted(timeline.screenCount, ['screen', 'screens'])} with their opening hours, languages and groups.`,
                  )}
            </p>
            <WeekChart ctx={ctx} timeline={timeline} subjectName={subjectName} />
            <h2>{t('Dag för dag', 'Day by day')}</h2>
            <DayTables ctx={ctx} timeline={timeline} />
          </>
        )}
      </CoordinatorPage>,
    );
  });
}
