/**
 * Vendor profiles: everything the product knows about one second-line vendor, as data (DESIGN §2–3:
 * behaviour is data). A profile says which fields a ticket has (required or not, help text, where a
 * value can be prefilled from), the vendor's priority scale with its definitions and examples, the
 * rubric that suggests a level from (problem kind, scope), the SLA clock, the subject format, the
 * ticket statuses and the vendor's rules. Built-in profiles live in `vendor-profiles/*.json`; support
 * leads can edit or import more, so every profile is validated with {@link VendorProfileSchema}.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import legacyAxes from './legacy-rubric-axes.json';
import { FollowUpProfileSchema } from './follow-up-profile';

/** The languages the product speaks (DESIGN §4: English and French, the seeds are in both). */
export const LocaleSchema = z.enum(['en', 'fr']);
/** See {@link LocaleSchema}. */
export type Locale = z.infer<typeof LocaleSchema>;

/** A product string in both languages. Both are required: the UI never shows a blank label. */
export const LocalizedTextSchema = z.strictObject({
  en: z.string().trim().min(1).max(2000),
  fr: z.string().trim().min(1).max(2000),
});
/** See {@link LocalizedTextSchema}. */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** Ids of fields, levels, rules, statuses: short kebab-case, stable across versions (drafts store them). */
export const ProfileIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'An id: lower-case letters, digits and "-", starting with a letter.');

/**
 * What a field holds. `iccid` is validated with `parseIccid`; `secret` (seed 002: login credentials) is
 * never stored, exported, logged or rendered; the two `evidence-*` kinds are satisfied by captured
 * screenshots / API calls as well as by text.
 */
export const FieldKindSchema = z.enum([
  'text',
  'textarea',
  'iccid',
  'select',
  'datetime',
  'secret',
  'evidence-screenshot',
  'evidence-api',
]);
/** See {@link FieldKindSchema}. */
export type FieldKind = z.infer<typeof FieldKindSchema>;

/**
 * Where a field's value can be prefilled from: the page context, the checklist, the agent's clock, the
 * captured evidence. A fixed vocabulary on purpose: there is no source for the device type (seed 000 asks
 * for it, and only the customer knows it — the agent's own browser says nothing about the customer's phone).
 */
export const PrefillSourceSchema = z.enum([
  'context.iccid',
  'context.subscriber.name',
  'context.subscriber.id',
  'context.location',
  'context.portalUrl',
  'context.esim.imsiProfile',
  'context.esim.plans',
  'checklist.done',
  'agent.now',
  'evidence.screenshots',
  'evidence.api',
]);
/** See {@link PrefillSourceSchema}. */
export type PrefillSource = z.infer<typeof PrefillSourceSchema>;

/**
 * A property of the draft itself that stands in for the field while the agent has not typed a value:
 * the one-line summary is the ticket subject, the draft's ICCID is the ICCID field.
 */
export const DraftBindingSchema = z.enum(['summary', 'iccid', 'subscriberName', 'subscriberId', 'portalUrl']);
/** See {@link DraftBindingSchema}. */
export type DraftBinding = z.infer<typeof DraftBindingSchema>;

/** One choice of a `select` field, or one thing a screenshot should show (`evidenceTags`). */
export const OptionSchema = z.strictObject({ id: ProfileIdSchema, label: LocalizedTextSchema });
/** See {@link OptionSchema}. */
export type FieldOption = z.infer<typeof OptionSchema>;

const uniqueIds = (items: ReadonlyArray<{ id: string }>): string | null => {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) return item.id;
    seen.add(item.id);
  }
  return null;
};

