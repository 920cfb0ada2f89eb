import { describe, expect, it } from 'vitest';
import { checkCompleteness, type EvidenceSummary } from '../../../lib/escalation/completeness';
import type { Draft } from '../../../lib/escalation/draft';
import { BAD_CHECK_ICCID, VALID_ICCID, makeDraft, vendor } from './helpers';

const COMPLETE_ESIM_GO = {
  iccid: VALID_ICCID,
  problem: 'No data since landing.',
  location: 'Lisbon, Portugal',
  device: 'iPhone 15',
  troubleshooting: '- Device restarted',
};

function itemOf(draft: Draft, fieldId: string, evidence?: EvidenceSummary, secrets?: Set<string>) {
  const v = vendor(draft.vendorId);
  const report = checkCompleteness({
    draft,
    vendor: v,
    ...(evidence ? { evidence } : {}),
    ...(secrets ? { secretsPresent: secrets } : {}),
  });
  const item = report.items.find((i) => i.fieldId === fieldId);
  if (!item) throw new Error(`no item ${fieldId}`);
  return item;
}

describe('checkCompleteness — eSIM Go', () => {
  it('reports a complete draft as complete, items in the vendor order', () => {
    const report = checkCompleteness({
      draft: makeDraft({ fields: COMPLETE_ESIM_GO }),
      vendor: vendor('esim-go'),
    });
    expect(report.items.map((i) => i.fieldId)).toEqual(vendor('esim-go').fields.map((f) => f.id));
    expect(report).toMatchObject({
      requiredTotal: 5,
      requiredPresent: 5,
      requiredMissing: 0,
      invalid: 0,
      complete: true,
    });
  });

  it('counts each missing required field, and optional ones do not block', () => {
    const report = checkCompleteness({
      draft: makeDraft({ fields: { device: 'Pixel 8' } }),
      vendor: vendor('esim-go'),
    });
    expect(report).toMatchObject({
      requiredTotal: 5,
      requiredPresent: 1,
      requiredMissing: 4,
      complete: false,
    });
    expect(report.items.find((i) => i.fieldId === 'location')).toMatchObject({
      status: 'missing',
      required: true,
      code: 'required',
    });
    expect(report.items.find((i) => i.fieldId === 'plans')).toMatchObject({
      status: 'missing',
      required: false,
    });
    expect(report.items.find((i) => i.fieldId === 'plans')?.code).toBeUndefined();
  });

  it.each<[string, Partial<Draft>, 'present' | 'missing' | 'invalid', string | undefined]>([
    ['absent', {}, 'missing', 'required'],
    ['empty', { fields: { iccid: '' } }, 'missing', 'required'],
    ['whitespace only', { fields: { iccid: ' \t\n ' } }, 'missing', 'required'],
    ['valid digits', { fields: { iccid: VALID_ICCID } }, 'present', undefined],
    [
      'valid, grouped with spaces',
      { fields: { iccid: VALID_ICCID.replace(/(\d{4})(?=\d)/g, '$1 ') } },
      'present',
      undefined,
    ],
    [
      'from the draft when the field is empty',
      { iccid: VALID_ICCID, fields: { iccid: '  ' } },
      'present',
      undefined,
    ],
    ['wrong check digit', { fields: { iccid: BAD_CHECK_ICCID } }, 'invalid', 'iccid-checksum'],
    ['too short', { fields: { iccid: '8944500000' } }, 'invalid', 'iccid-length'],
    ['letters', { fields: { iccid: '8944abc' } }, 'invalid', 'iccid-characters'],
    [
      'typed wrong, even with a good draft ICCID',
      { iccid: VALID_ICCID, fields: { iccid: BAD_CHECK_ICCID } },
      'invalid',
      'iccid-checksum',
    ],
  ])('ICCID %s → %s', (_what, overrides, status, code) => {
    const item = itemOf(makeDraft(overrides), 'iccid');
    expect(item.status).toBe(status);
    expect(item.code).toBe(code);
    if (status === 'invalid') expect(item.message).toMatch(/\w/);
  });

  it('treats whitespace-only text as missing in every text field', () => {
    for (const id of ['location', 'device', 'troubleshooting', 'problem']) {
      expect(itemOf(makeDraft({ fields: { ...COMPLETE_ESIM_GO, [id]: '  \u00a0\n' } }), id).status).toBe(
        'missing',
      );
    }
  });

  it('an invalid ICCID keeps the draft incomplete', () => {
    const report = checkCompleteness({
      draft: makeDraft({ fields: { ...COMPLETE_ESIM_GO, iccid: BAD_CHECK_ICCID } }),
      vendor: vendor('esim-go'),
    });
    expect(report).toMatchObject({ requiredPresent: 4, requiredMissing: 1, invalid: 1, complete: false });
  });

  it.each<[string, EvidenceSummary | undefined, string, 'present' | 'missing', string[] | undefined]>([
    ['no evidence', undefined, 'screenshots', 'missing', undefined],
    ['no screenshot', { screenshots: 0, apiCalls: 0 }, 'screenshots', 'missing', undefined],
    [
      'untagged screenshots',
      { screenshots: 2, apiCalls: 0 },
      'screenshots',
      'present',
      ['esim-settings', 'connected-networks'],
    ],
    [
      'settings only',
      { screenshots: 1, screenshotTags: ['esim-settings'], apiCalls: 0 },
      'screenshots',
      'present',
      ['connected-networks'],
    ],
    [
      'both shown',
      { screenshots: 2, screenshotTags: ['connected-networks', 'esim-settings'], apiCalls: 0 },
      'screenshots',
      'present',
      undefined,
    ],
    ['no API call', { screenshots: 0, apiCalls: 0 }, 'api-call', 'missing', undefined],
    ['one API call', { screenshots: 0, apiCalls: 1 }, 'api-call', 'present', undefined],
  ])('evidence: %s → %s is %s', (_what, evidence, fieldId, status, missingTags) => {
    const item = itemOf(makeDraft({ fields: COMPLETE_ESIM_GO }), fieldId, evidence);
    expect(item.status).toBe(status);
    expect(item.missingTags).toEqual(missingTags);
    expect(item.code).toBe(missingTags ? 'screenshot-tags' : undefined);
  });

  it('accepts API details pasted as text', () => {
    expect(itemOf(makeDraft({ fields: { 'api-call': 'GET /esims/… 200' } }), 'api-call').status).toBe(
      'present',
    );
  });
});

