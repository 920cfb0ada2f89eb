import { describe, expect, it } from 'vitest';
import { attachmentKind } from '../../../lib/evidence/attachments';
import { AttachmentMetaSchema } from '../../../lib/db/attachments-repo';

// Issue 17: seed 000 asks for "screenshots from your customers device" — a capture of the portal is not one.
describe('attachmentKind', () => {
  it.each([
    ['a stored kind wins', { name: 'portal-2025-01-01.png', type: 'image/png', kind: 'customer-screenshot' as const }, 'customer-screenshot'],
    ['old row: the portal capture name', { name: 'portal-2025-03-31T09-20-00.png', type: 'image/png' }, 'portal-capture'],
    ['old row: any other image is the customer\'s', { name: 'IMG_2041.jpeg', type: 'image/jpeg' }, 'customer-screenshot'],
    ['old row: not an image', { name: 'portal-notes.txt', type: 'text/plain' }, 'file'],
  ])('%s', (_name, row, kind) => {
    expect(attachmentKind(row)).toBe(kind);
  });

  it('reads rows written before kinds existed (no database version)', () => {
    const old = { id: 'a1', draftId: 'd1', name: 'portal-x.png', type: 'image/png', size: 3, createdAt: '2025-03-31T09:20:00.000Z' };
    const parsed = AttachmentMetaSchema.safeParse(old);
    expect(parsed.success).toBe(true);
    expect(parsed.success && attachmentKind(parsed.data)).toBe('portal-capture');
    expect(AttachmentMetaSchema.safeParse({ ...old, kind: 'selfie' }).success).toBe(false);
  });
});
