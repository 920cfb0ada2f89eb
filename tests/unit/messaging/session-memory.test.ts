/**
 * Issue 20: the sidebar framed in the portal has no `storage.session`, `tabs` or
 * `runtime.openOptionsPage` in Firefox (w3c/webextensions#787), so the case checklist, a draft's
 * secrets and opening Options / the drafts tab go through the background. These run the real router
 * and sender check on WXT's fake browser, with the pages' typed client on the other end.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { createMessageClient } from '../../../lib/messaging/channel';
import { createRouter } from '../../../entrypoints/background/router';
import {
  sessionMemoryHandlers,
  type PageOpener,
} from '../../../entrypoints/background/handlers/session-memory';
import { captureHandlers } from '../../../entrypoints/background/handlers/capture';
import { pageUiHandlers } from '../../../entrypoints/background/handlers/page-ui';
import { portalHandlers } from '../../../entrypoints/background/handlers/portal';
import { settingsHandlers } from '../../../entrypoints/background/handlers/settings';
import { sidebarHandlers } from '../../../entrypoints/background/handlers/sidebar';
import { iccidLookupHandlers } from '../../../entrypoints/background/handlers/iccid-lookup';
import { teachHandlers } from '../../../entrypoints/background/handlers/teach';
import { createTabContexts } from '../../../lib/settings/tab-contexts';
import type { EvidenceCapture } from '../../../entrypoints/background/capture';
import type { SidebarPorts } from '../../../entrypoints/background/sidebar-ports';

const PORTAL = 'http://localhost:8080/demo-portal/subscriber.html';
const CASE = 'case-checklist:http://localhost:8080|subscriber:S-1001';
type Sender = Browser.runtime.MessageSender;
const sidebar = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidebar.html'),
  tab: { id: 3, url: PORTAL } as Browser.tabs.Tab,
  frameId: 7,
});
const content = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: PORTAL,
  tab: { id: 3, url: PORTAL } as Browser.tabs.Tab,
  frameId: 0,
});

function setup(from: () => Sender = sidebar) {
  const opened: string[] = [];
  const opener: PageOpener = {
    openOptions: async () => void opened.push('options'),
    openTab: async (url) => void opened.push(url),
  };
  const contexts = createTabContexts(fakeBrowser.storage.session);
  const sidebars = {} as SidebarPorts;
  const route = createRouter({
    ...portalHandlers({ contexts, sidebars }),
    ...sidebarHandlers({ contexts, sidebars }),
    ...iccidLookupHandlers({ contexts }),
    ...captureHandlers({} as EvidenceCapture),
    ...settingsHandlers(),
    ...pageUiHandlers(),
    ...sessionMemoryHandlers(fakeBrowser.storage.session, opener),
    ...teachHandlers(),
  });
  // Through JSON, as the browser carries messages.
  const send = createMessageClient(async (m) =>
    JSON.parse(JSON.stringify(await route(JSON.parse(JSON.stringify(m)), from()))),
  );
  return { send, opened };
}

beforeEach(() => fakeBrowser.reset());

describe('session memory in the background (issue 20)', () => {
  it('keeps the case ticks in storage.session and drops junk on the way out', async () => {
    const { send } = setup();
    expect(await send('get-case-checklist', { key: CASE })).toEqual({ ok: true, value: [] });
    expect(await send('set-case-checklist', { key: CASE, done: ['restarted', 'internet'] })).toEqual({
      ok: true,
      value: null,
    });
    expect(await send('get-case-checklist', { key: CASE })).toEqual({
      ok: true,
      value: ['restarted', 'internet'],
    });
    expect(await fakeBrowser.storage.session.get(CASE)).toEqual({ [CASE]: ['restarted', 'internet'] });
    await fakeBrowser.storage.session.set({ [CASE]: ['restarted', 42, 'x'.repeat(65)] });
    expect(await send('get-case-checklist', { key: CASE })).toEqual({ ok: true, value: ['restarted'] });
    // Only case keys: the background's other session keys (tab contexts, frame tokens) are out of reach.
    expect(await send('get-case-checklist', { key: 'sidebar-frame-token:3' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it("keeps a draft's secrets in session memory only, per draft, and forgets an emptied draft", async () => {
    const { send } = setup();
    expect(await send('get-ticket-secrets', { draftId: 'd-1' })).toEqual({ ok: true, value: {} });
    await send('set-ticket-secrets', { draftId: 'd-1', values: { credentials: 'CANARY-1' } });
    await send('set-ticket-secrets', { draftId: 'd-2', values: { credentials: 'CANARY-2' } });
    expect(await send('get-ticket-secrets', { draftId: 'd-1' })).toEqual({
      ok: true,
      value: { credentials: 'CANARY-1' },
    });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      'ticket-secrets:d-1': { credentials: 'CANARY-1' },
      'ticket-secrets:d-2': { credentials: 'CANARY-2' },
    });
    // Nothing of it in the persistent areas.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('CANARY');
    await send('set-ticket-secrets', { draftId: 'd-1', values: {} });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['ticket-secrets:d-2']);
    // A refused write names the field, never echoes the value.
    const tooLong = await send('set-ticket-secrets', {
      draftId: 'd-2',
      values: { credentials: 'CANARY-3'.padEnd(5000, '!') },
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(JSON.stringify(tooLong)).not.toContain('CANARY-3');
  });

  it('refuses the content script (the page can steer it): no secrets, no ticks, no pages', async () => {
    await fakeBrowser.storage.session.set({ 'ticket-secrets:d-1': { credentials: 'CANARY-1' } });
    const { send, opened } = setup(content);
    for (const reply of [
      await send('get-ticket-secrets', { draftId: 'd-1' }),
      await send('set-ticket-secrets', { draftId: 'd-1', values: {} }),
      await send('get-case-checklist', { key: CASE }),
      await send('open-extension-page', { page: 'drafts' }),
    ])
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({
      'ticket-secrets:d-1': { credentials: 'CANARY-1' },
    });
    expect(opened).toEqual([]);
  });

  it('opens Options or the drafts tab for a framed page', async () => {
    const { send, opened } = setup();
    expect(await send('open-extension-page', { page: 'options' })).toEqual({ ok: true, value: null });
    expect(await send('open-extension-page', { page: 'drafts' })).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['options', fakeBrowser.runtime.getURL('/drafts.html')]);
    expect(await send('open-extension-page', { page: 'settings' } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
