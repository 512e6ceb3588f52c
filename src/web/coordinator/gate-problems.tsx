import type { AssetRow } from '../../assets/assets-service.js';
import type { PublishProblem } from '../../campaigns/publish-gate.js';
import type { SlideRow } from '../../slides/slides-service.js';
import { languageName } from '../components/labels.js';
import { fieldId } from '../forms.js';
import type { UiLanguage } from '../i18n.js';
import type { Translate } from './coordinator-layout.js';

/**
 * Whether slides may lack a language given a recorded reason: every language but Swedish, the
 * one screens fall back to, which every slide must have.
 */
export function languageMayBeExempt(language: string): boolean {
  return language !== 'sv';
}

/** What an asset is called on the pages: its title, else its kind and language. */
export function assetLabel(asset: Pick<AssetRow, 'title' | 'kind' | 'language'>, lang: UiLanguage): string {
  if (asset.title) return asset.title;
  const kind = {
    image: { sv: 'Bild', en: 'Image' },
    video: { sv: 'Film', en: 'Video' },
    pdf: { sv: 'PDF', en: 'PDF' },
  }[asset.kind];
  return `${kind[lang]} (${languageName(asset.language, lang)})`;
}

/** One publish problem as a sentence and the links that fix it. */
function describe(
  problem: PublishProblem,
  context: GateContext,
): { text: string; fixes: Array<{ href: string; label: string }> } {
  const { t, lang } = context;
  if (problem.code === 'alt_text_missing') {
    const asset = context.assets.find((row) => row.id === problem.assetId);
    const name = asset ? assetLabel(asset, lang) : problem.assetId;
    return {
      text: t(
        `${name} saknar alternativtext på ${languageName(problem.language, lang)}.`,
        `${name} has no alt text in ${languageName(problem.language, lang)}.`,
      ),
      fixes: [
        {
          href: `/samordnare/bilder/${problem.assetId}#f-altText`,
          label: t(`Skriv alternativtext för ${name}`, `Write alt text for ${name}`),
        },
      ],
    };
  }
  const slide = context.slides.find((row) => row.id === problem.slideId);
  const name = slide?.name ?? problem.slideId;
  if (problem.code === 'language_variant_missing') {
    const language = languageName(problem.language, lang);
    return {
      text: t(
        `Bildspelet "${name}" har ingen bild på ${language}.`,
        `Slide "${name}" has no artwork in ${language}.`,
      ),
      fixes: [
        {
          href: `/samordnare/bildspel/${problem.slideId}#f-assetIds`,
          label: t(`Lägg till en bild på ${language} i "${name}"`, `Add artwork in ${language} to "${name}"`),
        },
        ...(languageMayBeExempt(problem.language)
          ? [
              {
                href: `/samordnare/kampanjer/${context.campaignSlug}#${fieldId(`exemption.${problem.language}`)}`,
                label: t(`eller skriv varför ${language} saknas`, `or say why ${language} is missing`),
              },
            ]
          : []),
      ],
    };
  }
  return {
    text: t(
      `Bildspelet "${name}" visas i ${problem.durationSeconds} sekunder men behöver minst ${problem.neededSeconds} för att texten (${problem.words} ord) ska hinna läsas.`,
      `Slide "${name}" shows for ${problem.durationSeconds} seconds but needs at least ${problem.neededSeconds} for its text (${problem.words} words) to be read.`,
    ),
    fixes: [
      {
        href: `/samordnare/bildspel/${problem.slideId}#f-durationSeconds`,
        label: t(`Ändra visningstiden för "${name}"`, `Change how long "${name}" shows`),
      },
    ],
  };
}

interface GateContext {
  t: Translate;
  lang: UiLanguage;
  campaignSlug: string;
  assets: ReadonlyArray<Pick<AssetRow, 'id' | 'title' | 'kind' | 'language'>>;
  slides: ReadonlyArray<Pick<SlideRow, 'id' | 'name'>>;
}

/**
 * The publish gate's problems, each with links to where it is fixed. After a refused publish it
 * is an alert with focus (an error summary); otherwise a plain list of what is left to do.
 */
export function GateProblems(props: GateContext & { problems: PublishProblem[]; refused: boolean }) {
  const { t } = props;
  if (props.problems.length === 0) return null;
  return (
    <div
      class={props.refused ? 'error-summary gate' : 'warning gate'}
      id="publiceringskontroll"
      {...(props.refused ? { role: 'alert', tabindex: -1, autofocus: true } : {})}
    >
      <h2>
        {props.refused
          ? t('Kampanjen kan inte publiceras än', 'The campaign cannot be published yet')
          : t('Innan kampanjen kan publiceras', 'Before the campaign can be published')}
      </h2>
      <ul>
        {props.problems.map((problem) => {
          const { text, fixes } = describe(problem, props);
          return (
            <li>
              {text}{' '}
              {fixes.map((fix, index) => (
                <>
                  {index > 0 ? ' ' : ''}
                  <a href={fix.href}>{fix.label}</a>
                  {index < fixes.length - 1 ? '' : '.'}
                </>
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
