import type { SignedInUser } from '../../accounts/actor.js';
import type { AssetRow, RenditionRow } from '../../assets/assets-service.js';
import type { CampaignRow } from '../../campaigns/campaigns-service.js';
import { MIN_SLIDE_SECONDS, READING_WORDS_PER_SECOND } from '../../campaigns/publish-gate.js';
import type { FieldProblem } from '../../errors.js';
import { counties, countyByCode } from '../../regions/regions.js';
import type { GroupRow } from '../../screens/groups-service.js';
import type { SlideTargeting } from '../../slides/schema.js';
import {
  type NewSlide,
  NewSlideSchema,
  type SlidePatch,
  SlidePatchSchema,
} from '../../slides/slide-schemas.js';
import type { SlideDetails, SlideRefusal } from '../../slides/slides-service.js';
import { userMaySetDefault } from '../../slides/slide-targeting.js';
import { languageName } from '../components/labels.js';
import { errorFor, ErrorSummary, TextField } from '../forms.js';
import type { UiLanguage } from '../i18n.js';
import { thumbnailOf } from './campaign-overview.js';
import { type CoordinatorContext, Csrf } from './coordinator-layout.js';
import { ChoiceGroup, FieldGroup } from './fields.js';
import { commaList, formProblems, labelled, type PostedForm, wholeNumber } from './form-input.js';
import { assetLabel } from './gate-problems.js';
import {
  parseWindowValues,
  readWindowValues,
  WindowFields,
  windowLabels,
  type WindowFormValues,
  windowFormValues,
} from './window-form.js';

/** What the slide form holds, as the form shows it. */
export interface SlideFormValues {
  name: string;
  assetIds: string[];
  durationSeconds: string;
  windowEnabled: boolean;
  window: WindowFormValues;
  counties: string[];
  municipalities: string;
  groups: string[];
  tags: string;
  chains: string;
  orientation: string;
  fit: string;
  locked: boolean;
  position: string;
  isDefault: boolean;
}

/** The form values of a new slide or a stored one. */
export function slideFormValues(details: SlideDetails | null): SlideFormValues {
  const slide = details?.slide;
  const targeting = slide?.targeting ?? {};
  return {
    name: slide?.name ?? '',
    assetIds: details?.variants.map((variant) => variant.id) ?? [],
    durationSeconds: String(slide?.durationSeconds ?? 10),
    windowEnabled: Boolean(slide?.window),
    window: windowFormValues(slide?.window),
    counties: targeting.counties ?? [],
    municipalities: (targeting.municipalities ?? []).join(', '),
    groups: targeting.groups ?? [],
    tags: (targeting.tags ?? []).join(', '),
    chains: (targeting.chains ?? []).join(', '),
    orientation: targeting.orientation ?? '',
    fit: slide?.fit ?? 'contain',
    locked: slide?.locked ?? false,
    position: String(slide?.position ?? 0),
    isDefault: slide?.isDefault ?? false,
  };
}

/** Reads the posted slide form. */
export function readSlideForm(form: PostedForm): SlideFormValues {
  return {
    name: form.text('name'),
    assetIds: form.all('assetIds'),
    durationSeconds: form.text('durationSeconds'),
    windowEnabled: form.text('window.enabled') === 'yes',
    window: readWindowValues(form, 'window'),
    counties: form.all('targeting.counties'),
    municipalities: form.text('targeting.municipalities'),
    groups: form.all('targeting.groups'),
    tags: form.text('targeting.tags'),
    chains: form.text('targeting.chains'),
    orientation: form.text('targeting.orientation'),
    fit: form.text('fit') || 'contain',
    locked: form.text('locked') === 'yes',
    position: form.text('position'),
    isDefault: form.text('isDefault') === 'yes',
  };
}

function slideField(path: string[]): string {
  const [head, second] = path;
  if (head === 'targeting') return `targeting.${second ?? 'counties'}`;
  return head ?? 'form';
}

type Parsed<T> = { ok: true; input: T } | { ok: false; errors: FieldProblem[] };

