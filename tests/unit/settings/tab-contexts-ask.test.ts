/**
 * Issue 15: a portal page is read only when someone needs it, so the background asks the tab for its
 * context; a valid answer is remembered, anything else falls back to what the tab sent last.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageContext } from '../../../lib/portal/page-context';
import { createTabContexts } from '../../../lib/settings/tab-contexts';

const context = (name: string): PageContext => ({
  url: 'http://127.0.0.1/portal/subscribers/S-1001',
  title: 'S-1001',
  portalId: 'demo-portal',
  subscriber: { id: 'S-1001', name },
  esims: [],
  iccids: [],
  guardEvents: [],
  readAt: '2026-11-30T10:00:00.000Z',
});

beforeEach(() => fakeBrowser.reset());

describe('tab contexts asked of the tab', () => {
  it('asks the tab, remembers its answer, and keeps it for a later failed ask', async () => {
    const ask = vi.fn().mockResolvedValueOnce(context('Amira Haddad')).mockResolvedValueOnce(undefined);
    const contexts = createTabContexts(fakeBrowser.storage.session, { ask });
    expect((await contexts.get(7))?.subscriber?.name).toBe('Amira Haddad');
    expect(ask).toHaveBeenCalledWith(7);
    // The tab does not answer now (navigated away, too slow): what it said last.
    expect((await contexts.get(7))?.subscriber?.name).toBe('Amira Haddad');
  });

  it('an answer that is not a page context is not taken; a rejected ask falls back too', async () => {
    const contexts = createTabContexts(fakeBrowser.storage.session, {
      ask: vi.fn().mockResolvedValueOnce({ url: 42 }).mockRejectedValueOnce(new Error('no receiver')),
    });
    await contexts.set(3, context('Old Name'));
    expect((await contexts.get(3))?.subscriber?.name).toBe('Old Name');
    expect((await contexts.get(3))?.subscriber?.name).toBe('Old Name');
    expect(await contexts.get(4)).toBeNull();
  });

  it('a fresher answer replaces what the tab sent before', async () => {
    const contexts = createTabContexts(fakeBrowser.storage.session, {
      ask: () => Promise.resolve(context('New Name')),
    });
    await contexts.set(5, context('Old Name'));
    expect((await contexts.get(5))?.subscriber?.name).toBe('New Name');
    expect((await contexts.remembered(5))?.subscriber?.name).toBe('New Name');
  });
});