/** One field of the vendor's ticket form, in the order the vendor asks for it. */
export const VendorFieldSchema = z
  .strictObject({
    id: ProfileIdSchema,
    label: LocalizedTextSchema,
    kind: FieldKindSchema,
    required: z.boolean(),
    help: LocalizedTextSchema,
    /** The choices of a `select` field (and only of one). */
    options: z.array(OptionSchema).min(1).max(100).optional(),
    prefill: PrefillSourceSchema.optional(),
    fromDraft: DraftBindingSchema.optional(),
    /** For `evidence-screenshot`: what the screenshots should show (seed 000: eSIM settings, networks). */
    evidenceTags: z.array(OptionSchema).min(1).max(20).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.kind === 'select' && field.options === undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs options.' });
    }
    if (field.kind !== 'select' && field.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a select field has options.' });
    }
    if (field.options) {
      const dup = uniqueIds(field.options);
      if (dup)
        ctx.addIssue({ code: 'custom', path: ['options'], message: `Option id "${dup}" is repeated.` });
    }
    if (field.evidenceTags !== undefined && field.kind !== 'evidence-screenshot') {
      ctx.addIssue({
        code: 'custom',
        path: ['evidenceTags'],
        message: 'Only an evidence-screenshot field has evidence tags.',
      });
    }
    // DESIGN §2: a secret never comes from anywhere but the agent typing it into session memory.
    if (field.kind === 'secret' && (field.prefill !== undefined || field.fromDraft !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefill'],
        message: 'A secret field is never prefilled nor bound to the draft.',
      });
    }
  });
/** See {@link VendorFieldSchema}. */
export type VendorField = z.infer<typeof VendorFieldSchema>;

/** One level of the vendor's priority scale, with the vendor's own definition and examples. */
export const PriorityLevelSchema = z.strictObject({
  id: ProfileIdSchema,
  label: LocalizedTextSchema,
  definition: LocalizedTextSchema,
  examples: z.array(LocalizedTextSchema).max(30),
  /** What the agent must do for this level besides filing (e.g. seed 004: urgent cases go by phone). */
  note: LocalizedTextSchema.optional(),
});
/** See {@link PriorityLevelSchema}. */
export type PriorityLevel = z.infer<typeof PriorityLevelSchema>;

/**
 * One choice of a rubric axis (a problem kind, a scope, a severity), in the vendor's own words (issue 16:
 * Trackunit classifies by what happened, eSIM Go by who is affected and how badly). `replaces` lists the
 * ids of the fixed kinds and scopes drafts stored before profiles declared their own (question, install,
 * connectivity, topup, outage; one-user…everyone): an old draft's value resolves to the choice that
 * replaces it, or to nothing (the agent chooses again) — no database upgrade needed.
 */
export const AxisOptionSchema = z.strictObject({
  id: ProfileIdSchema,
  label: LocalizedTextSchema,
  replaces: z.array(ProfileIdSchema).min(1).max(20).optional(),
  /**
   * For a scope: how many ICCIDs an escalation covers when this scope is the one to suggest (issue 16:
   * three ICCIDs of one incident → several users). `max` absent = no upper bound.
   */
  iccidCount: z
    .strictObject({
      min: z.number().int().min(1).max(1000),
      max: z.number().int().min(1).max(1000).optional(),
    })
    .optional(),
});
/** See {@link AxisOptionSchema}. */
export type AxisOption = z.infer<typeof AxisOptionSchema>;

/**
 * What a profile that declares no problem kinds or scopes offers: the fixed lists every vendor had before
 * issue 16, so a profile a support lead imported earlier keeps validating and suggesting as before.
 */
export const LEGACY_RUBRIC_AXES: { problemKinds: AxisOption[]; scopes: AxisOption[] } = legacyAxes;

/**
 * One rule of the priority rubric. It matches when the draft's problem kind is one of `problemKinds`,
 * its scope one of `scopes` and its severity one of `severities` (an absent list matches anything, even
 * an unknown value). Ids are the profile's own axis ids. Rules are tried in order and the first match
 * wins; `sentence` quotes the vendor's rubric so the suggestion can say why (DESIGN §2: explainable).
 */
export const RubricRuleSchema = z.strictObject({
  id: ProfileIdSchema,
  when: z.strictObject({
    problemKinds: z.array(ProfileIdSchema).min(1).optional(),
    scopes: z.array(ProfileIdSchema).min(1).optional(),
    severities: z.array(ProfileIdSchema).min(1).optional(),
  }),
  levelId: ProfileIdSchema,
  sentence: LocalizedTextSchema,
});
/** See {@link RubricRuleSchema}. */
export type RubricRule = z.infer<typeof RubricRuleSchema>;

