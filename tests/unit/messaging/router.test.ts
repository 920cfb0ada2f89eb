/**
 * The background's router over the message registry (issue 13 part 3, issue 12 part 4): each type reaches
 * its handler; an unknown type, a refused sender or a malformed message gets a typed error, reaches no
 * handler and changes nothing. Runs the real router and sender check on WXT's fake browser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { createMessageClient, type Handlers } from '../../../lib/messaging/channel';
import { BACKGROUND_MESSAGES, type MessageType, type RequestOf } from '../../../lib/messaging/registry';
import type { PageContext } from '../../../lib/portal/page-context';
import { createTabContexts } from '../../../lib/settings/tab-contexts';
import { createRouter, type HandlerContext } from '../../../entrypoints/background/router';
import { portalHandlers } from '../../../entrypoints/background/handlers/portal';
import { sidebarHandlers } from '../../../entrypoints/background/handlers/sidebar';
import { iccidLookupHandlers } from '../../../entrypoints/background/handlers/iccid-lookup';
import { captureHandlers } from '../../../entrypoints/background/handlers/capture';
import { pageUiHandlers } from '../../../entrypoints/background/handlers/page-ui';
import { settingsHandlers } from '../../../entrypoints/background/handlers/settings';
import { sessionMemoryHandlers } from '../../../entrypoints/background/handlers/session-memory';
import { teachHandlers } from '../../../entrypoints/background/handlers/teach';
import type { EvidenceCapture } from '../../../entrypoints/background/capture';
import type { SidebarPorts } from '../../../entrypoints/background/sidebar-ports';

type Sender = Browser.runtime.MessageSender;
const PORTAL = 'http://localhost:8080/demo-portal/subscriber.html';
const ext = () => fakeBrowser.runtime.id;
const senders = {
  popup: (): Sender => ({ id: ext(), url: fakeBrowser.runtime.getURL('/popup.html') }),
  sidebar: (): Sender => ({ id: ext(), url: fakeBrowser.runtime.getURL('/sidebar.html'), tab: { id: 3, url: PORTAL } as Browser.tabs.Tab, frameId: 7 }),
  content: (): Sender => ({ id: ext(), url: PORTAL, tab: { id: 3, url: PORTAL } as Browser.tabs.Tab, frameId: 0 }),
};

const context: PageContext = {
  url: PORTAL,
  title: 'S-1001',
  portalId: 'demo-portal',
  subscriber: null,
  esims: [],
  iccids: [],
  guardEvents: [],
  readAt: '2026-11-20T10:00:00.000Z',
};

/** Issue 19: a portal profile the agent taught. */
const taughtProfile = { id: 'taught-x', name: 'X', version: 1, urlPatterns: ['https://x.example/*'] };

/** One valid request per type, and who sends it. */
const samples: { [T in MessageType]: [keyof typeof senders, RequestOf<T>] } = {
  'page-context': ['content', { context }],
  'escalate-iccid': ['content', { iccid: '89445000200000077765' }],
  'load-guard': ['content', {}],
  'page-hides-ui': ['content', { part: 'dialog', hidden: true }],
  'register-sidebar-frame': ['content', { token: 'abcdefghijklmnopqrstuv' }],
  'sidebar-state': ['content', { open: true }],
  'captured-call': ['content', { channel: 'channel-0001', call: { method: 'GET' } }],
  'capture-heartbeat': ['content', { channel: 'channel-0001', intact: true, hidden: false }],
  'close-sidebar': ['sidebar', {}],
  'dock-sidebar': ['sidebar', { side: 'left' }],
  'teach-guess': ['sidebar', {}],
  'teach-point': ['sidebar', { key: 'esims.iccid', prompt: 'Click the ICCID' }],
  'teach-cancel': ['sidebar', {}],
  'teach-save': ['sidebar', { profile: taughtProfile }],
  'claim-sidebar-frame': ['sidebar', { token: 'abcdefghijklmnopqrstuv' }],
  'get-tab-context': ['popup', { tabId: 3 }],
  'find-iccid-context': ['popup', { iccid: '89445000200000077765' }],
  'open-sidebar': ['popup', { tabId: 3, draftId: 'd-1' }],
  'portals-changed': ['popup', {}],
  'capture-tab': ['sidebar', { mask: true }],
  'capture-start': ['sidebar', { hosts: ['api.example.com'] }],
  'capture-stop': ['sidebar', {}],
  'capture-status': ['sidebar', {}],
  'list-captured-calls': ['popup', { portalUrl: PORTAL }],
  'get-case-checklist': ['sidebar', { key: 'case-checklist:http://localhost:8080|subscriber:S-1001' }],
  'set-case-checklist': ['sidebar', { key: 'case-checklist:http://localhost:8080|subscriber:S-1001', done: ['restarted'] }],
  'get-ticket-secrets': ['sidebar', { draftId: 'd-1' }],
  'set-ticket-secrets': ['popup', { draftId: 'd-1', values: { credentials: 'x' } }],
  'open-extension-page': ['sidebar', { page: 'options' }],
};