/** The slide the form describes, checked by the API's own schema (new, or the full set of fields as a patch). */
export function parseSlideForm<Creating extends boolean>(
  values: SlideFormValues,
  creating: Creating,
  lang: UiLanguage,
): Parsed<Creating extends true ? NewSlide : SlidePatch> {
  const window = values.windowEnabled ? parseWindowValues(values.window, 'window', lang) : null;
  const targeting: SlideTargeting = {
    counties: values.counties,
    municipalities: commaList(values.municipalities),
    groups: values.groups,
    tags: commaList(values.tags),
    chains: commaList(values.chains),
    ...(values.orientation === 'landscape' || values.orientation === 'portrait'
      ? { orientation: values.orientation }
      : {}),
  };
  const candidate = {
    name: values.name,
    assetIds: values.assetIds,
    durationSeconds: wholeNumber(values.durationSeconds) ?? values.durationSeconds,
    window: window?.ok ? window.window : null,
    targeting,
    fit: values.fit,
    locked: values.locked,
    position: wholeNumber(values.position || '0') ?? values.position,
    isDefault: values.isDefault,
  };
  const parsed = (creating ? NewSlideSchema : SlidePatchSchema).safeParse(candidate);
  const errors = [
    ...(window && !window.ok ? window.errors : []),
    ...(parsed.success ? [] : formProblems(parsed.error, lang, slideField)),
  ];
  if (!parsed.success || errors.length) return { ok: false, errors };
  return { ok: true, input: parsed.data as Creating extends true ? NewSlide : SlidePatch };
}

/** A refusal of the slides service as a problem next to its field. */
export function slideRefusalProblem(result: SlideRefusal, lang: UiLanguage): FieldProblem {
  const sv = lang === 'sv';
  switch (result.reason) {
    case 'invalid_assets':
      return {
        field: 'assetIds',
        message: sv
          ? 'Välj bilder eller filmer som hör till kampanjen.'
          : 'Choose images or videos of the campaign.',
      };
    case 'invalid_default':
      return {
        field: 'isDefault',
        message: sv
          ? 'Bara nationella samordnare lägger nationella bildspel i grundslingan.'
          : 'Only national coordinators put national slides in the default loop.',
      };
    default:
      return {
        field: 'targeting.counties',
        message: sv
          ? `Målgruppen ligger utanför kampanjens område: ${result.detail}`
          : `The targeting lies outside the campaign's area: ${result.detail}`,
      };
  }
}

/** Where a slide shows, in words. */
export function targetingText(
  targeting: SlideTargeting,
  lang: UiLanguage,
  groups: ReadonlyArray<Pick<GroupRow, 'id' | 'name'>> = [],
): string {
  const sv = lang === 'sv';
  const parts = [
    ...(targeting.counties ?? []).map((code) => countyByCode(code)?.name ?? code),
    ...(targeting.municipalities?.length
      ? [`${sv ? 'kommuner' : 'municipalities'} ${targeting.municipalities.join(', ')}`]
      : []),
    ...(targeting.groups?.length
      ? [
          `${sv ? 'grupper' : 'groups'}: ${targeting.groups.map((id) => groups.find((g) => g.id === id)?.name ?? id.slice(0, 8)).join(', ')}`,
        ]
      : []),
    ...(targeting.tags?.length ? [`${sv ? 'taggar' : 'tags'}: ${targeting.tags.join(', ')}`] : []),
    ...(targeting.chains?.length ? [`${sv ? 'kedjor' : 'chains'}: ${targeting.chains.join(', ')}`] : []),
    ...(targeting.orientation
      ? [
          targeting.orientation === 'landscape'
            ? sv
              ? 'liggande skärmar'
              : 'landscape screens'
            : sv
              ? 'stående skärmar'
              : 'portrait screens',
        ]
      : []),
  ];
  return parts.length ? parts.join('; ') : sv ? 'alla skärmar' : 'all screens';
}

