/** The one sender check (lib/messaging/sender.ts), used by runtime messages and ports alike. */
import { describe, expect, it } from 'vitest';
import { classifySender, senderAllowed, type SenderLike } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const PORTAL = 'http://localhost:8080/demo-portal/subscriber.html';
const asked: Array<string | undefined> = [];
const env = {
  extensionId: ID,
  extensionBaseUrl: BASE,
  sidebarUrl: `${BASE}sidebar.html`,
  isPortalUrl: async (url: string | undefined) => {
    asked.push(url);
    return !!url && url.startsWith('http://localhost');
  },
};
const tab = (url: string) => ({ id: 3, url });

describe('classifySender', () => {
  it.each<[string, SenderLike, string]>([
    ['the popup', { id: ID, url: `${BASE}popup.html` }, 'extension-page'],
    ['the drafts tab', { id: ID, url: `${BASE}drafts.html#draft=1`, tab: tab(`${BASE}drafts.html`), frameId: 0 }, 'extension-page'],
    ['the sidebar in a portal tab', { id: ID, url: `${BASE}sidebar.html`, tab: tab(PORTAL), frameId: 4 }, 'sidebar'],
    ['the sidebar framed by another page', { id: ID, url: `${BASE}sidebar.html`, tab: tab('https://evil.example/'), frameId: 4 }, 'extension-page'],
    ['the sidebar opened as a tab of its own', { id: ID, url: `${BASE}sidebar.html` }, 'extension-page'],
    ['our content script on a portal', { id: ID, url: PORTAL, tab: tab(PORTAL), frameId: 0 }, 'portal-content'],
    ['our content script on a page that is not a portal', { id: ID, url: 'https://evil.example/', tab: tab('https://evil.example/'), frameId: 0 }, 'foreign'],
    ['a sub-frame of the portal', { id: ID, url: PORTAL, tab: tab(PORTAL), frameId: 2 }, 'foreign'],
    ['a content script without a tab', { id: ID, url: PORTAL, frameId: 0 }, 'foreign'],
    ['a file: page', { id: ID, url: 'file:///tmp/x.html', tab: tab('file:///tmp/x.html'), frameId: 0 }, 'foreign'],
    ['another extension', { id: 'other', url: `chrome-extension://other/popup.html` }, 'foreign'],
    ['another extension naming our URL', { id: 'other', url: `${BASE}popup.html` }, 'foreign'],
    ['nobody', {}, 'foreign'],
  ])('%s → %s', async (_label, sender, kind) => {
    expect((await classifySender(sender, env)).kind).toBe(kind);
  });

  it('asks whether the tab is a portal only for content scripts and the framed sidebar', async () => {
    asked.length = 0;
    await classifySender({ id: ID, url: `${BASE}popup.html` }, env);
    await classifySender({ id: 'other', url: PORTAL, tab: tab(PORTAL), frameId: 0 }, env);
    expect(asked).toEqual([]);
    await classifySender({ id: ID, url: PORTAL, tab: tab(PORTAL), frameId: 0 }, env);
    expect(asked).toEqual([PORTAL]);
  });
});

describe('senderAllowed', () => {
  it('lets the sidebar send what extension pages may, never the reverse', () => {
    expect(senderAllowed(['extension-page'], 'sidebar')).toBe(true);
    expect(senderAllowed(['sidebar'], 'extension-page')).toBe(false);
    expect(senderAllowed(['portal-content'], 'extension-page')).toBe(false);
    expect(senderAllowed(['extension-page'], 'portal-content')).toBe(false);
    expect(senderAllowed(['extension-page', 'sidebar', 'portal-content'], 'foreign')).toBe(false);
  });
});
