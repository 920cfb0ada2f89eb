// Shared builders for the escalation tests.
import type { Draft } from '../../../lib/escalation/draft';
import { luhnCheckDigit } from '../../../lib/telecom/iccid';
import { getVendor } from '../../../lib/escalation/vendors';
import type { VendorProfile } from '../../../lib/escalation/vendor-profile';
import { readFileSync } from 'node:fs';
import { translatorFromMessages, type TicketTranslate } from '../../../lib/escalation/ticket-text';

/** A valid 20-digit ICCID (Luhn check digit computed, never invented in product code). */
export const VALID_ICCID = `8944500000000000001${luhnCheckDigit('8944500000000000001')}`;
/** The same ICCID with its last digit changed: fails the Luhn check. */
export const BAD_CHECK_ICCID = `${VALID_ICCID.slice(0, -1)}${(Number(VALID_ICCID.slice(-1)) + 1) % 10}`;

/** A draft with everything empty, overridable. */
export function makeDraft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: 'draft-1',
    vendorId: 'esim-go',
    status: 'open',
    iccid: null,
    subscriberId: null,
    subscriberName: null,
    portalUrl: null,
    summary: '',
    fields: {},
    problemKind: null,
    scope: null,
    priorityOverride: null,
    checklist: [],
    createdAt: '2025-03-28T10:00:00.000Z',
    updatedAt: '2025-03-28T10:00:00.000Z',
    handedOverAt: null,
    revision: 0,
    ...overrides,
  };
}

/** A built-in vendor that must exist. */
export function vendor(id: string): VendorProfile {
  const v = getVendor(id);
  if (!v) throw new Error(`no built-in vendor ${id}`);
  return v;
}

/** The ticket fragments of a locale, from the shipped public/_locales file (issue 16). */
export function ticketTranslator(locale: 'en' | 'fr'): TicketTranslate {
  const file = new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url);
  const tr = translatorFromMessages(JSON.parse(readFileSync(file, 'utf8')));
  if (!tr) throw new Error(`unreadable ${locale} messages`);
  return tr;
}
