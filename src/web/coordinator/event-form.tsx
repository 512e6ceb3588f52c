import type { FieldProblem } from '../../errors.js';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../i18n/languages.js';
import { type County, municipalitiesOfCounty } from '../../regions/regions.js';
import { htmlLangOf, languageName } from '../components/labels.js';
import { ErrorSummary, errorFor, TextField } from '../forms.js';
import { type CoordinatorContext, Csrf } from './coordinator-layout.js';
import { type EventFormValues, eventLabels } from './event-form-values.js';
import { ChoiceGroup, FieldGroup, type Option, SelectField, TextAreaField } from './fields.js';
import { labelled } from './form-input.js';

function dirOf(code: string): 'ltr' | 'rtl' {
  return CONTENT_LANGUAGES[code as ContentLanguage]?.dir ?? 'ltr';
}

/** The title, description and audience in one content language. */
function LanguageTexts(props: {
  ctx: CoordinatorContext;
  code: string;
  values: EventFormValues;
  errors: FieldProblem[];
}) {
  const { ctx, code, values, errors } = props;
  const { t, lang } = ctx;
  const name = languageName(code, lang);
  const required = code === 'sv';
  // Text in another language is marked as such, so screen readers and spelling checks follow it.
  const typed = code === lang ? {} : { lang: htmlLangOf(code), dir: dirOf(code) };
  const label = (sv: string, en: string) => t(`${sv} på ${name}`, `${en} in ${name}`);
  return (
    <FieldGroup
      legend={
        required
          ? t(`Texter på ${name}`, `Texts in ${name}`)
          : t(`Texter på ${name} (frivilligt)`, `Texts in ${name} (optional)`)
      }
    >
      <TextField
        name={`title.${code}`}
        label={label('Rubrik', 'Title')}
        value={values.title[code]}
        error={errorFor(errors, `title.${code}`)}
        required={required}
        {...typed}
      />
      <TextAreaField
        name={`description.${code}`}
        label={label('Beskrivning', 'Description')}
        value={values.description[code]}
        error={errorFor(errors, `description.${code}`)}
        rows={4}
        {...typed}
      />
      <TextField
        name={`audience.${code}`}
        label={label('Målgrupp', 'Audience')}
        value={values.audience[code]}
        error={errorFor(errors, `audience.${code}`)}
        hint={
          required ? t('Till exempel "Allmänheten".', 'For example "Allmänheten" (the public).') : undefined
        }
        {...typed}
      />
    </FieldGroup>
  );
}

/** The municipalities of the counties the form offers, grouped by county when there are several. */
function municipalityChoices(
  counties: readonly County[],
): Array<Option | { group: string; options: Option[] }> {
  const choices = counties.map((county) => ({
    group: county.name,
    options: municipalitiesOfCounty(county.code).map((town) => ({ value: town.code, label: town.name })),
  }));
  return choices.length === 1 ? (choices[0]?.options ?? []) : choices;
}

