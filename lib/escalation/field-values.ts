/**
 * The value of a vendor field in a draft: what the agent typed, or the draft property the field is
 * bound to (`fromDraft`) while the agent has typed nothing. Completeness and rendering both read
 * values through here so they always agree.
 */
import type { Draft } from './draft';
import type { DraftBinding, VendorField } from './vendor-profile';

/** The parts of a draft a field value can come from. */
export type DraftValues = Pick<
  Draft,
  'fields' | 'summary' | 'iccid' | 'subscriberName' | 'subscriberId' | 'portalUrl'
>;

/** True for an empty or whitespace-only value (a value of spaces is not an answer). */
export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function bound(draft: DraftValues, binding: DraftBinding): string {
  switch (binding) {
    case 'summary':
      return draft.summary;
    case 'iccid':
      return draft.iccid ?? '';
    case 'subscriberName':
      return draft.subscriberName ?? '';
    case 'subscriberId':
      return draft.subscriberId ?? '';
    case 'portalUrl':
      return draft.portalUrl ?? '';
  }
}

/**
 * The field's value in the draft, or `''`. A secret field always reads as `''`: drafts never hold
 * secrets (draft.ts), and if one slipped into `fields` it is ignored rather than passed on.
 */
export function fieldValue(field: VendorField, draft: DraftValues): string {
  if (field.kind === 'secret') return '';
  const own = draft.fields[field.id];
  if (!isBlank(own)) return own as string;
  if (field.fromDraft !== undefined) {
    const fromDraft = bound(draft, field.fromDraft);
    if (!isBlank(fromDraft)) return fromDraft;
  }
  return own ?? '';
}
