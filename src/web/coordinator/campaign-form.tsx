import type { SignedInUser } from '../../accounts/actor.js';
import { scopeCoversRegion } from '../../accounts/scope.js';
import { CampaignPatchSchema, NewCampaignSchema } from '../../campaigns/campaign-schemas.js';
import type { CampaignRow, CampaignWriteResult } from '../../campaigns/campaigns-service.js';
import type { FieldProblem } from '../../errors.js';
import type { LocalizedText } from '../../i18n/languages.js';
import { errorFor, ErrorSummary, TextField } from '../forms.js';
import type { UiLanguage } from '../i18n.js';
import { type CoordinatorContext, Csrf } from './coordinator-layout.js';
import { ChoiceGroup, FieldGroup, SelectField, TextAreaField } from './fields.js';
import { commaList, formProblems, labelled, type PostedForm } from './form-input.js';
import { countiesInScope, languageOptions, municipalityOptions } from './scope-options.js';
import {
  parseWindowValues,
  readWindowValues,
  WindowFields,
  windowLabels,
  type WindowFormValues,
  windowFormValues,
} from './window-form.js';

/** What the campaign form holds, as the form shows it. */
export interface CampaignFormValues {
  slug: string;
  title: { sv: string; en: string };
  summary: { sv: string; en: string };
  description: { sv: string; en: string };
  tier: string;
  countyCode: string;
  municipalityCode: string;
  languages: string[];
  audience: string;
  airing: WindowFormValues;
  orderingEnabled: boolean;
  ordering: WindowFormValues;
}

const both = (text: LocalizedText | undefined) => ({ sv: text?.sv ?? '', en: text?.en ?? '' });

/** The form values of a new campaign (Swedish, airing all year) or of a stored one. */
export function campaignFormValues(campaign: CampaignRow | null): CampaignFormValues {
  return {
    slug: campaign?.slug ?? '',
    title: both(campaign?.title),
    summary: both(campaign?.summary),
    description: both(campaign?.description),
    tier: campaign?.tier ?? '',
    countyCode: campaign?.countyCode ?? '',
    municipalityCode: campaign?.municipalityCode ?? '',
    languages: campaign?.languages ?? ['sv'],
    audience: campaign?.audience.join(', ') ?? '',
    airing: windowFormValues(campaign?.airing),
    orderingEnabled: Boolean(campaign?.ordering),
    ordering: windowFormValues(campaign?.ordering),
  };
}

/** Reads the posted campaign form. */
export function readCampaignForm(form: PostedForm): CampaignFormValues {
  const pair = (name: string) => ({ sv: form.text(`${name}.sv`), en: form.text(`${name}.en`) });
  return {
    slug: form.text('slug'),
    title: pair('title'),
    summary: pair('summary'),
    description: pair('description'),
    tier: form.text('tier'),
    countyCode: form.text('countyCode'),
    municipalityCode: form.text('municipalityCode'),
    languages: form.all('languages'),
    audience: form.text('audience'),
    airing: readWindowValues(form, 'airing'),
    orderingEnabled: form.text('ordering.enabled') === 'yes',
    ordering: readWindowValues(form, 'ordering'),
  };
}

const localized = (text: { sv: string; en: string }) => ({
  ...(text.sv ? { sv: text.sv } : {}),
  ...(text.en ? { en: text.en } : {}),
});

/** A zod path as the form field it came from ("title" alone is its Swedish text). */
function campaignField(path: string[]): string {
  const [head, second] = path;
  if (head === 'title' || head === 'summary' || head === 'description')
    return `${head}.${second === 'en' ? 'en' : 'sv'}`;
  return head ?? 'form';
}

type Parsed<T> = { ok: true; input: T } | { ok: false; errors: FieldProblem[] };

/** The shared fields of create and edit, with the windows parsed; window problems come first. */
function commonInput(values: CampaignFormValues, lang: UiLanguage) {
  const airing = parseWindowValues(values.airing, 'airing', lang);
  const ordering = values.orderingEnabled ? parseWindowValues(values.ordering, 'ordering', lang) : null;
  const errors = [...(airing.ok ? [] : airing.errors), ...(ordering && !ordering.ok ? ordering.errors : [])];
  const always = { spans: [{ kind: 'always' as const }] };
  return {
    errors,
    input: {
      title: localized(values.title),
      summary: localized(values.summary),
      description: localized(values.description),
      languages: values.languages,
      audience: commaList(values.audience),
      airing: airing.ok ? airing.window : always,
      ordering: ordering ? (ordering.ok ? ordering.window : always) : null,
    },
  };
}

