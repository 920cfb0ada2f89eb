/**
 * Issue 19: the teach panel's actions over the browser. Drafting and pointing happen in the portal
 * tab (the background injects the teach script there); saving asks for the portal's host access
 * first, from the agent's click, as Options does when a portal is added.
 */
import { browser } from 'wxt/browser';
import { CatalogSchema } from '../../lib/catalog';
import { catalogItem, writeValue } from '../../lib/settings/registry';
import { CATALOG_KEY } from '../../lib/settings/settings';
import { sendToBackground } from '../../components/platform/messaging';
import { catalogFrom } from './use-catalog';
import type { TeachApi } from '../../components/sidebar/teach-panel';

// The background's refusal codes with their text (issue 16 §5: no English on the panel).
const refusal = (message: string) =>
  message === 'teach_no_address' ? browser.i18n.getMessage('msgTeachNoAddress') : message;

export const teachApi: TeachApi = {
  async guess() {
    const reply = await sendToBackground('teach-guess', {});
    return reply.ok ? reply.value : { error: refusal(reply.error.message) };
  },
  async point(key, prompt) {
    const reply = await sendToBackground('teach-point', { key, prompt });
    return reply.ok ? reply.value : { error: refusal(reply.error.message) };
  },
  cancelPoint() {
    void sendToBackground('teach-cancel', {});
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
  async addPlan({ name, imsiProfile, country }) {
    // The catalog in effect (the stored one, else the example), with the portal's plan added:
    // validated by the catalog schema before it is written (a duplicate name or alias is refused).
    const area = browser.storage.local;
    const { catalog } = catalogFrom((await area.get(CATALOG_KEY))[CATALOG_KEY]);
    const slug =
      name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'plan';
    const ids = new Set(catalog.plans.map((p) => p.id));
    let id = slug;
    for (let n = 2; ids.has(id); n++) id = `${slug}-${n}`;
    const next = CatalogSchema.safeParse({
      ...catalog,
      plans: [
        ...catalog.plans,
        { id, name, aliases: [], region: name, countries: [country], imsiProfile, dataAllowanceMb: null },
      ],
    });
    if (!next.success) return { error: next.error.issues[0]?.message ?? 'invalid plan' };
    const written = await writeValue(area, catalogItem, next.data);
    return written.ok ? 'added' : { error: written.problems.map((p) => p.message).join('; ') };
  },
};
