/**
 * What a draft still lacks for its vendor: each field present, missing or invalid (DESIGN §1: the
 * ticket shows what is still missing). Pure: the caller passes what evidence was captured and which
 * secrets the agent typed into session memory (secrets never live in the draft).
 */
import { DateTime } from 'luxon';
import { parseIccid } from '../telecom/iccid';
import type { Draft } from './draft';
import { fieldValue, isBlank } from './field-values';
import type { LocalizedText, VendorField, VendorProfile } from './vendor-profile';

/** Evidence captured for the draft (counts only: the files themselves live elsewhere). */
export interface EvidenceSummary {
  readonly screenshots: number;
  /** Tags of the captured screenshots, e.g. `esim-settings`, `networks`. */
  readonly screenshotTags?: readonly string[];
  readonly apiCalls: number;
}

/** The state of one field. */
export type FieldStatus = 'present' | 'missing' | 'invalid';

/**
 * Stable codes of {@link CompletenessItem.code}: `required` (a required field is empty), a
 * `parseIccid` error code prefixed `iccid-` (`iccid-checksum`…), `unknown-option`, `datetime`,
 * `screenshot-tags` (present, but some things the vendor wants to see are not tagged).
 */
export type CompletenessCode =
  'required' | `iccid-${string}` | 'unknown-option' | 'datetime' | 'screenshot-tags';

/** One line of the completeness report, in the vendor's field order. */
export interface CompletenessItem {
  readonly fieldId: string;
  readonly label: LocalizedText;
  readonly status: FieldStatus;
  readonly required: boolean;
  readonly code?: CompletenessCode;
  /** Plain English fallback; the UI translates `code`. */
  readonly message?: string;
  /** For `screenshot-tags`: the evidence tag ids no screenshot carries yet. */
  readonly missingTags?: readonly string[];
}

/** The whole report. `requiredPresent + requiredMissing === requiredTotal` (an invalid required field counts as missing). */
export interface CompletenessReport {
  readonly items: CompletenessItem[];
  readonly requiredTotal: number;
  readonly requiredPresent: number;
  readonly requiredMissing: number;
  /** Fields whose value is there but wrong (required or not). */
  readonly invalid: number;
  /** No required field missing and nothing invalid: the ticket can go. */
  readonly complete: boolean;
}

/** Input of {@link checkCompleteness}. */
export interface CompletenessInput {
  readonly draft: Pick<
    Draft,
    'fields' | 'summary' | 'iccid' | 'subscriberName' | 'subscriberId' | 'portalUrl'
  >;
  readonly vendor: VendorProfile;
  readonly evidence?: EvidenceSummary;
  /** Ids of secret fields the agent has typed (kept in session memory only). */
  readonly secretsPresent?: ReadonlySet<string>;
}

type Verdict = Omit<CompletenessItem, 'fieldId' | 'label' | 'required'>;

const PRESENT: Verdict = { status: 'present' };

function missing(field: VendorField): Verdict {
  return field.required
    ? { status: 'missing', code: 'required', message: 'This field is required.' }
    : { status: 'missing' };
}

function judge(field: VendorField, input: CompletenessInput): Verdict {
  const value = fieldValue(field, input.draft);
  switch (field.kind) {
    case 'secret':
      return input.secretsPresent?.has(field.id) ? PRESENT : missing(field);
    case 'evidence-screenshot': {
      const count = input.evidence?.screenshots ?? 0;
      if (count <= 0 && isBlank(value)) return missing(field);
      const tags = new Set(input.evidence?.screenshotTags ?? []);
      const missingTags = (field.evidenceTags ?? []).filter((t) => !tags.has(t.id)).map((t) => t.id);
      if (count > 0 && missingTags.length > 0) {
        return {
          status: 'present',
          code: 'screenshot-tags',
          message: `No screenshot shows yet: ${missingTags.join(', ')}.`,
          missingTags,
        };
      }
      return PRESENT;
    }
    case 'evidence-api':
      return (input.evidence?.apiCalls ?? 0) > 0 || !isBlank(value) ? PRESENT : missing(field);
    default:
      break;
  }
  if (isBlank(value)) return missing(field);
  switch (field.kind) {
    case 'iccid': {
      const parsed = parseIccid(value);
      return parsed.ok
        ? PRESENT
        : { status: 'invalid', code: `iccid-${parsed.error.code}`, message: parsed.error.message };
    }
    case 'select':
      return field.options?.some((o) => o.id === value.trim())
        ? PRESENT
        : { status: 'invalid', code: 'unknown-option', message: 'Choose one of the listed options.' };
    case 'datetime':
      return DateTime.fromISO(value.trim(), { setZone: true }).isValid
        ? PRESENT
        : { status: 'invalid', code: 'datetime', message: 'Enter a date and time.' };
    default:
      return PRESENT;
  }
}

/** Checks every field of the vendor's profile against the draft. See {@link CompletenessReport}. */
export function checkCompleteness(input: CompletenessInput): CompletenessReport {
  const items = input.vendor.fields.map((field): CompletenessItem => ({
    fieldId: field.id,
    label: field.label,
    required: field.required,
    ...judge(field, input),
  }));
  const required = items.filter((i) => i.required);
  const requiredPresent = required.filter((i) => i.status === 'present').length;
  const invalid = items.filter((i) => i.status === 'invalid').length;
  const requiredMissing = required.length - requiredPresent;
  return {
    items,
    requiredTotal: required.length,
    requiredPresent,
    requiredMissing,
    invalid,
    complete: requiredMissing === 0 && invalid === 0,
  };
}
