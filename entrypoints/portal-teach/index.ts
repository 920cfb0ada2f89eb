/**
 * Teach this portal (issue 19): injected by the background into the portal tab only when the agent
 * asks (never on the content script's load path, issue 15). Drafts a profile from the page
 * (lib/portal/guess), lets the agent point at a value to correct it, and answers the background
 * with the draft and what it reads here. Everything it answers is parsed again by the background.
 */
import { browser } from '@wxt-dev/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { guessProfile, itemsOf, planChoices, readWith } from '../../lib/portal/guess/guess';
import { TEACHABLE_KEYS, teachFromElement, type TeachableKey } from '../../lib/portal/guess/point';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import { isInOwnHost } from '../portal/own-hosts';
import { cancelPointing, pointAt } from './pointer';

const STARTED = Symbol.for('helpdesk-assistant.teach-started');

export default defineUnlistedScript({
  main() {
    const world = globalThis as Record<symbol, unknown>;
    if (world[STARTED]) return;
    world[STARTED] = true;
    const doc = document;
    const opts = () => ({ url: doc.location.href, now: new Date(), isOwnHost: isInOwnHost });
    let draft: PortalProfile | null = null;
    const state = (profile: PortalProfile) => {
      const context = readWith(doc, profile, opts());
      return { profile, items: itemsOf(profile, context, doc), planChoices: planChoices(doc, profile) };
    };

    browser.runtime.onMessage.addListener(
      (raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
        const message = raw as { type?: unknown; key?: unknown; prompt?: unknown } | null;
        if (message?.type === 'teach-guess') {
          const guess = guessProfile(doc, opts());
          draft = guess.profile;
          sendResponse({
            profile: guess.profile,
            items: guess.items,
            planChoices: planChoices(doc, guess.profile),
          });
          return undefined;
        }
        if (message?.type === 'teach-cancel') {
          cancelPointing();
          return undefined;
        }
        if (message?.type === 'teach-point' && TEACHABLE_KEYS.includes(message.key as TeachableKey)) {
          const key = message.key as TeachableKey;
          void pointAt(doc, typeof message.prompt === 'string' ? message.prompt : '').then((picked) => {
            if (picked === null || draft === null) return sendResponse({ outcome: 'cancelled' });
            const next = teachFromElement(doc, draft, key, picked);
            if (next === null) return sendResponse({ outcome: 'unreadable', ...state(draft) });
            draft = next;
            sendResponse({ outcome: 'taught', ...state(draft) });
          });
          return true;
        }
        return undefined;
      },
    );
  },
});
