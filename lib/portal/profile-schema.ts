/**
 * Portal profiles: the declarative description of how to read one admin portal (DESIGN §3:
 * behaviour is data). A support lead writes one as JSON — mostly by the labels the portal shows
 * ("ICCID", "IMSI profile", the "eSIMs" heading) rather than by CSS — and the extraction engine
 * (`extract.ts`) follows it.
 *
 * This module holds the zod schema and is for the places where profiles are loaded (background,
 * options, import, tests). The content script must not import it at runtime: it only uses the
 * TypeScript types (`import type`), so zod stays out of its bundle.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseMatchPattern } from './match-pattern';

const MAX_SELECTOR = 500;
const MAX_LABEL = 100;

/** One label, or several alternatives (e.g. English and French: `["ICCID", "N° ICCID"]`). */
const LabelTextSchema = z.union([
  z.string().trim().min(1).max(MAX_LABEL),
  z.array(z.string().trim().min(1).max(MAX_LABEL)).min(1).max(10),
]);

const locatorShape = {
  /** A CSS selector, relative to the scope the rule is used in. */
  css: z.string().trim().min(1).max(MAX_SELECTOR).optional(),
  /**
   * The visible label next to the value, matched case- and space-insensitively with an optional
   * trailing colon: a `<th>` column header, a `<dt>`, a `<label>`, or an element whose own text is
   * the label (then its next sibling holds the value).
   */
  label: LabelTextSchema.optional(),
  /** Scope to the section after the heading (`h1`–`h6` or `role="heading"`) with this text. */
  heading: LabelTextSchema.optional(),
};

const atLeastOne = (v: { css?: unknown; label?: unknown; heading?: unknown }): boolean =>
  v.css !== undefined || v.label !== undefined || v.heading !== undefined;
const atLeastOneMessage = { message: 'Give at least one of "css", "label" or "heading".' };

/**
 * Where an element is: `{ css }`, `{ label }`, `{ heading }` or a combination (`{ heading: "eSIMs",
 * css: "tbody tr" }` = rows of the eSIMs section). A rows locator with only a heading takes the data
 * rows of the first table in that section (or its list items).
 */
export const LocatorSchema = z.object(locatorShape).strict().refine(atLeastOne, atLeastOneMessage);
/** See {@link LocatorSchema}. */
export type Locator = z.infer<typeof LocatorSchema>;

/** How the text of a value is read. Fields have a sensible default (ICCID fields parse as ICCID…). */
export const ValueParseSchema = z.enum(['text', 'iccid', 'int', 'date']);
/** See {@link ValueParseSchema}. */
export type ValueParse = z.infer<typeof ValueParseSchema>;

/** A locator for one value, plus how to read it. */
export const ValueRuleSchema = z
  .object({
    ...locatorShape,
    parse: ValueParseSchema.optional(),
    /** Read this attribute of the located element instead of its text (e.g. `data-iccid`). */
    attr: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,59}$/i, 'An attribute name: letters, digits, "-" or "_".')
      .optional(),
  })
  .strict()
  .refine(atLeastOne, atLeastOneMessage);
/** See {@link ValueRuleSchema}. */
export type ValueRule = z.infer<typeof ValueRuleSchema>;

/** A form control: by CSS inside the form, or by its label (`<label for>`, wrapping `<label>`, `aria-label`). */
export const FieldRuleSchema = z
  .object({ css: locatorShape.css, label: locatorShape.label })
  .strict()
  .refine((v) => v.css !== undefined || v.label !== undefined, { message: 'Give "css" or "label".' });
/** See {@link FieldRuleSchema}. */
export type FieldRule = z.infer<typeof FieldRuleSchema>;

/**
 * A portal form the guard watches. `form` by CSS, by heading (the form in that section), or by label
 * (its `aria-label`, `<legend>`, first heading, or the text of its submit button, e.g. "Add plan").
 */
export const FormRuleSchema = z
  .object({
    form: LocatorSchema,
    esimField: FieldRuleSchema.optional(),
    planField: FieldRuleSchema,
    lineNameField: FieldRuleSchema.optional(),
    /**
     * The Add line form's "Complimentary eSIM" checkbox (seed 001: a complimentary eSIM needs an
     * Unlimited All plan or one unlimited bundle per complimentary eSIM). The guard checks that rule
     * only when this box is ticked; a profile without this field gets no complimentary-eSIM check —
     * the label differs per portal and language, so it is data, never guessed.
     */
    complimentaryField: FieldRuleSchema.optional(),
    /** The submit control; by default the form's first submit button. */
    submit: LocatorSchema.optional(),
  })
  .strict();