/** Spy handlers that answer a valid reply for each type. */
function spyHandlers() {
  const status = { recording: false, hosts: [] };
  const replies: { [T in MessageType]: unknown } = {
    'page-context': null,
    'escalate-iccid': { draftId: 'd-1' },
    'load-guard': null,
    'sidebar-state': null,
    'page-hides-ui': null,
    'register-sidebar-frame': null,
    'claim-sidebar-frame': { claimed: false },
    'captured-call': { kept: true },
    'capture-heartbeat': null,
    'close-sidebar': null,
    'dock-sidebar': null,
    'get-tab-context': context,
    'find-iccid-context': null,
    'open-sidebar': { opened: true },
    'portals-changed': ['http://localhost/*'],
    'capture-tab': { dataUrl: 'data:image/png;base64,AAAA', masked: 0 },
    'capture-start': status,
    'capture-stop': status,
    'capture-status': status,
    'list-captured-calls': [],
    'get-case-checklist': ['restarted'],
    'set-case-checklist': null,
    'get-ticket-secrets': { credentials: 'x' },
    'set-ticket-secrets': null,
    'open-extension-page': null,
    'teach-guess': { profile: taughtProfile, items: [] },
    'teach-point': null,
    'teach-cancel': null,
    'teach-save': { saved: true },
  };
  const calls: Array<{ type: string; request: unknown; ctx: HandlerContext }> = [];
  const handlers = Object.fromEntries(
    (Object.keys(BACKGROUND_MESSAGES) as MessageType[]).map((type) => [
      type,
      vi.fn(async (request: unknown, ctx: HandlerContext) => {
        calls.push({ type, request, ctx });
        return replies[type];
      }),
    ]),
  ) as unknown as Handlers<HandlerContext>;
  return { handlers, calls };
}

beforeEach(() => fakeBrowser.reset());

