/**
 * A small country-name table for the plan finder and for naming a new line after the destination
 * (seed 001: "When you name the line, use the name of the country they are traveling to").
 * English and French names (the seeds are in both), plus the everyday short forms agents type.
 * It covers the countries of the shipped example catalog and common travel destinations; a code
 * missing here still works everywhere by its ISO code.
 */
import { foldSearchText } from './normalise';

/** Languages the product ships (DESIGN §4: English and French). */
export type Lang = 'en' | 'fr';

interface CountryNames {
  readonly en: string;
  readonly fr: string;
  /** Other names or abbreviations a user may type (any language). */
  readonly also?: readonly string[];
}

const COUNTRIES: Readonly<Record<string, CountryNames>> = {
  AE: { en: 'United Arab Emirates', fr: 'Émirats arabes unis', also: ['UAE', 'EAU', 'Emirates'] },
  AR: { en: 'Argentina', fr: 'Argentine' },
  AT: { en: 'Austria', fr: 'Autriche' },
  AU: { en: 'Australia', fr: 'Australie' },
  BE: { en: 'Belgium', fr: 'Belgique' },
  BG: { en: 'Bulgaria', fr: 'Bulgarie' },
  BR: { en: 'Brazil', fr: 'Brésil' },
  CA: { en: 'Canada', fr: 'Canada' },
  CH: { en: 'Switzerland', fr: 'Suisse' },
  CL: { en: 'Chile', fr: 'Chili' },
  CN: { en: 'China', fr: 'Chine' },
  CO: { en: 'Colombia', fr: 'Colombie' },
  CY: { en: 'Cyprus', fr: 'Chypre' },
  CZ: { en: 'Czechia', fr: 'Tchéquie', also: ['Czech Republic', 'République tchèque'] },
  DE: { en: 'Germany', fr: 'Allemagne' },
  DK: { en: 'Denmark', fr: 'Danemark' },
  DO: { en: 'Dominican Republic', fr: 'République dominicaine' },
  EE: { en: 'Estonia', fr: 'Estonie' },
  EG: { en: 'Egypt', fr: 'Égypte' },
  ES: { en: 'Spain', fr: 'Espagne' },
  FI: { en: 'Finland', fr: 'Finlande' },
  FR: { en: 'France', fr: 'France' },
  GB: {
    en: 'United Kingdom',
    fr: 'Royaume-Uni',
    also: ['UK', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Angleterre', 'Grande-Bretagne'],
  },
  GR: { en: 'Greece', fr: 'Grèce' },
  HK: { en: 'Hong Kong', fr: 'Hong Kong' },
  HR: { en: 'Croatia', fr: 'Croatie' },
  HU: { en: 'Hungary', fr: 'Hongrie' },
  ID: { en: 'Indonesia', fr: 'Indonésie', also: ['Bali'] },
  IE: { en: 'Ireland', fr: 'Irlande' },
  IL: { en: 'Israel', fr: 'Israël' },
  IN: { en: 'India', fr: 'Inde' },
  IS: { en: 'Iceland', fr: 'Islande' },
  IT: { en: 'Italy', fr: 'Italie' },
  JP: { en: 'Japan', fr: 'Japon' },
  KR: { en: 'South Korea', fr: 'Corée du Sud', also: ['Korea', 'Corée'] },
  LT: { en: 'Lithuania', fr: 'Lituanie' },
  LU: { en: 'Luxembourg', fr: 'Luxembourg' },
  LV: { en: 'Latvia', fr: 'Lettonie' },
  MA: { en: 'Morocco', fr: 'Maroc' },
  MT: { en: 'Malta', fr: 'Malte' },
  MX: { en: 'Mexico', fr: 'Mexique' },
  MY: { en: 'Malaysia', fr: 'Malaisie' },
  NL: { en: 'Netherlands', fr: 'Pays-Bas', also: ['Holland', 'The Netherlands', 'Hollande'] },
  NO: { en: 'Norway', fr: 'Norvège' },
  NZ: { en: 'New Zealand', fr: 'Nouvelle-Zélande' },
  PE: { en: 'Peru', fr: 'Pérou' },
  PH: { en: 'Philippines', fr: 'Philippines' },
  PL: { en: 'Poland', fr: 'Pologne' },
  PT: { en: 'Portugal', fr: 'Portugal' },
  RO: { en: 'Romania', fr: 'Roumanie' },
  SA: { en: 'Saudi Arabia', fr: 'Arabie saoudite' },
  SE: { en: 'Sweden', fr: 'Suède' },
  SG: { en: 'Singapore', fr: 'Singapour' },
  SI: { en: 'Slovenia', fr: 'Slovénie' },
  SK: { en: 'Slovakia', fr: 'Slovaquie' },
  TH: { en: 'Thailand', fr: 'Thaïlande' },
  TR: { en: 'Türkiye', fr: 'Turquie', also: ['Turkey'] },
  TW: { en: 'Taiwan', fr: 'Taïwan' },
  US: {
    en: 'United States',
    fr: 'États-Unis',
    also: ['USA', 'US', 'United States of America', 'America', 'Amérique', 'EUA'],
  },
  VN: { en: 'Vietnam', fr: 'Viêt Nam', also: ['Viet Nam', 'Vietnam'] },
  ZA: { en: 'South Africa', fr: 'Afrique du Sud' },
};

/** Folded name → codes (a folded name is unique in this table except where noted by the test). */
const BY_NAME: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [code, names] of Object.entries(COUNTRIES)) {
    for (const n of [names.en, names.fr, ...(names.also ?? [])]) m.set(foldSearchText(n), code);
  }
  return m;
})();

/**
 * The country's name in `lang`, or undefined when the code is not in the table.
 * @example countryName('JP') // "Japan"; countryName('US', 'fr') // "États-Unis"
 */
export function countryName(code: string, lang: Lang = 'en'): string | undefined {
  return COUNTRIES[code.toUpperCase()]?.[lang];
}

/** Every ISO code the name table knows (for tests and for the Options page's pickers). */
export function knownCountryCodes(): string[] {
  return Object.keys(COUNTRIES);
}

/** How a query matched a country: the whole code or name, or the start of a name. */
export interface CountryMatch {
  readonly code: string;
  readonly how: 'code' | 'name' | 'name-prefix';
}

/**
 * Countries a free-text query designates: an ISO alpha-2 code (any case), an English or French
 * name or short form (case- and accent-insensitive), or — from 3 characters — the start of a name
 * ("jap" → JP). Exact matches come first. `extraCodes` lets codes outside the table (a custom
 * catalog's) still match by code.
 */
export function resolveCountries(query: string, extraCodes: Iterable<string> = []): CountryMatch[] {
  const folded = foldSearchText(query);
  if (folded === '') return [];
  const out: CountryMatch[] = [];
  const seen = new Set<string>();
  const push = (code: string, how: CountryMatch['how']): void => {
    if (!seen.has(code)) {
      seen.add(code);
      out.push({ code, how });
    }
  };
  const upper = folded.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) {
    const known = new Set([...Object.keys(COUNTRIES), ...extraCodes]);
    if (known.has(upper)) push(upper, 'code');
  }
  const exact = BY_NAME.get(folded);
  if (exact !== undefined) push(exact, 'name');
  if (folded.length >= 3) {
    for (const [name, code] of BY_NAME) {
      if (name.startsWith(folded) || name.split(' ').some((w) => w.startsWith(folded))) {
        push(code, 'name-prefix');
      }
    }
  }
  return out;
}
