/**
 * Evidence capture in the background (issue 7): screenshots of a portal tab and the opt-in capture of
 * the page's API calls.
 *
 * - Screenshot: `tabs.captureVisibleTab` (the loopback host permission or the portal's granted host
 *   permission covers it — REFERENCE "Screenshots"); the PNG goes back to the requesting page as a data
 *   URL and is never stored here. With `mask`, the capture bridge covers ICCIDs, IMSIs and phone numbers
 *   on the page while the picture is taken.
 * - API calls: the agent turns capture on for a tab and lists API hosts. The capture hook
 *   (`api-capture.js`, MAIN world) and its relay (`capture-relay.js`) already run on the portal since
 *   document_start (capture-scripts.ts, issue 14); the background tells the relay to start with a
 *   random channel id, and injects the capture bridge for the in-page badge. What comes back is
 *   "reported by the page" (REFERENCE "Main-world scripts": forgeable), re-validated and redacted by
 *   {@link createCaptureBuffer}, kept per tab in `storage.session` (memory only, survives the worker
 *   being stopped) and forgotten when capture stops or the tab closes.
 * - Issue 14, honest recording state: the hook beats every second while recording; the tab counts as
 *   recording only while beats arrive and say the page still calls through the hook. Otherwise the
 *   status is "interrupted" (the calls captured so far stay listed).
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { ApiCallSchema, createCaptureBuffer, type ApiCall } from '../../lib/evidence';
import { captureErrorText, type CaptureErrorCode } from '../../lib/evidence/capture-errors';
import { imageBlocks, MaskPlanSchema, uninspected } from '../../lib/evidence/mask-plan';
import type { BackgroundToBridge, CaptureStatus, CaptureTabReply } from '../../lib/messaging/registry';
import { captureHookRegistered } from './capture-scripts';
import { paintMasks } from './paint-masks';

const STATE_PREFIX = 'evidence-capture:';
const BRIDGE_FILE = '/capture-bridge.js';
/** A visible tab beats every second: three missed beats and it is silent. */
const STALE_MS = 3500;
/**
 * A hidden tab's timers may be slowed to one run a minute (Chrome's intensive throttling after five
 * minutes hidden): a beat from a hidden tab stays good this long.
 */
const STALE_HIDDEN_MS = 75_000;

/** The bridge's answer to `evidence-measure`: parsed, it comes from a script in the page's tab. */
const MeasureReplySchema = z.object({ before: MaskPlanSchema, after: MaskPlanSchema });

/** Pixel size of a PNG data URL (IHDR: width and height, big-endian, at bytes 16–23). */
async function imageSize(dataUrl: string): Promise<{ width: number; height: number }> {
  const head = atob(dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 1 + 44));
  const at = (i: number) => head.charCodeAt(i);
  const u32 = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  return { width: u32(16), height: u32(20) };
}

/** What is kept per recording tab. */
interface TabCapture {
  channel: string;
  hosts: string[];
  calls: ApiCall[];
}

/** Stable error codes of the capture, translated by the evidence panel (`evCaptureError_<code>`). */
export const CAPTURE_ERRORS = {
  noPortal: 'no_portal',
  permission: 'permission',
  notReady: 'not_ready',
  /** Issue 14: the page has no live capture hook (opened before the extension started, or unsupported). */
  noHook: 'no_hook',
} as const satisfies Record<string, CaptureErrorCode>;

/** Which portal tab a message is about (lib/messaging `captureTarget`). */
interface Target {
  tabId?: number | undefined;
  portalUrl?: string | undefined;
}

/** Dependencies, injectable for tests. */
export interface EvidenceCaptureDeps {
  /** True when the URL belongs to an enabled portal (capture never runs elsewhere). */
  isPortalUrl(url: string | undefined): Promise<boolean>;
  /** The clock heartbeats are timed with (tests pass their own). */
  now?: () => number;
}