/** How fast the vendor answers a level. */
export const ResponseTargetSchema = z.discriminatedUnion('kind', [
  /** Wall-clock hours from submission, nights and weekends included (seed 000: within 24 hours). */
  z.strictObject({
    kind: z.literal('elapsed-hours'),
    hours: z
      .number()
      .positive()
      .max(24 * 366),
  }),
  /** Minutes counted only inside support hours on working days (seed 002: Critical, 30 minutes). */
  z.strictObject({
    kind: z.literal('business-minutes'),
    minutes: z
      .number()
      .int()
      .positive()
      .max(60 * 24 * 366),
  }),
  /** By the end of the support day, or of the next working day outside support hours (seed 002: Standard). */
  z.strictObject({ kind: z.literal('same-or-next-working-day') }),
]);
/** See {@link ResponseTargetSchema}. */
export type ResponseTarget = z.infer<typeof ResponseTargetSchema>;

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes since midnight of an `HH:mm` string already checked against the schema's pattern. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * When the vendor's support desk works, in its own time zone. `end` may be `24:00` (until midnight);
 * `workingDays` uses ISO weekdays, 1 = Monday … 7 = Sunday. Public holidays are not modelled.
 */
export const SupportHoursSchema = z
  .strictObject({
    timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'An IANA time zone, e.g. "Europe/Rome".'),
    start: z.string().regex(TIME_OF_DAY, 'A time "HH:mm".'),
    end: z.string().regex(TIME_OF_DAY, 'A time "HH:mm".'),
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  })
  .superRefine((hours, ctx) => {
    if (TIME_OF_DAY.test(hours.start) && TIME_OF_DAY.test(hours.end)) {
      if (minutesOfDay(hours.start) >= minutesOfDay(hours.end)) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'Support hours must end after they start.' });
      }
    }
    if (new Set(hours.workingDays).size !== hours.workingDays.length) {
      ctx.addIssue({ code: 'custom', path: ['workingDays'], message: 'A working day is repeated.' });
    }
  });
/** See {@link SupportHoursSchema}. */
export type SupportHours = z.infer<typeof SupportHoursSchema>;

/** The vendor's response commitments. A level without a target has no clock (the vendor states none). */
export const SlaSchema = z.strictObject({
  /** Level id → target. */
  responseTargets: z.record(ProfileIdSchema, ResponseTargetSchema),
  supportHours: SupportHoursSchema.optional(),
  /** Level id → what to do when filing outside support hours (seed 002: Critical → phone). */
  outsideHours: z.record(ProfileIdSchema, LocalizedTextSchema).optional(),
  /** Anything else the agent should know about the clock (what the target covers, 24/7 desk…). */
  note: LocalizedTextSchema.optional(),
});
/** See {@link SlaSchema}. */
export type Sla = z.infer<typeof SlaSchema>;

/** How a ticket reaches the vendor. Only channels the vendor documents are listed: none is invented. */
export const ChannelsSchema = z.strictObject({
  webFormUrl: z
    .url({ protocol: /^https$/ })
    .max(2048)
    .optional(),
  /** An address that accepts NEW tickets (seed 002: Wildix takes e-mail only for follow-ups, so none). */
  email: z.email().max(254).optional(),
  phone: z
    .strictObject({
      /** The number when the vendor publishes one; otherwise the note says where to find it. */
      number: z
        .string()
        .regex(/^\+?[0-9 ()./-]{3,40}$/)
        .optional(),
      note: LocalizedTextSchema,
    })
    .optional(),
  /** Chat or in-app messenger instructions (seed 003: Trackunit's messenger). */
  chat: LocalizedTextSchema.optional(),
  statusPageUrl: z
    .url({ protocol: /^https$/ })
    .max(2048)
    .optional(),
});
/** See {@link ChannelsSchema}. */
export type Channels = z.infer<typeof ChannelsSchema>;