describe('checkCompleteness — Wildix', () => {
  const base = {
    vendorId: 'wildix',
    summary: 'Calls drop after 30 s',
    fields: { message: 'All outbound calls drop.', 'ticket-type': 'technical', pbx: 'acme-pbx' },
  };

  it('takes the subject from the draft summary, and is complete with the four mandatory fields', () => {
    const report = checkCompleteness({ draft: makeDraft(base), vendor: vendor('wildix') });
    expect(report.items.find((i) => i.fieldId === 'subject')?.status).toBe('present');
    expect(report).toMatchObject({ requiredTotal: 4, requiredMissing: 0, complete: true });
  });

  it.each([
    ['technical', 'present'],
    ['non-technical', 'present'],
    ['billing', 'invalid'],
    ['  ', 'missing'],
  ])('ticket type %j → %s', (type, status) => {
    expect(
      itemOf(makeDraft({ ...base, fields: { ...base.fields, 'ticket-type': type } }), 'ticket-type').status,
    ).toBe(status);
  });

  it.each([
    ['2025-03-28T17:50', 'present'],
    ['2025-03-28T17:50:00+01:00', 'present'],
    ['yesterday at 5', 'invalid'],
    ['', 'missing'],
  ])('call time %j → %s', (value, status) => {
    expect(
      itemOf(makeDraft({ ...base, fields: { ...base.fields, 'call-time': value } }), 'call-time').status,
    ).toBe(status);
  });

  it('an invalid optional field blocks completeness too', () => {
    const report = checkCompleteness({
      draft: makeDraft({ ...base, fields: { ...base.fields, 'call-time': 'soon' } }),
      vendor: vendor('wildix'),
    });
    expect(report).toMatchObject({ requiredMissing: 0, invalid: 1, complete: false });
  });

  it('knows a secret only from session memory, never from the draft', () => {
    const leaked = makeDraft({ ...base, fields: { ...base.fields, login: 'admin / hunter2' } });
    expect(itemOf(leaked, 'login').status).toBe('missing');
    expect(itemOf(makeDraft(base), 'login', undefined, new Set(['login'])).status).toBe('present');
  });
});

describe('checkCompleteness — Samsara', () => {
  it('needs the organisation for the subject format', () => {
    const item = itemOf(makeDraft({ vendorId: 'samsara', summary: 'Tracker offline' }), 'organisation');
    expect(item).toMatchObject({ status: 'missing', required: true });
  });
});