/** See {@link FormRuleSchema}. */
export type FormRule = z.infer<typeof FormRuleSchema>;

/** A URL match pattern for a portal: a WebExtension match pattern, not broader than one site. */
const UrlPatternSchema = z
  .string()
  .max(500)
  .superRefine((value, ctx) => {
    const parsed = parseMatchPattern(value);
    if (!parsed.ok)
      ctx.addIssue({ code: 'custom', message: parsed.error.message, params: { code: parsed.error.code } });
  });

/** Plans shown on each eSIM (seed 001: an eSIM can hold many plans). */
export const PlanRulesSchema = z
  .object({
    rows: LocatorSchema,
    /**
     * Where plan rows are: `row` (default) inside each eSIM row/card; `following` after each eSIM row
     * up to the next one (detail rows under a table row); `page` anywhere, tied to an eSIM by the
     * `esimIccid` field.
     */
    within: z.enum(['row', 'following', 'page']).optional(),
    /** For `within: "page"`: the plan row's ICCID. */
    esimIccid: ValueRuleSchema.optional(),
    fields: z
      .object({
        name: ValueRuleSchema,
        region: ValueRuleSchema.optional(),
        state: ValueRuleSchema.optional(),
        activatedAt: ValueRuleSchema.optional(),
        expiresAt: ValueRuleSchema.optional(),
      })
      .strict(),
  })
  .strict()
  .refine((v) => v.within !== 'page' || v.esimIccid !== undefined, {
    message: 'Plans read from the whole page need "esimIccid" to tie each plan to its eSIM.',
    path: ['esimIccid'],
  });
/** See {@link PlanRulesSchema}. */
export type PlanRules = z.infer<typeof PlanRulesSchema>;

/** A portal profile (JSON). See the module comment. */
export const PortalProfileSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,99}$/,
        'Lower-case letters, digits and "-", starting with a letter or digit.',
      ),
    name: z.string().trim().min(1).max(100),
    version: z.number().int().min(1),
    /** Shipped with the extension (read-only in Options). */
    builtIn: z.boolean().optional(),
    urlPatterns: z.array(UrlPatternSchema).min(1).max(50),
    /** How to read all-numeric dates when day and month are ambiguous ("03/04/2025"). Default `dmy`. */
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
    /**
     * The IANA time zone the portal writes its dates in, e.g. "Europe/Paris" (issue 16). Dates without
     * an offset are read in it; absent = the agent's browser zone (the shell passes it in).
     */
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => IANAZone.isValidZone(tz), 'An IANA time zone, e.g. "Europe/Paris".')
      .optional(),
    subscriber: z
      .object({
        scope: LocatorSchema.optional(),
        fields: z
          .object({
            id: ValueRuleSchema.optional(),
            name: ValueRuleSchema.optional(),
            planType: ValueRuleSchema.optional(),
            unlimitedBundles: ValueRuleSchema.optional(),
            location: ValueRuleSchema.optional(),
          })
          .strict(),
      })
      .strict()
      .optional(),
    esims: z
      .object({
        rows: LocatorSchema,
        fields: z
          .object({
            lineName: ValueRuleSchema.optional(),
            iccid: ValueRuleSchema.optional(),
            imsiProfile: ValueRuleSchema.optional(),
            status: ValueRuleSchema.optional(),
          })
          .strict(),
        plans: PlanRulesSchema.optional(),
      })
      .strict()
      .optional(),
    forms: z
      .object({ addPlan: FormRuleSchema.optional(), addLine: FormRuleSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();
/** A validated portal profile. */
export type PortalProfile = z.infer<typeof PortalProfileSchema>;

/** The result of {@link parsePortalProfile}. */
export type PortalProfileResult =
  | { readonly ok: true; readonly profile: PortalProfile }
  | { readonly ok: false; readonly error: { readonly code: 'invalid-profile'; readonly message: string } };

/**
 * Validates an imported or stored profile. Never throws: the message names the first problems with
 * their path (`urlPatterns[0]: "<all_urls>" would read every site…`).
 */
export function parsePortalProfile(input: unknown): PortalProfileResult {
  const parsed = PortalProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const message = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('\n');
  return { ok: false, error: { code: 'invalid-profile', message } };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : (out === '' ? '' : '.') + String(key);
  return out === '' ? '(profile)' : out;
}
