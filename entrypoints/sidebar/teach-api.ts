/**
 * Issue 19: the teach panel's actions over the browser. Drafting and pointing happen in the portal
 * tab (the background injects the teach script there); saving asks for the portal's host access
 * first, from the agent's click, as Options does when a portal is added.
 */
import { browser } from 'wxt/browser';
import { sendToBackground } from '../../components/platform/messaging';
import type { TeachApi } from '../../components/sidebar/teach-panel';

export const teachApi: TeachApi = {
  async guess() {
    const reply = await sendToBackground('teach-guess', {});
    return reply.ok ? reply.value : { error: reply.error.message };
  },
  async point(key, prompt) {
    const reply = await sendToBackground('teach-point', { key, prompt });
    return reply.ok ? reply.value : { error: reply.error.message };
  },
  async save(profile) {
    let granted: boolean;
    try {
      // First thing in the click: the browser shows its prompt only during a user gesture.
      granted = await browser.permissions.request({ origins: profile.urlPatterns });
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
    if (!granted) return 'denied';
    const reply = await sendToBackground('teach-save', { profile });
    if (reply.ok && reply.value.saved) return 'saved';
    return { error: reply.ok ? 'not saved' : reply.error.message };
  },
};
