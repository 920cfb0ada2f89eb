/**
 * The EXAMPLE plan catalog shipped as the default until a reseller imports its own.
 *
 * Only two facts here come from the source article (seed 001):
 * - "Our eSIMs have three different profiles: 2, 7 and 10" — the only profiles used below;
 * - "Euro 1" is on profile 7 ("assigning an Euro 1 plan to an eSIM the backend automatically
 *   assigns that plan to a profile 7 eSIM"), and an Asia plan is NOT on profile 7 ("if you tried
 *   adding an Asia plan to a profile 7 SIM, the admin portal will not let you do it").
 * Every other assignment (Asia → 10, Americas and Global → 2, European countries → 7), every data
 * allowance and every alias is illustrative. `exampleData: true` and the name say so, and the UI
 * must say so too: an agent must not trust this mapping for a real reseller.
 */
import { CatalogSchema, type Catalog, type CatalogInput } from './schema';

const EU_CORE = ['FR', 'DE', 'ES', 'IT', 'PT', 'NL', 'BE', 'LU', 'AT', 'IE', 'GR', 'GB', 'CH'];
const EU_WIDE = [
  ...EU_CORE,
  ...[
    'DK',
    'SE',
    'FI',
    'NO',
    'IS',
    'PL',
    'CZ',
    'SK',
    'HU',
    'SI',
    'HR',
    'RO',
    'BG',
    'EE',
    'LV',
    'LT',
    'MT',
    'CY',
  ],
];
const ASIA = ['JP', 'KR', 'TH', 'SG', 'MY', 'VN', 'ID', 'PH', 'HK', 'TW'];
const NORTH_AMERICA = ['US', 'CA', 'MX'];
const GLOBAL = [
  ...EU_WIDE,
  ...ASIA,
  ...NORTH_AMERICA,
  'AU',
  'NZ',
  'BR',
  'AR',
  'CL',
  'AE',
  'TR',
  'ZA',
  'IN',
  'MA',
];

const ILLUSTRATIVE = 'Illustrative profile assignment (example data).';

const input: CatalogInput = {
  name: 'Example catalog (illustrative — replace with your own)',
  version: '2025.1-example',
  exampleData: true,
  plans: [
    {
      id: 'euro-1',
      name: 'Euro 1',
      aliases: ['EURO-1 30 days', 'Europe 1'],
      region: 'Europe',
      countries: EU_CORE,
      imsiProfile: 7,
      dataAllowanceMb: 5120,
      notes: 'Profile 7 as stated in the admin-portal article (seed 001).',
    },
    {
      id: 'euro-2',
      name: 'Euro 2',
      aliases: ['EURO-2 30 days', 'Europe 2'],
      region: 'Europe',
      countries: EU_WIDE,
      imsiProfile: 7,
      dataAllowanceMb: 10240,
      notes: ILLUSTRATIVE,
    },
    {
      id: 'asia-1',
      name: 'Asia 1',
      aliases: ['ASIA-1 30 days', 'Asia Pacific 1'],
      region: 'Asia',
      countries: ASIA,
      imsiProfile: 10,
      dataAllowanceMb: 5120,
      notes: 'Not profile 7, as the article states; profile 10 itself is illustrative.',
    },
    {
      id: 'north-america-1',
      name: 'North America 1',
      aliases: ['NA-1 30 days', 'Americas 1'],
      region: 'North America',
      countries: NORTH_AMERICA,
      imsiProfile: 2,
      dataAllowanceMb: 5120,
      notes: ILLUSTRATIVE,
    },
    {
      id: 'global',
      name: 'Global',
      aliases: ['Global 1', 'World 1'],
      region: 'Global',
      countries: GLOBAL,
      imsiProfile: 2,
      dataAllowanceMb: 3072,
      notes: ILLUSTRATIVE,
    },
    single('japan', 'Japan', 'Asia', 'JP', 10, ['JP 30 days']),
    single('thailand', 'Thailand', 'Asia', 'TH', 10, ['TH 30 days']),
    single('usa', 'USA', 'North America', 'US', 2, ['United States', 'US 30 days']),
    single('canada', 'Canada', 'North America', 'CA', 2, ['CA 30 days']),
    single('france', 'France', 'Europe', 'FR', 7, ['FR 30 days']),
    single('spain', 'Spain', 'Europe', 'ES', 7, ['ES 30 days']),
    single('italy', 'Italy', 'Europe', 'IT', 7, ['IT 30 days']),
    single('united-kingdom', 'United Kingdom', 'Europe', 'GB', 7, ['UK', 'UK 30 days']),
    {
      id: 'unlimited-all',
      name: 'Unlimited All',
      // Issue 16: a French portal writes the same plan "Illimité Tout".
      aliases: ['Illimité Tout', 'Tout illimité'],
      region: 'Domestic',
      countries: [],
      imsiProfile: 2,
      dataAllowanceMb: null,
      unlimited: true,
      kind: 'domestic',
      notes:
        'Domestic plan that makes complimentary eSIMs possible (seed 001). Its profile is illustrative: it is not added to eSIMs.',
    },
    {
      id: 'unlimited-bundle',
      name: 'Unlimited bundle',
      aliases: ['Unlimited add-on'],
      region: 'Domestic',
      countries: [],
      imsiProfile: 2,
      dataAllowanceMb: null,
      unlimited: true,
      kind: 'bundle',
      notes: 'One per complimentary eSIM shared (seed 001). Its profile is illustrative.',
    },
  ],
};

function single(
  id: string,
  name: string,
  region: string,
  country: string,
  imsiProfile: number,
  aliases: string[],
): CatalogInput['plans'][number] {
  return {
    id,
    name,
    aliases,
    region,
    countries: [country],
    imsiProfile,
    dataAllowanceMb: 3072,
    notes: ILLUSTRATIVE,
  };
}

/**
 * The shipped example catalog, validated. Parsing at load means a broken edit here fails every
 * test that imports it, never a user. Treat it as read-only (copy before editing).
 */
export const EXAMPLE_CATALOG: Catalog = CatalogSchema.parse(input);
