/**
 * Issue 18: reminders of open escalations as alarms + notifications, and the toolbar badge counting the
 * overdue ones. The plan is recomputed from the database (lib/escalation/reminders.ts) on every start of
 * the worker (browser restart, extension update), on every change of drafts or escalations, on each of our
 * alarms and once a minute — alarms are only a wake-up, never the record, so none is lost and none is
 * notified twice (the escalation row keeps the keys it notified). Clicking a notification opens that
 * escalation in the drafts tab. Time comes from the injectable clock (components/platform/escalation-clock.ts).
 */
import { browser } from 'wxt/browser';
import Dexie from 'dexie';
import type { HelpdeskDb } from '../../lib/db';
import { getDraft, listDrafts } from '../../lib/db/drafts-repo';
import { deleteEscalation, listEscalations } from '../../lib/db/escalations-repo';
import { ensureEscalation, markNotified } from '../../lib/drafts/escalations';
import {
  ALARM_PREFIX,
  alarmName,
  draftIdOfAlarm,
  overdueCount,
  planReminders,
  type Reminder,
} from '../../lib/escalation/reminders';
import { getVendor, vendorDisplayName } from '../../lib/escalation/vendors';
import { CLOCK_OFFSET_KEY, readClockOffset } from '../../components/platform/escalation-clock';
import { toolbarButton } from './browser-differences';

const TICK_ALARM = 'escalation-tick';
const keyOf = (kind: string) => kind.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Starts the reminders; returns `sync` (tests and the wiring call it). */
export function startReminders(database: () => HelpdeskDb): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;

  const notify = async (r: Reminder, title: string, vendorName: string) => {
    await browser.notifications.create(alarmName(r), {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: browser.i18n.getMessage('reminderNotifTitle', title),
      message: browser.i18n.getMessage(`reminderNotif_${keyOf(r.kind)}` as 'reminderNotif_agent', vendorName),
    });
  };

  const syncOnce = async () => {
    const db = database();
    const offset = await readClockOffset();
    const now = new Date(Date.now() + offset);
    const handed = await listDrafts(db, { status: 'handed-over', limit: 500 });
    if (!handed.ok) return;
    // Drafts handed over where no panel ran yet get their escalation (due from their hand-over).
    const rows = await listEscalations(db);
    if (!rows.ok) return;
    const have = new Set(rows.escalations.map((e) => e.draftId));
    for (const d of handed.drafts) if (!have.has(d.id)) await ensureEscalation(db, d);
    const listed = await listEscalations(db);
    if (!listed.ok) return;
    // A draft reopened (or deleted) since: its escalation goes, so nothing reminds about it.
    const handedIds = new Set(handed.drafts.map((d) => d.id));
    const all = { escalations: [] as typeof listed.escalations };
    for (const esc of listed.escalations) {
      if (handedIds.has(esc.draftId)) {
        all.escalations.push(esc);
        continue;
      }
      const read = await getDraft(db, esc.draftId);
      if (read.ok && read.draft.status !== 'open') all.escalations.push(esc);
      else if (read.ok) await ensureEscalation(db, read.draft);
      else if (read.error.code === 'not-found') await deleteEscalation(db, esc.draftId);
    }
    const custom = await db.vendors.overrides();
    const vendorOf = (id: string) => getVendor(id, custom);
    const plan = planReminders(all.escalations, vendorOf, now);

    // Alarms fire on the real clock: the offset is taken back out.
    const wanted = new Map(plan.alarms.map((r) => [alarmName(r), r.at.getTime() - offset]));
    for (const alarm of await browser.alarms.getAll()) {
      if (alarm.name.startsWith(ALARM_PREFIX) && !wanted.has(alarm.name))
        await browser.alarms.clear(alarm.name);
    }
    for (const [name, when] of wanted)
      await browser.alarms.create(name, { when: Math.max(when, Date.now() + 1000) });

    const drafts = new Map(handed.drafts.map((d) => [d.id, d]));
    const byDraft = new Map<string, string[]>();
    for (const r of plan.notifyNow) {
      const draft = drafts.get(r.draftId);
      const esc = all.escalations.find((e) => e.draftId === r.draftId);
      const vendor = esc && vendorOf(esc.vendorId);
      // The notification reads in the browser's language (issue 16 §5: "Autre fournisseur", not "Other vendor").
      const uiLocale = browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
      const vendorName = vendor ? vendorDisplayName(vendor, uiLocale) : '';
      const title =
        `${esc?.ticketRef ? `#${esc.ticketRef} ` : ''}${draft?.summary ?? ''}`.trim() || vendorName;
      await notify(r, title, vendorName);
      byDraft.set(r.draftId, [...(byDraft.get(r.draftId) ?? []), r.key]);
    }
    for (const [draftId, keys] of byDraft) await markNotified(db, draftId, keys);

    // The global badge counts the overdue escalations; a tab's own text (issue 14's "!") wins on that tab.
    const button = toolbarButton();
    if (button) {
      const n = overdueCount(all.escalations, vendorOf, now);
      await button.setBadgeText({ text: n > 0 ? String(n) : '' });
      if (n > 0) await button.setBadgeBackgroundColor({ color: '#b91c1c' });
    }
  };

  const sync = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await syncOnce().catch(() => undefined);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM || alarm.name.startsWith(ALARM_PREFIX)) void sync();
  });
  void browser.alarms.create(TICK_ALARM, { periodInMinutes: 1 });
  browser.notifications.onClicked.addListener((id) => {
    const draftId = draftIdOfAlarm(id);
    if (draftId === null) return;
    void browser.tabs.create({ url: browser.runtime.getURL(`/drafts.html#draft=${draftId}`) });
    void browser.notifications.clear(id);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && CLOCK_OFFSET_KEY in changes) void sync();
  });
  const name = database().name;
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => k.includes(name) && !k.includes(`/${name}/journal/`))) void sync();
  });
  void sync();
  return sync;
}