/** A status the vendor's ticket can be in (seed 004: Open / Pending / On hold / Solved). */
export const TicketStatusSchema = z.strictObject({
  id: ProfileIdSchema,
  label: LocalizedTextSchema,
  note: LocalizedTextSchema.optional(),
  /** The vendor closes the ticket by itself after this many hours without a reply (seed 004: 72). */
  autoSolveAfterHours: z
    .number()
    .positive()
    .max(24 * 366)
    .optional(),
});
/** See {@link TicketStatusSchema}. */
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** A rule of the vendor's process the agent must follow (seed 002: closed tickets are never reopened). */
export const VendorRuleSchema = z.strictObject({ id: ProfileIdSchema, text: LocalizedTextSchema });
/** See {@link VendorRuleSchema}. */
export type VendorRule = z.infer<typeof VendorRuleSchema>;

/** Placeholders the subject template may use besides the profile's own (non-secret) field ids. */
export const SUBJECT_BUILT_INS = ['subject', 'iccid', 'vendor', 'priority'] as const;

const PLACEHOLDER = /\{([a-z][a-z0-9-]{0,63})\}/g;

/** The placeholder names in a subject template, in order (`"{organisation} - {subject}"` → both). */
export function templatePlaceholders(template: string): string[] {
  return Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] as string);
}

/** Replaces every `{name}` of a template in one pass with `resolve(name)`. */
export function fillTemplate(template: string, resolve: (name: string) => string): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => resolve(name));
}

/** The vendor's ticket number format, e.g. seed 004: Samsara's unique 6-digit numbers. */
export const TicketNumberSchema = z
  .strictObject({
    pattern: z.string().min(1).max(200),
    example: z.string().min(1).max(100),
  })
  .superRefine((tn, ctx) => {
    let re: RegExp;
    try {
      re = new RegExp(tn.pattern);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Not a valid regular expression.' });
      return;
    }
    if (!re.test(tn.example)) {
      ctx.addIssue({ code: 'custom', path: ['example'], message: 'The example does not match the pattern.' });
    }
  });

