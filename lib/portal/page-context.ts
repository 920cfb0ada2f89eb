/**
 * The subscriber and eSIM context read from a portal page: the one shape that flows
 * content script → background → sidebar (DESIGN §3). Every field a page can omit is optional;
 * everything is parsed with zod when it crosses a context boundary.
 */
import { z } from 'zod';

/** Short page-sourced strings are capped: a hostile page cannot make us carry megabytes. */
export const pageText = (max = 200) => z.string().max(max);

/** A plan shown on an eSIM in the portal (seed 001: one-off, activates on arrival, 30 days). */
export const PagePlanSchema = z.object({
  name: pageText(),
  region: pageText().optional(),
  /** As the portal shows it, e.g. "Active", "Pending activation", "Expired". */
  state: pageText(60).optional(),
  /** ISO 8601 date or date-time when the portal shows one. */
  activatedAt: pageText(40).optional(),
  expiresAt: pageText(40).optional(),
});
export type PagePlan = z.infer<typeof PagePlanSchema>;

/** One eSIM line of the subscriber. `iccid` is only set when it passed `parseIccid`. */
export const PageEsimSchema = z.object({
  lineName: pageText().optional(),
  iccid: z.string().regex(/^89\d{17,18}$/).optional(),
  /** The raw text when the page showed an ICCID that failed validation (reported, never used). */
  invalidIccid: pageText(60).optional(),
  /** IMSI profile number (seed 001: 2, 7 or 10 in that portal). */
  imsiProfile: z.number().int().nonnegative().max(9999).optional(),
  status: pageText(60).optional(),
  plans: z.array(PagePlanSchema).max(500).default([]),
});
export type PageEsim = z.infer<typeof PageEsimSchema>;

export const PageSubscriberSchema = z.object({
  id: pageText(100).optional(),
  name: pageText().optional(),
  /** Domestic plan type, e.g. "Unlimited All". */
  planType: pageText().optional(),
  /** Number of unlimited bundles the subscriber holds (seed 001 complimentary-eSIM rule). */
  unlimitedBundles: z.number().int().nonnegative().max(1000).optional(),
  location: pageText().optional(),
});
export type PageSubscriber = z.infer<typeof PageSubscriberSchema>;

/** What the Add plan / Add line guard saw or the agent decided on the page. */
export const GuardEventSchema = z.object({
  kind: z.enum(['blocked', 'override', 'warned', 'remedy-applied']),
  form: z.enum(['add-plan', 'add-line']),
  at: z.string().max(40),
  planName: pageText().optional(),
  iccid: z.string().max(20).optional(),
  reason: pageText(500),
});
export type GuardEvent = z.infer<typeof GuardEventSchema>;

export const PageContextSchema = z.object({
  url: z.string().max(2048),
  title: pageText(300).default(''),
  /** Id of the portal profile that read this page, or null for the generic scanner only. */
  portalId: z.string().max(100).nullable(),
  subscriber: PageSubscriberSchema.nullable(),
  esims: z.array(PageEsimSchema).max(200),
  /** Every valid ICCID found anywhere in the page text (generic scanner), unique, in page order. */
  iccids: z.array(z.string().regex(/^89\d{17,18}$/)).max(5000),
  guardEvents: z.array(GuardEventSchema).max(50).default([]),
  readAt: z.string().max(40),
  /**
   * True when the agent sees more than one subscriber on the page (issue 14): `subscriber` is then
   * the first one shown, the sidebar warns, and the guard stops Add plan / Add line with an
   * explanation instead of checking against the wrong person. Absent means one subscriber (or none).
   */
  ambiguous: z.boolean().optional(),
  /** The portal profile's time zone, when it names one (issue 16): dates without offset are in it. */
  timeZone: z.string().max(64).optional(),
});
export type PageContext = z.infer<typeof PageContextSchema>;
