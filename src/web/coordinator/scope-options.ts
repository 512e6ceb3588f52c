import type { SignedInUser } from '../../accounts/actor.js';
import { scopeCoversRegion, scopeRegionOf } from '../../accounts/scope.js';
import { CONTENT_LANGUAGE_CODES } from '../../i18n/languages.js';
import { counties, countyByCode, municipalities, municipalityByCode } from '../../regions/regions.js';
import { languageName } from '../components/labels.js';
import type { UiLanguage } from '../i18n.js';
import type { Option } from './fields.js';

/** The counties whose screens and campaigns the user's scope covers. */
export function countiesInScope(user: SignedInUser) {
  const region = scopeRegionOf(user);
  return region ? counties.filter((county) => county.code === region.countyCode) : counties;
}

/** The county options of the user's scope (a municipal coordinator gets their own county). */
export function countyOptions(user: SignedInUser): Option[] {
  return countiesInScope(user).map((county) => ({
    value: county.code,
    label: `${county.name} (${county.code})`,
  }));
}

/** The municipality options of the user's scope, grouped by county. */
export function municipalityOptions(user: SignedInUser): Array<{ group: string; options: Option[] }> {
  return countiesInScope(user).flatMap((county) => {
    const options = municipalities
      .filter(
        (m) =>
          m.countyCode === county.code &&
          scopeCoversRegion(user, { countyCode: m.countyCode, municipalityCode: m.code }),
      )
      .map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }));
    return options.length ? [{ group: county.name, options }] : [];
  });
}

/** The content languages as options named in the interface language. */
export function languageOptions(lang: UiLanguage): Option[] {
  return CONTENT_LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code, lang) }));
}

/** Where something is, in words: "Västmanlands län", "Västerås (Västmanlands län)" or "hela landet". */
export function regionName(
  region: { countyCode: string | null; municipalityCode: string | null },
  lang: UiLanguage,
): string {
  if (region.municipalityCode) {
    const municipality = municipalityByCode(region.municipalityCode)?.name ?? region.municipalityCode;
    const county = countyByCode(region.municipalityCode.slice(0, 2))?.name;
    return county ? `${municipality} (${county})` : municipality;
  }
  if (region.countyCode) return countyByCode(region.countyCode)?.name ?? region.countyCode;
  return lang === 'sv' ? 'hela landet' : 'the whole country';
}