/** A whole vendor profile. See the module comment. */
export const VendorProfileSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: ProfileIdSchema,
    name: z.string().trim().min(1).max(100),
    /**
     * The name as the agent reads it, when it is words rather than a brand (issue 16 §5: "Other vendor"
     * is "Autre fournisseur" on a French screen). Absent: `name` in every language.
     */
    displayName: LocalizedTextSchema.optional(),
    /** The vendor new drafts go to when nothing else is chosen (seed 000: eSIM Go). */
    default: z.boolean().optional(),
    /** Languages the vendor's support reads, preferred first (ISO 639-1). */
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/))
      .min(1)
      .max(10),
    channels: ChannelsSchema,
    fields: z.array(VendorFieldSchema).min(1).max(60),
    priority: z.strictObject({
      levels: z.array(PriorityLevelSchema).min(1).max(10),
      /** The vendor's problem kinds, in its words; absent = {@link LEGACY_RUBRIC_AXES}. */
      problemKinds: z.array(AxisOptionSchema).min(1).max(60).optional(),
      /** Who is affected, as the vendor's rubric tells it apart; absent = {@link LEGACY_RUBRIC_AXES}. */
      scopes: z.array(AxisOptionSchema).min(1).max(20).optional(),
      /** How badly, when the rubric needs it (seed 000: minor issues vs loss of connectivity). */
      severities: z.array(AxisOptionSchema).min(1).max(20).optional(),
      rubric: z.array(RubricRuleSchema).max(100),
    }),
    sla: SlaSchema,
    /** E.g. seed 004: `"{organisation} - {subject}"`. See {@link SUBJECT_BUILT_INS}. */
    subjectTemplate: z.string().trim().min(1).max(300),
    statuses: z.array(TicketStatusSchema).max(20),
    ticketNumber: TicketNumberSchema.optional(),
    rules: z.array(VendorRuleSchema).max(50),
    /** After hand-over: statuses, clocks, follow-ups (issue 18, follow-up-profile.ts). */
    followUp: FollowUpProfileSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const dupField = uniqueIds(p.fields);
    if (dupField)
      ctx.addIssue({ code: 'custom', path: ['fields'], message: `Field id "${dupField}" is repeated.` });
    const levels = new Set(p.priority.levels.map((l) => l.id));
    const dupLevel = uniqueIds(p.priority.levels);
    if (dupLevel) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority', 'levels'],
        message: `Level id "${dupLevel}" is repeated.`,
      });
    }
    const dupRule = uniqueIds(p.priority.rubric);
    if (dupRule) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority', 'rubric'],
        message: `Rule id "${dupRule}" is repeated.`,
      });
    }
    const axes = {
      problemKinds: p.priority.problemKinds ?? LEGACY_RUBRIC_AXES.problemKinds,
      scopes: p.priority.scopes ?? LEGACY_RUBRIC_AXES.scopes,
      severities: p.priority.severities ?? [],
    };
    for (const [axis, options] of Object.entries(axes)) {
      const dup = uniqueIds(options);
      if (dup)
        ctx.addIssue({ code: 'custom', path: ['priority', axis], message: `Id "${dup}" is repeated.` });
    }
    p.priority.rubric.forEach((rule, i) => {
      for (const axis of ['problemKinds', 'scopes', 'severities'] as const) {
        const known = new Set(axes[axis].map((o) => o.id));
        for (const id of rule.when[axis] ?? []) {
          if (!known.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['priority', 'rubric', i, 'when', axis],
              message: `No ${axis} choice "${id}" in this profile.`,
            });
          }
        }
      }
      if (!levels.has(rule.levelId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['priority', 'rubric', i, 'levelId'],
          message: `No priority level "${rule.levelId}".`,
        });
      }
    });
    for (const [levelId, target] of Object.entries(p.sla.responseTargets)) {
      if (!levels.has(levelId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sla', 'responseTargets', levelId],
          message: `No priority level "${levelId}".`,
        });
      }
      if (target.kind !== 'elapsed-hours' && p.sla.supportHours === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sla', 'responseTargets', levelId],
          message: `A "${target.kind}" target needs sla.supportHours.`,
        });
      }
    }
    for (const levelId of Object.keys(p.sla.outsideHours ?? {})) {
      if (!levels.has(levelId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sla', 'outsideHours', levelId],
          message: `No priority level "${levelId}".`,
        });
      }
    }
    for (const key of ['statuses', 'rules'] as const) {
      const dup = uniqueIds(p[key]);
      if (dup) ctx.addIssue({ code: 'custom', path: [key], message: `Id "${dup}" is repeated.` });
    }
    // A placeholder names a built-in or a field; never a secret, so a subject cannot leak one.
    const fields = new Map(p.fields.map((f) => [f.id, f]));
    for (const name of templatePlaceholders(p.subjectTemplate)) {
      const field = fields.get(name);
      if (field?.kind === 'secret') {
        ctx.addIssue({
          code: 'custom',
          path: ['subjectTemplate'],
          message: `"{${name}}" is a secret field.`,
        });
      } else if (!field && !(SUBJECT_BUILT_INS as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subjectTemplate'],
          message: `Unknown placeholder "{${name}}".`,
        });
      }
    }
  });
/** See {@link VendorProfileSchema}. */
export type VendorProfile = z.infer<typeof VendorProfileSchema>;

/** Picks the text of a {@link LocalizedText} for a locale. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/**
 * The vendor's name as the agent reads it: its display name in `locale` when it has one (issue 16 §5:
 * the generic vendor is "Autre fournisseur" in French), else the profile's `name` (a brand).
 */
export function vendorDisplayName(
  vendor: Pick<VendorProfile, 'name' | 'displayName'>,
  locale: string,
): string {
  // The display name translates `name`: a profile copied and renamed (an agent's "Acme Telecom" made from
  // the generic profile) keeps a stale translation of the old name, so its own name wins.
  if (!vendor.displayName || vendor.displayName.en !== vendor.name) return vendor.name;
  return locale === 'fr' ? vendor.displayName.fr : vendor.displayName.en;
}