/** The last heartbeat of a recording tab (memory only: a restarted worker waits for the next beat). */
interface Beat {
  channel: string;
  at: number;
  intact: boolean;
  hidden: boolean;
}

// A host entry the agent may type: a host name or IPv4 address, optionally `*.` before a domain.
const HOST_ENTRY = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Lower-cases and checks host entries; throws a capture error code (`bad_host:<entry>`, `no_hosts`). */
function cleanHosts(hosts: readonly string[]): string[] {
  const out = [...new Set(hosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))];
  const bad = out.find((h) => !HOST_ENTRY.test(h));
  // Codes, not English: the panel shows them in the agent's language (issue 16 §5).
  if (bad !== undefined) throw new Error(captureErrorText('bad_host', bad));
  if (out.length === 0) throw new Error(captureErrorText('no_hosts'));
  return out;
}

/** The background's capture service; the router calls it. */
export function createEvidenceCapture(deps: EvidenceCaptureDeps) {
  const session = browser.storage.session;
  const key = (tabId: number) => `${STATE_PREFIX}${tabId}`;
  const now = deps.now ?? Date.now;
  const beats = new Map<number, Beat>();

  async function load(tabId: number): Promise<TabCapture | null> {
    const raw = (await session.get(key(tabId)))[key(tabId)] as Partial<TabCapture> | undefined;
    if (!raw || typeof raw.channel !== 'string' || !Array.isArray(raw.hosts)) return null;
    // Stored by us, but parsed anyway: a row from an older version must not break the list.
    const calls = (Array.isArray(raw.calls) ? raw.calls : []).flatMap((c) => {
      const parsed = ApiCallSchema.safeParse(c);
      return parsed.success ? [parsed.data] : [];
    });
    return {
      channel: raw.channel,
      hosts: raw.hosts.filter((h): h is string => typeof h === 'string'),
      calls,
    };
  }

  const save = (tabId: number, state: TabCapture) => session.set({ [key(tabId)]: state });

  // Calls arrive in bursts (a page fires several requests at once): one read-modify-write at a time.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The portal tab a request is about (see `captureTarget` in lib/messaging): the one named, else the
   * sender's own tab when it is a portal (the sidebar's frame), else an open tab showing `portalUrl`
   * (the drafts tab), the exact page first, then the same portal origin. Null when there is none.
   */
  async function findPortalTab(target: Target, sender: Browser.runtime.MessageSender) {
    const portal = async (tab: Browser.tabs.Tab | undefined) =>
      tab?.id !== undefined && (await deps.isPortalUrl(tab.url))
        ? (tab as Browser.tabs.Tab & { id: number })
        : null;
    if (target.tabId !== undefined)
      return portal(await browser.tabs.get(target.tabId).catch(() => undefined));
    const own = await portal(sender.tab);
    if (own) return own;
    if (!target.portalUrl) return null;
    let origin: string;
    try {
      origin = new URL(target.portalUrl).origin;
    } catch {
      return null;
    }
    const tabs = await browser.tabs.query({});
    const exact = tabs.find((t) => t.url === target.portalUrl);
    const sameOrigin = tabs.find((t) => {
      try {
        return t.url !== undefined && new URL(t.url).origin === origin;
      } catch {
        return false;
      }
    });
    return portal(exact ?? sameOrigin);
  }

  async function portalTab(target: Target, sender: Browser.runtime.MessageSender) {
    const tab = await findPortalTab(target, sender);
    if (!tab) throw new Error(CAPTURE_ERRORS.noPortal);
    return tab;
  }

  async function injectBridge(tabId: number) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [BRIDGE_FILE] });
  }

  const tell = (tabId: number, message: BackgroundToBridge) =>
    browser.tabs.sendMessage(tabId, message, { frameId: 0 }) as Promise<unknown>;

  /** What the status says for a tab whose capture is on: live only while intact beats arrive. */
  function statusOf(tabId: number, state: TabCapture): CaptureStatus {
    const beat = beats.get(tabId);
    const fresh =
      beat !== undefined &&
      beat.channel === state.channel &&
      now() - beat.at <= (beat.hidden ? STALE_HIDDEN_MS : STALE_MS);
    if (fresh && beat.intact) return { recording: true, hosts: state.hosts };
    return { recording: false, hosts: state.hosts, interrupted: fresh ? 'replaced' : 'silent' };
  }

  /**
   * Prepares the page (our overlay hidden, identifiers covered when `mask`; the bridge answers once
   * that is painted), captures the visible tab, asks the bridge what had to be covered before and what
   * is on screen now, paints both onto the image (issue 14: the page can undo what we do to its DOM
   * between "ready" and the capture, not the PNG), and restores the page.
   */
  async function shoot(tab: Browser.tabs.Tab & { id: number }, mask: boolean): Promise<CaptureTabReply> {
    let masked = 0;
    let prepared = false;
    try {
      await injectBridge(tab.id);
      const reply = (await tell(tab.id, { type: 'evidence-prepare', mask })) as
        { masked?: unknown } | undefined;
      prepared = true;
      masked = typeof reply?.masked === 'number' && reply.masked >= 0 ? Math.floor(reply.masked) : 0;
    } catch {
      // The bridge could not run (page still loading): masking was asked, so refuse rather than leak.
      if (mask) throw new Error(CAPTURE_ERRORS.notReady);
    }
    try {
      const dataUrl = await browser.tabs
        .captureVisibleTab(tab.windowId, { format: 'png' })
        .catch((error: unknown) => {
          // Chrome captures only with `<all_urls>` or an activeTab grant (the agent used the toolbar button,
          // the keyboard shortcut or the context menu on that tab); a host permission is not enough.
          const text = error instanceof Error ? error.message : String(error);
          throw new Error(/activeTab|all_urls/i.test(text) ? CAPTURE_ERRORS.permission : text);
        });
      if (!prepared) return { dataUrl, masked };
      const plans = MeasureReplySchema.safeParse(
        await tell(tab.id, { type: 'evidence-measure', mask }).catch(() => undefined),
      );
      // No plan (the page navigated away mid-capture): with masking on, nothing unmasked is handed back.
      if (!plans.success) {
        if (mask) throw new Error(CAPTURE_ERRORS.notReady);
        return { dataUrl, masked };
      }
      const { before, after } = plans.data;
      const size = await imageSize(dataUrl);
      const blocks = imageBlocks([before, after], size.width, size.height);
      const painted = await paintMasks(
        dataUrl,
        blocks,
        (kind) => browser.i18n.getMessage(`evMaskLabel_${kind}`) || kind,
        size.width / before.viewport.width,
      );
      const areas = uninspected(before);
      return { dataUrl: painted, masked, ...(areas.length > 0 ? { uninspected: areas } : {}) };
    } finally {
      if (prepared) await tell(tab.id, { type: 'evidence-restore' }).catch(() => undefined);
    }
  }

  return {
    /** Screenshot of the visible part of a portal tab, as a PNG data URL for the requester only. */
    async captureTab(
      message: Target & { mask: boolean },
      sender: Browser.runtime.MessageSender,
    ): Promise<CaptureTabReply> {
      const tab = await portalTab(message, sender);
      // Only the visible tab of a window can be captured: show the portal for the picture, then go back
      // to the page that asked (the drafts tab) — the agent clicked "Capture the portal", so this is expected.
      const back =
        !tab.active && sender.tab?.id !== undefined && sender.tab.windowId === tab.windowId
          ? sender.tab.id
          : null;
      if (!tab.active) await browser.tabs.update(tab.id, { active: true });
      try {
        return await shoot(tab, message.mask);
      } finally {
        if (back !== null) await browser.tabs.update(back, { active: true }).catch(() => undefined);
      }
    },

    /** Turns capture on (or changes its hosts) for a portal tab. */
    async start(
      message: Target & { hosts: string[] },
      sender: Browser.runtime.MessageSender,
    ): Promise<CaptureStatus> {
      const tab = await portalTab(message, sender);
      const hosts = cleanHosts(message.hosts);
      if (!(await captureHookRegistered())) throw new Error(CAPTURE_ERRORS.noHook);
      const previous = await load(tab.id);
      // A new channel each time: an old page script's posts no longer count.
      const state: TabCapture = { channel: crypto.randomUUID(), hosts, calls: previous?.calls ?? [] };
      await save(tab.id, state);
      beats.delete(tab.id);
      // The relay answers once the hook's first beat arrived (or says there is no live hook).
      const reply = (await tell(tab.id, { type: 'capture-config', channel: state.channel, hosts }).catch(
        () => undefined,
      )) as { live?: unknown } | undefined;
      if (reply?.live !== true) {
        await serial(() => session.remove(key(tab.id)));
        // The page was opened before the hook was registered (or refused it): a reload brings it.
        throw new Error(CAPTURE_ERRORS.noHook);
      }
      beats.set(tab.id, beats.get(tab.id) ?? { channel: state.channel, at: now(), intact: true, hidden: false });
      await injectBridge(tab.id);
      await tell(tab.id, { type: 'evidence-recording', channel: state.channel });
      return statusOf(tab.id, state);
    },

    /** Turns capture off and forgets the tab's calls. */
    async stop(message: Target, sender: Browser.runtime.MessageSender): Promise<CaptureStatus> {
      const id = (await findPortalTab(message, sender))?.id;
      if (id === undefined) return { recording: false, hosts: [] };
      await serial(() => session.remove(key(id)));
      beats.delete(id);
      await tell(id, { type: 'capture-config', channel: null, hosts: [] }).catch(() => undefined);
      await tell(id, { type: 'evidence-recording', channel: null }).catch(() => undefined);
      return { recording: false, hosts: [] };
    },

    async status(message: Target, sender: Browser.runtime.MessageSender): Promise<CaptureStatus> {
      const id = (await findPortalTab(message, sender))?.id;
      const state = id === undefined ? null : await load(id);
      return id !== undefined && state ? statusOf(id, state) : { recording: false, hosts: [] };
    },

    /** The calls kept for the tab — also after an interruption (they were captured before it). */
    async list(message: Target, sender: Browser.runtime.MessageSender): Promise<ApiCall[]> {
      const id = (await findPortalTab(message, sender))?.id;
      return (id === undefined ? null : await load(id))?.calls ?? [];
    },

    /** A heartbeat relayed from the page: counts only on the tab's current channel. */
    async onHeartbeat(
      tabId: number,
      beat: { channel: string; intact: boolean; hidden: boolean },
    ): Promise<null> {
      const state = await load(tabId);
      if (state && state.channel === beat.channel) beats.set(tabId, { ...beat, at: now() });
      return null;
    },

    /** A call relayed by the bridge: kept only while capture is on for that tab and on its channel. */
    onCapturedCall(tabId: number, channel: string, call: unknown): Promise<{ kept: boolean }> {
      return serial(async () => {
        const state = await load(tabId);
        if (!state || state.channel !== channel) return { kept: false };
        const buffer = createCaptureBuffer();
        for (const kept of state.calls) buffer.push(kept);
        const pushed = buffer.push(call);
        if (!pushed.ok) return { kept: false };
        await save(tabId, { ...state, calls: buffer.list() });
        return { kept: true };
      });
    },

    /** The tab closed: its capture is over. */
    forget(tabId: number): Promise<void> {
      beats.delete(tabId);
      return serial(() => session.remove(key(tabId)));
    },
  };
}

/** The service's type, for the router's wiring. */
export type EvidenceCapture = ReturnType<typeof createEvidenceCapture>;
