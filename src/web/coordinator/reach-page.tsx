import type { Hono } from 'hono';
import { DateTime } from 'luxon';
import type { AppEnv } from '../../http/app-env.js';
import { summariseFleet } from '../../plays/fleet-service.js';
import { addDays, localDayOf } from '../../plays/local-days.js';
import { reachRangeProblem, readReach } from '../../plays/reach-service.js';
import { narrowToScope } from '../../plays/region-filter.js';
import { countyByCode } from '../../regions/regions.js';
import { formatNumber } from '../components/format.js';
import { errorFor, ErrorSummary, TextField } from '../forms.js';
import { sendPage } from '../page-context.js';
import { BarChart, type BarSeries, Legend, PATTERNS, StackedBars } from './charts.js';
import { type CoordinatorContext, CoordinatorPage, coordinatorContext } from './coordinator-layout.js';
import { SelectField } from './fields.js';
import { countiesInScope, regionName } from './scope-options.js';

const validDay = (text: string | undefined) =>
  text && /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid ? text : null;

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 400; day = addDays(day, 1)) days.push(day);
  return days;
}

type Reach = Awaited<ReturnType<typeof readReach>>;
type Fleet = Awaited<ReturnType<typeof summariseFleet>>;

function PlaysChart(props: { ctx: CoordinatorContext; reach: Reach; days: string[] }) {
  const { t, lang } = props.ctx;
  const counties = [...new Set(props.reach.rows.map((row) => row.countyCode))].sort();
  const playsOn = (day: string, county?: string) =>
    props.reach.rows
      .filter((row) => row.day === day && (!county || row.countyCode === county))
      .reduce((sum, row) => sum + row.plays, 0);
  const series: BarSeries[] =
    counties.length > 0 && counties.length <= PATTERNS.length
      ? counties.map((county, index) => ({
          label: countyByCode(county)?.name ?? county,
          pattern: PATTERNS[index] ?? 'solid',
          values: props.days.map((day) => playsOn(day, county)),
        }))
      : [
          {
            label: t('Alla län', 'All counties'),
            pattern: 'solid',
            values: props.days.map((day) => playsOn(day)),
          },
        ];
  const label = (day: string) =>
    DateTime.fromISO(day)
      .setLocale(lang === 'sv' ? 'sv' : 'en-GB')
      .toFormat('d/L');
  return (
    <figure>
      <BarChart
        id="visningar"
        lang={lang}
        title={t('Visningar per dag', 'Plays per day')}
        desc={t(
          `Staplar per dag${series.length > 1 ? ' och län, varje län med sitt eget mönster' : ''}; antalet står över varje stapel. Tabellen nedanför har samma uppgifter.`,
          `Bars per day${series.length > 1 ? ' and county, each county with its own pattern' : ''}; the number is written above each bar. The table below holds the same data.`,
        )}
        categories={props.days.map(label)}
        series={series}
      />
      <figcaption>
        <Legend id="visningar" items={series.map((one) => ({ pattern: one.pattern, label: one.label }))} />
      </figcaption>
    </figure>
  );
}