/** The slide form. */
export function SlideForm(props: {
  ctx: CoordinatorContext;
  me: SignedInUser;
  campaign: CampaignRow;
  assets: Array<AssetRow & { renditions: RenditionRow[] }>;
  groups: GroupRow[];
  action: string;
  values: SlideFormValues;
  errors: FieldProblem[];
  creating: boolean;
  storedWindow?: SlideDetails['slide']['window'];
}) {
  const { ctx, values, errors, campaign } = props;
  const { t, lang } = ctx;
  const err = (field: string) => errorFor(errors, field);
  const showable = props.assets.filter((asset) => asset.kind === 'image' || asset.kind === 'video');
  const countyChoices = campaign.tier === 'national' ? counties : [];
  return (
    <form method="post" action={props.action} class="stack" id="f-form" novalidate>
      <ErrorSummary
        lang={lang}
        errors={labelled(errors, {
          name: t('Namn', 'Name'),
          assetIds: t('Bilder', 'Artwork'),
          durationSeconds: t('Visningstid', 'Showing time'),
          position: t('Ordning', 'Order'),
          'targeting.counties': t('Län', 'Counties'),
          'targeting.municipalities': t('Kommunkoder', 'Municipality codes'),
          'targeting.tags': t('Taggar', 'Tags'),
          'targeting.chains': t('Butikskedjor', 'Store chains'),
          ...windowLabels('window', t('När bildspelet visas', 'When the slide shows'), t),
        })}
      />
      <Csrf page={ctx} />
      <TextField
        name="name"
        label={t('Namn', 'Name')}
        value={values.name}
        error={err('name')}
        hint={t(
          'Syns bara för samordnare, till exempel "Kvinnofridslinjen, stor bild".',
          'Seen only by coordinators, for example "Support line, large".',
        )}
        required
      />
      {showable.length ? (
        <ChoiceGroup
          name="assetIds"
          type="checkbox"
          legend={t('Bilder (en per språk och format)', 'Artwork (one per language and shape)')}
          hint={t(
            'Skärmen väljer bilden på sitt språk och i sitt format.',
            'Each screen picks the artwork in its language and shape.',
          )}
          checked={values.assetIds}
          error={err('assetIds')}
          options={showable.map((asset) => ({
            value: asset.id,
            image: thumbnailOf(asset),
            label: `${asset.title ? `${asset.title} (${languageName(asset.language, lang)})` : assetLabel(asset, lang)}, ${asset.width ?? '?'}×${asset.height ?? '?'}${asset.altText ? ` – ${asset.altText}` : ''}`,
          }))}
        />
      ) : (
        <p class="warning" id="f-assetIds">
          {t('Kampanjen har inga bilder än. ', 'The campaign has no artwork yet. ')}
          <a href={`/samordnare/kampanjer/${campaign.slug}/bilder/ny`}>
            {t('Ladda upp en bild först', 'Upload artwork first')}
          </a>
          .
        </p>
      )}
      <TextField
        name="durationSeconds"
        type="number"
        label={t('Visningstid i sekunder', 'Showing time in seconds')}
        value={values.durationSeconds}
        error={err('durationSeconds')}
        hint={t(
          `Minst ${MIN_SLIDE_SECONDS} sekunder, och en sekund per ${READING_WORDS_PER_SECOND} ord i alternativtexten.`,
          `At least ${MIN_SLIDE_SECONDS} seconds, and a second per ${READING_WORDS_PER_SECOND} words of alt text.`,
        )}
        inputmode="numeric"
        required
      />
      <ChoiceGroup
        name="window.enabled"
        type="checkbox"
        legend={t('Egen tid', 'Own timing')}
        options={[
          {
            value: 'yes',
            label: t(
              'Bildspelet har en egen period inom kampanjens',
              'The slide has its own period within the campaign’s',
            ),
          },
        ]}
        checked={values.windowEnabled ? ['yes'] : []}
      />
      <WindowFields
        prefix="window"
        legend={t('När bildspelet visas', 'When the slide shows')}
        hint={t(
          'Används bara om "egen tid" är ikryssad; annars gäller kampanjens period.',
          'Used only when "own timing" is ticked; otherwise the campaign’s period applies.',
        )}
        values={values.window}
        errors={errors}
        lang={lang}
        t={t}
        stored={props.storedWindow}
      />
      <FieldGroup
        legend={t('Var bildspelet visas', 'Where the slide shows')}
        hint={t(
          'Tomt betyder alla skärmar i kampanjens område.',
          'Empty means every screen in the campaign’s area.',
        )}
      >
        {countyChoices.length ? (
          <ChoiceGroup
            name="targeting.counties"
            type="checkbox"
            inline
            legend={t('Län', 'Counties')}
            checked={values.counties}
            error={err('targeting.counties')}
            options={countyChoices.map((county) => ({ value: county.code, label: county.name }))}
          />
        ) : null}
        {campaign.tier !== 'local' ? (
          <TextField
            name="targeting.municipalities"
            label={t('Kommunkoder', 'Municipality codes')}
            value={values.municipalities}
            error={err('targeting.municipalities')}
            hint={t(
              'Kommaseparerade, till exempel "1980, 1984".',
              'Comma-separated, for example "1980, 1984".',
            )}
            inputmode="numeric"
          />
        ) : null}
        {props.groups.length ? (
          <ChoiceGroup
            name="targeting.groups"
            type="checkbox"
            legend={t('Skärmgrupper', 'Screen groups')}
            checked={values.groups}
            error={err('targeting.groups')}
            options={props.groups.map((group) => ({ value: group.id, label: group.name }))}
          />
        ) : null}
        <TextField
          name="targeting.tags"
          label={t('Taggar', 'Tags')}
          value={values.tags}
          error={err('targeting.tags')}
          hint={t(
            'Kommaseparerade, till exempel "entre, kassa".',
            'Comma-separated, for example "entrance, checkout".',
          )}
        />
        <TextField
          name="targeting.chains"
          label={t('Butikskedjor', 'Store chains')}
          value={values.chains}
          error={err('targeting.chains')}
          hint={t('Kommaseparerade, till exempel "ica, coop".', 'Comma-separated, for example "ica, coop".')}
        />
        <ChoiceGroup
          name="targeting.orientation"
          type="radio"
          inline
          legend={t('Skärmens format', 'Screen shape')}
          checked={[values.orientation]}
          error={err('targeting.orientation')}
          options={[
            { value: '', label: t('Alla', 'Any') },
            { value: 'landscape', label: t('Liggande', 'Landscape') },
            { value: 'portrait', label: t('Stående', 'Portrait') },
          ]}
        />
      </FieldGroup>
      <ChoiceGroup
        name="fit"
        type="radio"
        inline
        legend={t('Passning', 'Fit')}
        checked={[values.fit]}
        error={err('fit')}
        options={[
          { value: 'contain', label: t('Visa hela bilden', 'Show all of it') },
          { value: 'cover', label: t('Fyll skärmen (beskär)', 'Fill the screen (crop)') },
        ]}
      />
      <TextField
        name="position"
        type="number"
        label={t('Ordning', 'Order')}
        value={values.position}
        error={err('position')}
        hint={t('Lägre nummer visas först inom samma nivå.', 'Lower numbers show first within a tier.')}
        inputmode="numeric"
      />
      <ChoiceGroup
        name="locked"
        type="checkbox"
        legend={t('Låsning', 'Locking')}
        checked={values.locked ? ['yes'] : []}
        options={[
          {
            value: 'yes',
            label: t(
              'Tas aldrig bort när slingan blir för lång',
              'Never dropped when the loop gets too long',
            ),
          },
        ]}
      />
      {userMaySetDefault(props.me, campaign) ? (
        <ChoiceGroup
          name="isDefault"
          type="checkbox"
          legend={t('Grundslinga', 'Default loop')}
          checked={values.isDefault ? ['yes'] : []}
          error={err('isDefault')}
          options={[
            {
              value: 'yes',
              label: t('Visas när inget annat är schemalagt', 'Shows when nothing else is scheduled'),
            },
          ]}
        />
      ) : null}
      <p>
        <button type="submit">
          {props.creating
            ? t('Skapa bildspelet', 'Create the slide')
            : t('Spara bildspelet', 'Save the slide')}
        </button>
      </p>
    </form>
  );
}