/** The new campaign the form describes, checked by the API's own schema. */
export function parseNewCampaign(
  values: CampaignFormValues,
  lang: UiLanguage,
): Parsed<import('../../campaigns/campaign-schemas.js').NewCampaign> {
  const common = commonInput(values, lang);
  const parsed = NewCampaignSchema.safeParse({
    slug: values.slug,
    tier: values.tier || undefined,
    ...(values.tier === 'county' && values.countyCode ? { countyCode: values.countyCode } : {}),
    ...(values.tier === 'local' && values.municipalityCode
      ? { municipalityCode: values.municipalityCode }
      : {}),
    ...common.input,
  });
  const errors = [
    ...common.errors,
    ...(parsed.success ? [] : formProblems(parsed.error, lang, campaignField)),
  ];
  return parsed.success && errors.length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

/** The campaign change the form describes, checked by the API's own schema. */
export function parseCampaignPatch(
  values: CampaignFormValues,
  lang: UiLanguage,
): Parsed<import('../../campaigns/campaign-schemas.js').CampaignPatch> {
  const common = commonInput(values, lang);
  const parsed = CampaignPatchSchema.safeParse(common.input);
  const errors = [
    ...common.errors,
    ...(parsed.success ? [] : formProblems(parsed.error, lang, campaignField)),
  ];
  return parsed.success && errors.length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

/** A refusal of the campaigns service as a problem next to the field it is about. */
export function campaignRefusalProblem(
  result: Exclude<CampaignWriteResult, { ok: true }>,
  tier: string,
  lang: UiLanguage,
): FieldProblem {
  const sv = lang === 'sv';
  switch (result.reason) {
    case 'slug_taken':
      return {
        field: 'slug',
        message: sv ? 'Det finns redan en kampanj med den adressen.' : 'A campaign with that address exists.',
      };
    case 'invalid_region':
      return tier === 'local'
        ? {
            field: 'municipalityCode',
            message: sv ? 'Välj kommun för en lokal kampanj.' : 'Choose a municipality for a local campaign.',
          }
        : {
            field: 'countyCode',
            message: sv ? 'Välj län för en länskampanj.' : 'Choose a county for a county campaign.',
          };
    case 'forbidden':
      return {
        field: 'tier',
        message: sv
          ? 'Ditt område omfattar inte en sådan kampanj där.'
          : 'Your area does not cover such a campaign there.',
      };
    default:
      return {
        field: 'form',
        message: sv
          ? `Kampanjen kunde inte sparas: ${result.detail}`
          : `The campaign could not be saved: ${result.detail}`,
      };
  }
}

/** The tiers the user may create campaigns in. */
function tierOptions(user: SignedInUser, lang: UiLanguage) {
  const sv = lang === 'sv';
  const national = scopeCoversRegion(user, { countyCode: null, municipalityCode: null });
  const county = countiesInScope(user).some((c) =>
    scopeCoversRegion(user, { countyCode: c.code, municipalityCode: null }),
  );
  return [
    ...(national ? [{ value: 'national', label: sv ? 'Nationell' : 'National' }] : []),
    ...(county ? [{ value: 'county', label: sv ? 'Län' : 'County' }] : []),
    { value: 'local', label: sv ? 'Lokal (kommun)' : 'Local (municipality)' },
  ];
}

/** The labels of the campaign form's fields, for the error summary. */
function campaignLabels(t: CoordinatorContext['t']): Record<string, string> {
  return {
    'title.sv': t('Namn på svenska', 'Name in Swedish'),
    'title.en': t('Namn på engelska', 'Name in English'),
    'summary.sv': t('Sammanfattning på svenska', 'Summary in Swedish'),
    'summary.en': t('Sammanfattning på engelska', 'Summary in English'),
    'description.sv': t('Beskrivning på svenska', 'Description in Swedish'),
    'description.en': t('Beskrivning på engelska', 'Description in English'),
    slug: t('Adress', 'Address'),
    tier: t('Nivå', 'Tier'),
    countyCode: t('Län', 'County'),
    municipalityCode: t('Kommun', 'Municipality'),
    languages: t('Språk', 'Languages'),
    audience: t('Målgrupper', 'Audiences'),
    ...windowLabels('airing', t('När kampanjen visas', 'When the campaign airs'), t),
    ...windowLabels('ordering', t('När material kan beställas', 'When material can be ordered'), t),
  };
}

/** The campaign form: create (with address and region) or edit. */
export function CampaignForm(props: {
  ctx: CoordinatorContext;
  action: string;
  values: CampaignFormValues;
  errors: FieldProblem[];
  creating: boolean;
  stored?: CampaignRow;
}) {
  const { ctx, values, errors } = props;
  const { t, lang, me } = ctx;
  const err = (field: string) => errorFor(errors, field);
  const textPair = (name: 'title' | 'summary' | 'description', label: [string, string], area = false) => {
    const Field = area ? TextAreaField : TextField;
    return (
      <div class="field-row">
        <Field
          name={`${name}.sv`}
          label={`${t(label[0], label[1])} ${t('på svenska', 'in Swedish')}`}
          value={values[name].sv}
          error={err(`${name}.sv`)}
          required
        />
        <Field
          name={`${name}.en`}
          label={`${t(label[0], label[1])} ${t('på engelska (frivilligt)', 'in English (optional)')}`}
          value={values[name].en}
          error={err(`${name}.en`)}
        />
      </div>
    );
  };
  return (
    <form method="post" action={props.action} class="stack" id="f-form" novalidate>
      <ErrorSummary lang={lang} errors={labelled(errors, campaignLabels(t))} />
      <Csrf page={ctx} />
      {textPair('title', ['Namn', 'Name'])}
      {props.creating ? (
        <TextField
          name="slug"
          label={t('Adress', 'Address')}
          value={values.slug}
          error={err('slug')}
          hint={t(
            'Små bokstäver och bindestreck, till exempel "vecka-48-vasteras". Blir en del av kampanjens webbadress.',
            'Lower-case letters and hyphens, for example "week-48-vasteras". Becomes part of the web address.',
          )}
          required
        />
      ) : null}
      {textPair('summary', ['Sammanfattning', 'Summary'], true)}
      {textPair('description', ['Beskrivning', 'Description'], true)}
      {props.creating ? (
        <FieldGroup legend={t('Vems kampanj', 'Whose campaign')}>
          <SelectField
            name="tier"
            label={t('Nivå', 'Tier')}
            value={values.tier}
            error={err('tier')}
            options={[{ value: '', label: t('Välj nivå', 'Choose a tier') }, ...tierOptions(me, lang)]}
            required
          />
          <SelectField
            name="countyCode"
            label={t('Län (för länskampanjer)', 'County (for county campaigns)')}
            value={values.countyCode}
            error={err('countyCode')}
            options={[
              { value: '', label: t('Inget län', 'No county') },
              ...countiesInScope(me)
                .filter((c) => scopeCoversRegion(me, { countyCode: c.code, municipalityCode: null }))
                .map((c) => ({ value: c.code, label: c.name })),
            ]}
          />
          <SelectField
            name="municipalityCode"
            label={t('Kommun (för lokala kampanjer)', 'Municipality (for local campaigns)')}
            value={values.municipalityCode}
            error={err('municipalityCode')}
            options={[{ value: '', label: t('Ingen kommun', 'No municipality') }, ...municipalityOptions(me)]}
          />
        </FieldGroup>
      ) : null}
      <ChoiceGroup
        name="languages"
        type="checkbox"
        inline
        legend={t('Språk', 'Languages')}
        hint={t(
          'Varje bildspel behöver en bild på varje språk, eller ett skäl till varför inte.',
          'Every slide needs artwork in each language, or a reason why not.',
        )}
        options={languageOptions(lang)}
        checked={values.languages}
        error={err('languages')}
      />
      <TextField
        name="audience"
        label={t('Målgrupper', 'Audiences')}
        value={values.audience}
        error={err('audience')}
        hint={t(
          'Kommaseparerade, till exempel "unga, föräldrar".',
          'Comma-separated, for example "young people, parents".',
        )}
      />
      <WindowFields
        prefix="airing"
        legend={t('När kampanjen visas', 'When the campaign airs')}
        values={values.airing}
        errors={errors}
        lang={lang}
        t={t}
        stored={props.stored?.airing}
      />
      <ChoiceGroup
        name="ordering.enabled"
        type="checkbox"
        legend={t('Beställning', 'Ordering')}
        options={[
          {
            value: 'yes',
            label: t('Material kan beställas under en period', 'Material can be ordered during a period'),
          },
        ]}
        checked={values.orderingEnabled ? ['yes'] : []}
      />
      <WindowFields
        prefix="ordering"
        legend={t('När material kan beställas', 'When material can be ordered')}
        hint={t('Används bara om beställning är ikryssad.', 'Used only when ordering is ticked.')}
        values={values.ordering}
        errors={errors}
        lang={lang}
        t={t}
        stored={props.stored?.ordering}
      />
      <p>
        <button type="submit">
          {props.creating ? t('Skapa utkast', 'Create draft') : t('Spara ändringar', 'Save changes')}
        </button>
      </p>
    </form>
  );
}
