/**
 * Plan catalog and verdicts (DESIGN §2, seed 001): which plan goes on which IMSI profile, whether
 * an Add plan / Add line is allowed, and where a plan is in its life. Pure functions over data.
 */
export {
  CatalogSchema,
  CountryCodeSchema,
  DEFAULT_VALIDITY_DAYS,
  PlanKindSchema,
  PlanSchema,
  type Catalog,
  type CatalogInput,
  type CatalogIssueCode,
  type Plan,
  type PlanInput,
  type PlanKind,
} from './schema';
export { EXAMPLE_CATALOG } from './example-catalog';
export {
  CSV_OPTIONAL_COLUMNS,
  CSV_REQUIRED_COLUMNS,
  MAX_CATALOG_FILE_CHARS,
  catalogToCsv,
  catalogToJson,
  formatIssuePath,
  parseCatalogCsv,
  parseCatalogJson,
  type CatalogCsvError,
  type CatalogCsvMeta,
  type CatalogCsvResult,
  type CatalogImportErrorCode,
  type CatalogJsonError,
  type CatalogJsonResult,
} from './io';
export {
  findPlan,
  normalisePlanName,
  searchPlans,
  type PlanMatchKind,
  type PlanSearchHit,
  type SearchPlansOptions,
} from './match';
export { foldSearchText } from './normalise';
export { countryName, knownCountryCodes, resolveCountries, type CountryMatch, type Lang } from './countries';
export {
  checkAddPlan,
  isEsimUsable,
  lineNameFor,
  placementsFor,
  type AddLineRemedy,
  type AddPlanCode,
  type AddPlanVerdict,
  type CheckAddPlanInput,
  type PlacementOptions,
  type Placements,
  type Remedy,
  type SubscriberWithEsims,
} from './compatibility';
export {
  checkAddLine,
  isUnlimitedAllPlan,
  type AddLineCode,
  type AddLineVerdict,
  type CheckAddLineInput,
} from './eligibility';
export {
  classifyPlanState,
  planLife,
  sortPlansNewestFirst,
  type PlanLife,
  type PlanLifeCode,
} from './plan-life';