describe('the background router', () => {
  it('hands each message type to its handler, parsed, and answers with a reply', async () => {
    const { handlers, calls } = spyHandlers();
    const route = createRouter(handlers);
    for (const [type, [from, request]] of Object.entries(samples)) {
      const reply = await route({ type, ...request }, senders[from as keyof typeof senders]());
      expect(reply, type).toMatchObject({ ok: true });
      expect(calls.at(-1)?.type).toBe(type);
    }
    expect(calls.map((c) => c.type)).toEqual(Object.keys(BACKGROUND_MESSAGES));
    // The sender was classified once, for the handler: the sidebar frame of portal tab 3.
    expect(calls.find((c) => c.type === 'close-sidebar')?.ctx.sender).toMatchObject({ kind: 'sidebar', tabId: 3 });
  });

  it('the typed client gets the reply parsed with the registry reply schema', async () => {
    const { handlers } = spyHandlers();
    const route = createRouter(handlers);
    // Through JSON, as Chrome carries messages.
    const send = createMessageClient(async (m) => JSON.parse(JSON.stringify(await route(JSON.parse(JSON.stringify(m)), senders.popup()))));
    const opened = await send('open-sidebar', { tabId: 3 });
    expect(opened).toEqual({ ok: true, value: { opened: true } });
    const ctx = await send('get-tab-context', { tabId: 3 });
    expect(ctx.ok && ctx.value?.portalId).toBe('demo-portal');
    // A reply that does not match its schema is a typed error, not a value.
    const lying = createMessageClient(async () => ({ ok: true, value: { opened: 'yes' } }));
    expect(await lying('open-sidebar', { tabId: 3 })).toMatchObject({ ok: false, error: { code: 'bad-reply' } });
    // No background at all (transport rejects) or no answer: typed errors too.
    const gone = createMessageClient(() => Promise.reject(new Error('Receiving end does not exist.')));
    expect(await gone('portals-changed', {})).toMatchObject({ ok: false, error: { code: 'no-reply' } });
    const silent = createMessageClient(async () => undefined);
    expect(await silent('portals-changed', {})).toMatchObject({ ok: false, error: { code: 'no-reply' } });
  });

  it('answers an unknown type with a typed error and calls nothing', async () => {
    const { handlers, calls } = spyHandlers();
    const route = createRouter(handlers);
    for (const type of ['delete-all-drafts', 'toString', '__proto__', 'constructor'])
      expect(await route({ type }, senders.popup())).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect(calls).toEqual([]);
  });

  it('refuses a type from a sender that may not send it', async () => {
    const { handlers, calls } = spyHandlers();
    const route = createRouter(handlers);
    const refusals: Array<[string, Sender, unknown]> = [
      // A content script (the page can steer it) may not ask for another tab's context or capture.
      ['content → get-tab-context', senders.content(), { type: 'get-tab-context', tabId: 9 }],
      ['content → capture-tab', senders.content(), { type: 'capture-tab', tabId: 9, mask: false }],
      // Issue 20: a draft's secrets and the case's ticks are for extension pages only, never the page's side.
      ['content → get-ticket-secrets', senders.content(), { type: 'get-ticket-secrets', draftId: 'd-1' }],
      ['content → set-case-checklist', senders.content(), { type: 'set-case-checklist', key: 'case-checklist:x', done: [] }],
      // An extension page may not pose as the portal.
      ['popup → page-context', senders.popup(), { type: 'page-context', context }],
      // close/dock act on the sender's tab: only the sidebar frame.
      ['popup → close-sidebar', senders.popup(), { type: 'close-sidebar' }],
      // Another extension, a sub-frame of the portal, a page that is not an enabled portal.
      ['other extension', { ...senders.popup(), id: 'someone-else' }, { type: 'portals-changed' }],
      ['portal sub-frame', { ...senders.content(), frameId: 2 }, { type: 'load-guard' }],
      ['not a portal', { ...senders.content(), url: 'https://evil.example/', tab: { id: 4, url: 'https://evil.example/' } as Browser.tabs.Tab }, { type: 'load-guard' }],
      ['no sender', {}, { type: 'portals-changed' }],
    ];
    for (const [label, sender, message] of refusals)
      expect(await route(message, sender), label).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('answers malformed messages with a typed error, and nothing changes', async () => {
    const contexts = createTabContexts(fakeBrowser.storage.session);
    const pushed: unknown[] = [];
    const sidebars = { push: (_tab: number, m: unknown) => void pushed.push(m), openDraft: () => undefined, onConnect: async () => undefined } as unknown as SidebarPorts;
    const route = createRouter({
      ...portalHandlers({ contexts, sidebars }),
      ...sidebarHandlers({ contexts, sidebars }),
    ...iccidLookupHandlers({ contexts }),
      ...iccidLookupHandlers({ contexts }),
      ...captureHandlers({} as EvidenceCapture),
      ...settingsHandlers(),
      ...pageUiHandlers(),
      ...sessionMemoryHandlers(fakeBrowser.storage.session),
      ...teachHandlers(),
    });
    const malformed: Array<[unknown, string]> = [
      [null, 'malformed'],
      ['page-context', 'malformed'],
      [{ context }, 'malformed'],
      [{ type: 42 }, 'malformed'],
      [{ type: 'page-context' }, 'bad-request'],
      [{ type: 'page-context', context: { ...context, url: 7 } }, 'bad-request'],
      [{ type: 'page-context', context: { ...context, esims: 'x'.repeat(10) } }, 'bad-request'],
      [{ type: 'escalate-iccid', iccid: '1234 5678' }, 'bad-request'],
      [{ type: 'dock-sidebar', side: 'top' }, 'forbidden'],
    ];
    for (const [message, code] of malformed)
      expect(await route(message, senders.content()), JSON.stringify(message)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    expect(await contexts.get(3)).toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(pushed).toEqual([]);
    // The same router takes a valid one (the refusals above were not the router failing).
    expect(await route({ type: 'page-context', context }, senders.content())).toEqual({ ok: true, value: null });
    expect((await contexts.get(3))?.portalId).toBe('demo-portal');
  });

  it('answers a handler that throws with a typed error', async () => {
    const { handlers } = spyHandlers();
    const route = createRouter({ ...handlers, 'portals-changed': async () => { throw new Error('registerContentScripts failed'); } });
    expect(await route({ type: 'portals-changed' }, senders.popup())).toEqual({
      ok: false,
      error: { code: 'failed', message: 'registerContentScripts failed' },
    });
  });

  it('every message type is handled by exactly one feature module', () => {
    const sidebars = {} as SidebarPorts;
    const contexts = createTabContexts(fakeBrowser.storage.session);
    const groups = [
      portalHandlers({ contexts, sidebars }),
      sidebarHandlers({ contexts, sidebars }),
      captureHandlers({} as EvidenceCapture),
      settingsHandlers(),
      pageUiHandlers(),
      sessionMemoryHandlers(fakeBrowser.storage.session),
      teachHandlers(),
      iccidLookupHandlers({ contexts }),
    ].map((g) => Object.keys(g));
    const all = groups.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(Object.keys(BACKGROUND_MESSAGES).sort());
  });
});
