/** An open eSIM Go draft with nothing typed yet (revision 0): the starting point of the drafts tests. */
import type { Draft } from '../../../lib/escalation/draft';

export const blankDraft: Draft = {
  id: 'd-1',
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
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
  handedOverAt: null,
  revision: 0,
};