function ReachTable(props: { ctx: CoordinatorContext; reach: Reach }) {
  const { t, lang } = props.ctx;
  return (
    <section
      class="table-scroll"
      tabindex={0}
      aria-label={t('Visningar per dag och län', 'Plays per day and county')}
    >
      <table>
        <caption>{t('Visningar per dag och län', 'Plays per day and county')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Dag', 'Day')}</th>
            <th scope="col">{t('Län', 'County')}</th>
            <th scope="col">{t('Visningar', 'Plays')}</th>
            <th scope="col">{t('Skärmtimmar', 'Screen hours')}</th>
            <th scope="col">{t('Skärmar som rapporterat', 'Screens reporting')}</th>
          </tr>
        </thead>
        <tbody>
          {props.reach.rows.length ? (
            props.reach.rows.map((row) => (
              <tr>
                <th scope="row">{row.day}</th>
                <td>{row.countyName ?? row.countyCode}</td>
                <td>{formatNumber(row.plays, lang)}</td>
                <td>{row.screenHours.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')}</td>
                <td>{formatNumber(row.screens, lang)}</td>
              </tr>
            ))
          ) : (
            <tr>
              <td colspan={5}>{t('Inga visningar under perioden.', 'No plays in the period.')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function FleetView(props: { ctx: CoordinatorContext; fleet: Fleet }) {
  const { t, lang } = props.ctx;
  const rows = props.fleet.counties.map((county) => ({
    label: county.countyName ?? county.countyCode,
    segments: [
      { value: county.online, pattern: 'solid' as const },
      { value: county.offline, pattern: 'hatch' as const },
    ],
    text: t(
      `${county.online} i drift, ${county.offline} tysta`,
      `${county.online} online, ${county.offline} silent`,
    ),
  }));
  return (
    <>
      {rows.length ? (
        <figure>
          <StackedBars
            id="skarmar"
            title={t('Skärmar i drift per län', 'Screens online per county')}
            desc={t(
              'En stapel per län: den fyllda delen är skärmar i drift, den randiga tysta skärmar; antalen står efter stapeln. Tabellen nedanför har samma uppgifter.',
              'One bar per county: the solid part is screens online, the striped part silent screens; the numbers follow the bar. The table below holds the same data.',
            )}
            rows={rows}
          />
          <figcaption>
            <Legend
              id="skarmar"
              items={[
                { pattern: 'solid', label: t('I drift', 'Online') },
                { pattern: 'hatch', label: t('Tysta', 'Silent') },
              ]}
            />
          </figcaption>
        </figure>
      ) : null}
      <section class="table-scroll" tabindex={0} aria-label={t('Skärmar per län', 'Screens per county')}>
        <table>
          <caption>{t('Skärmar per län', 'Screens per county')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Län', 'County')}</th>
              <th scope="col">{t('I drift', 'Online')}</th>
              <th scope="col">{t('Tysta', 'Silent')}</th>
              <th scope="col">{t('Totalt', 'Total')}</th>
            </tr>
          </thead>
          <tbody>
            {props.fleet.counties.map((county) => (
              <tr>
                <th scope="row">{county.countyName ?? county.countyCode}</th>
                <td>{formatNumber(county.online, lang)}</td>
                <td>{formatNumber(county.offline, lang)}</td>
                <td>{formatNumber(county.screens, lang)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('Alla', 'All')}</th>
              <td>{formatNumber(props.fleet.totals.online, lang)}</td>
              <td>{formatNumber(props.fleet.totals.offline, lang)}</td>
              <td>{formatNumber(props.fleet.totals.screens, lang)}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Reach: plays per day by county and screens online, as charts with tables and a CSV download. */
export function addReachPage(router: Hono<AppEnv>): void {
  router.get('/samordnare/rackvidd', async (c) => {
    const ctx = coordinatorContext(c);
    const { t, lang, me } = ctx;
    const { database, clock } = c.get('deps');
    const today = localDayOf(clock.now());
    const to = validDay(c.req.query('till')) ?? today;
    const from = validDay(c.req.query('fran')) ?? addDays(to, -6);
    const county = c.req.query('lan') || null;
    const counties = countiesInScope(me);
    const rangeProblem = reachRangeProblem(from, to);
    const scope = narrowToScope(me, {
      countyCode: county && counties.some((row) => row.code === county) ? county : null,
      municipalityCode: null,
    });
    const errors = rangeProblem
      ? [
          {
            field: 'fran',
            message: t(
              'Välj en period på högst 366 dagar där första dagen kommer före den sista.',
              'Choose a period of at most 366 days whose first day comes before its last.',
            ),
          },
        ]
      : [];
    const filter = scope.ok ? scope.filter : { countyCode: '__none__', municipalityCode: null };
    const [reach, fleet] = errors.length
      ? [null, null]
      : await Promise.all([
          readReach(database.db, { from, to, filter, campaignId: null, groupBy: 'county' }, clock.now()),
          summariseFleet(database.db, filter),
        ]);
    const csv = new URLSearchParams({
      from,
      to,
      format: 'csv',
      ...(filter.countyCode ? { county: filter.countyCode } : {}),
      ...(filter.municipalityCode ? { municipality: filter.municipalityCode } : {}),
    });
    return sendPage(
      c,
      <CoordinatorPage page={ctx} title={{ sv: 'Räckvidd', en: 'Reach' }} section="/samordnare/rackvidd">
        <h1>{t('Räckvidd', 'Reach')}</h1>
        <p class="lead">
          {t(
            `Visningar och skärmar i ${regionName(filter, lang)}.`,
            `Plays and screens in ${regionName(filter, lang)}.`,
          )}
        </p>
        <form method="get" action="/samordnare/rackvidd" class="filters" id="f-form">
          <ErrorSummary lang={lang} errors={errors} />
          <div class="field-row">
            <TextField
              name="fran"
              type="date"
              label={t('Från', 'From')}
              value={from}
              error={errorFor(errors, 'fran')}
            />
            <TextField name="till" type="date" label={t('Till och med', 'Up to and including')} value={to} />
          </div>
          {counties.length > 1 ? (
            <SelectField
              name="lan"
              label={t('Län', 'County')}
              value={county ?? ''}
              options={[
                { value: '', label: t('Alla län', 'All counties') },
                ...counties.map((row) => ({ value: row.code, label: row.name })),
              ]}
            />
          ) : null}
          <p>
            <button type="submit">{t('Visa', 'Show')}</button>
          </p>
        </form>
        {reach && fleet ? (
          <>
            <h2>{t('Visningar', 'Plays')}</h2>
            <p>
              {t(
                `Totalt ${formatNumber(reach.totals.plays, lang)} visningar, ${reach.totals.screenHours.toLocaleString('sv-SE')} skärmtimmar.`,
                `In all ${formatNumber(reach.totals.plays, lang)} plays, ${reach.totals.screenHours.toLocaleString('en-GB')} screen hours.`,
              )}
            </p>
            <PlaysChart ctx={ctx} reach={reach} days={daysOf(from, to)} />
            <ReachTable ctx={ctx} reach={reach} />
            <p>
              <a href={`/api/v1/reach?${csv.toString()}`} download="">
                {t('Ladda ner visningarna som CSV', 'Download the plays as CSV')}
              </a>
            </p>
            <h2>{t('Skärmar i drift', 'Screens online')}</h2>
            <FleetView ctx={ctx} fleet={fleet} />
          </>
        ) : null}
      </CoordinatorPage>,
      errors.length ? 400 : 200,
    );
  });
}
