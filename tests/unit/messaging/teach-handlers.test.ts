/**
 * Issue 19: the background's teach handlers. The draft's address is the tab's, as the browser
 * knows it — never what the page (which produced the draft) says — and saving stores the profile
 * with the agent's portals, replacing an earlier one of the same id.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { createMessageClient } from '../../../lib/messaging/channel';
import { createRouter } from '../../../entrypoints/background/router';
import { teachHandlers } from '../../../entrypoints/background/handlers/teach';
import { USER_PORTALS_KEY } from '../../../lib/settings/keys';

// The tab is an enabled portal (the sidebar is framed there); re-registering the content script is not under test.
vi.mock('../../../entrypoints/background/portals', () => ({
  syncPortalScript: vi.fn(async () => []),
  isPortalUrl: vi.fn(async () => true),
}));

const PORTAL = 'https://admin.example.fr/bo/abonnes/123';
const sidebar = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidebar.html'),
  tab: { id: 3, url: PORTAL } as Browser.tabs.Tab,
  frameId: 7,
});

function setup() {
  const route = createRouter(teachHandlers() as never);
  return createMessageClient(async (m) =>
    JSON.parse(JSON.stringify(await route(JSON.parse(JSON.stringify(m)), sidebar()))),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: vi.fn(async () => []) };
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 3, url: PORTAL } as Browser.tabs.Tab);
});

describe('teach handlers', () => {
  it('takes the draft address from the tab, not from the page', async () => {
    // The page (through the teach script) claims another site.
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      profile: { id: 'taught-x', name: 'X', version: 1, urlPatterns: ['https://bank.example.com/*'] },
      items: [],
    });
    const reply = await setup()('teach-guess', {});
    expect(reply.ok && reply.value.profile.urlPatterns).toEqual(['https://admin.example.fr/bo/*']);
  });

  it('refuses a malformed draft from the page', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ profile: { id: 'Bad Id' }, items: [] });
    expect((await setup()('teach-guess', {})).ok).toBe(false);
  });

  it('saves the profile with the agent portals, replacing one of the same id', async () => {
    const send = setup();
    const profile = { id: 'taught-x', name: 'X', version: 1, urlPatterns: ['https://admin.example.fr/bo/*'] };
    expect(await send('teach-save', { profile })).toEqual({ ok: true, value: { saved: true } });
    expect(await send('teach-save', { profile: { ...profile, name: 'X2' } })).toEqual({
      ok: true,
      value: { saved: true },
    });
    const stored = (await fakeBrowser.storage.local.get(USER_PORTALS_KEY))[USER_PORTALS_KEY];
    expect(JSON.stringify(stored)).toContain('"name":"X2"');
    expect(JSON.stringify(stored)).not.toContain('"name":"X"');
  });
});