/** The event form: create (in a county of the user's) or edit, with the texts in each campaign language. */
export function EventForm(props: {
  ctx: CoordinatorContext;
  action: string;
  values: EventFormValues;
  errors: FieldProblem[];
  languages: string[];
  counties: County[];
  creating: boolean;
}) {
  const { ctx, values, errors } = props;
  const { t, lang } = ctx;
  const err = (field: string) => errorFor(errors, field);
  const names = Object.fromEntries(props.languages.map((code) => [code, languageName(code, lang)]));
  return (
    <form method="post" action={props.action} class="stack" id="f-form" novalidate>
      <ErrorSummary lang={lang} errors={labelled(errors, eventLabels(t, names))} />
      <Csrf page={ctx} />
      <SelectField
        name="countyCode"
        label={t('Län', 'County')}
        value={values.countyCode}
        error={err('countyCode')}
        options={[
          ...(props.counties.length === 1 ? [] : [{ value: '', label: t('Välj län', 'Choose a county') }]),
          ...props.counties.map((county) => ({ value: county.code, label: county.name })),
        ]}
        required
      />
      {props.languages.map((code) => (
        <LanguageTexts ctx={ctx} code={code} values={values} errors={errors} />
      ))}
      <FieldGroup legend={t('När', 'When')}>
        <TextField
          name="startDate"
          type="date"
          label={t('Datum', 'Date')}
          value={values.startDate}
          error={err('startDate')}
          hint={t('ÅÅÅÅ-MM-DD, till exempel 2026-11-24.', 'YYYY-MM-DD, for example 2026-11-24.')}
          required
        />
        <ChoiceGroup
          name="allDay"
          type="checkbox"
          legend={t('Tid', 'Time')}
          options={[{ value: 'yes', label: t('Hela dagen, ingen klocktid', 'All day, no clock time') }]}
          checked={values.allDay ? ['yes'] : []}
        />
        <div class="field-row">
          <TextField
            name="startTime"
            type="time"
            label={t('Börjar klockan', 'Starts at')}
            value={values.startTime}
            error={err('startTime')}
            hint={t('TT:MM, till exempel 18:00.', 'HH:MM, for example 18:00.')}
          />
          <TextField
            name="endTime"
            type="time"
            label={t('Slutar klockan (frivilligt)', 'Ends at (optional)')}
            value={values.endTime}
            error={err('endTime')}
            hint={t('Tomt om sluttiden inte är känd.', 'Empty when the end is not known.')}
          />
        </div>
        <TextField
          name="endDate"
          type="date"
          label={t('Sista dag (frivilligt)', 'Last day (optional)')}
          value={values.endDate}
          error={err('endDate')}
          hint={t('Bara om evenemanget pågår flera dagar.', 'Only when the event runs over several days.')}
        />
      </FieldGroup>
      <FieldGroup legend={t('Var', 'Where')}>
        <ChoiceGroup
          name="place.kind"
          type="radio"
          legend={t('Plats eller online', 'A place or online')}
          options={[
            { value: 'venue', label: t('På en plats', 'At a place') },
            { value: 'online', label: t('Online, webbsänt', 'Online, streamed') },
          ]}
          checked={[values.placeKind]}
          error={err('place.kind')}
        />
        <TextField
          name="place.name"
          label={t('Platsens namn', 'Name of the place')}
          value={values.placeName}
          error={err('place.name')}
          hint={t(
            'Till exempel "Biblioteket, Musikrummet". Online: hur det sänds, till exempel "Webbsänd föreläsning" (frivilligt).',
            'For example "Biblioteket, Musikrummet". Online: how it is streamed, for example "Webbsänd föreläsning" (optional).',
          )}
        />
        <TextField
          name="place.address"
          label={t('Adress (frivilligt)', 'Address (optional)')}
          value={values.placeAddress}
          error={err('place.address')}
          hint={t(
            'Bara för en plats, till exempel "Storgatan 5". Orten visas från kommunen nedan.',
            'Only for a place, for example "Storgatan 5". The town is shown from the municipality below.',
          )}
          autocomplete="off"
        />
        <SelectField
          name="place.municipalityCode"
          label={t('Kommun (frivilligt)', 'Municipality (optional)')}
          value={values.placeMunicipalityCode}
          error={err('place.municipalityCode')}
          hint={t(
            'Bara för en plats: kommunen i länet där den ligger. Visas som ort, och besökare kan välja evenemang efter kommun.',
            'Only for a place: the municipality in the county where it is. Shown as the town, and visitors can pick events by municipality.',
          )}
          options={[
            { value: '', label: t('Ingen kommun vald', 'No municipality chosen') },
            ...municipalityChoices(props.counties),
          ]}
        />
        <TextField
          name="place.url"
          type="url"
          label={t('Länk till sändningen (frivilligt)', 'Link to the stream (optional)')}
          value={values.placeUrl}
          error={err('place.url')}
          hint={t(
            'Bara online: adressen där man tittar, som börjar med https://.',
            'Only online: the address where people watch, starting with https://.',
          )}
          inputmode="url"
        />
      </FieldGroup>
      <FieldGroup legend={t('Anmälan', 'Registration')}>
        <ChoiceGroup
          name="registration.required"
          type="checkbox"
          legend={t('Behövs anmälan?', 'Is registration needed?')}
          options={[{ value: 'yes', label: t('Anmälan krävs', 'Registration required') }]}
          checked={values.registrationRequired ? ['yes'] : []}
        />
        <TextField
          name="registration.deadline"
          type="date"
          label={t('Sista anmälningsdag (frivilligt)', 'Last day to register (optional)')}
          value={values.registrationDeadline}
          error={err('registration.deadline')}
          hint={t(
            'Anmälan tas emot till och med den dagen.',
            'Registrations are taken up to and including that day.',
          )}
        />
        <TextField
          name="registration.url"
          type="url"
          label={t('Länk till anmälan', 'Registration link')}
          value={values.registrationUrl}
          error={err('registration.url')}
          hint={t(
            'En webbadress, eller lämna tomt och ange e-post nedan.',
            'A web address, or leave empty and give an e-mail below.',
          )}
          inputmode="url"
        />
        <TextField
          name="registration.email"
          type="email"
          label={t('Eller e-post för anmälan', 'Or e-mail for registration')}
          value={values.registrationEmail}
          error={err('registration.email')}
          inputmode="email"
        />
      </FieldGroup>
      {props.creating ? null : (
        <ChoiceGroup
          name="cancelled"
          type="checkbox"
          legend={t('Inställt', 'Cancelled')}
          hint={t(
            'Ett inställt evenemang står kvar i programmet och på skärmarna, markerat som inställt.',
            'A cancelled event stays in the programme and on screens, marked as cancelled.',
          )}
          options={[{ value: 'yes', label: t('Evenemanget är inställt', 'The event is cancelled') }]}
          checked={values.cancelled ? ['yes'] : []}
        />
      )}
      <p>
        <button type="submit">
          {props.creating
            ? t('Lägg till evenemanget', 'Add the event')
            : t('Spara ändringar', 'Save changes')}
        </button>
      </p>
    </form>
  );
}
