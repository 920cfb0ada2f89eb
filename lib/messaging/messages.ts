/**
 * Every message between the extension's contexts, as zod schemas (DESIGN §3: "Every message is a zod
 * schema, parsed on receipt; the sender is checked"). One map for all contexts; the TypeScript types
 * are `z.infer` of the schemas. Parsing happens in the receiver: the background for what content
 * scripts send (a hostile page can forge those), the extension pages for what the background pushes.
 */
import { z } from 'zod';
import { PageContextSchema } from '../portal/page-context';

const iccid = z.string().regex(/^89\d{17,18}$/);

/** Sent by the portal content script (untrusted: the page can influence it). */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page-context'), context: PageContextSchema }),
  /** An inline ICCID badge's "Escalate" (issue 8: badges lead to the context-menu flow). */
  z.object({ type: z.literal('escalate-iccid'), iccid }),
  /** A guarded form (Add plan / Add line) is on the page: inject the guard script next to us. */
  z.object({ type: z.literal('load-guard') }),
  /** The toggle button / keyboard toggle changed the overlay; the background remembers nothing but logs. */
  z.object({ type: z.literal('sidebar-state'), open: z.boolean() }),
  /**
   * Issue 7: a call the opt-in page capture saw, relayed by the capture bridge. Untrusted twice over
   * (the page can forge what the main-world script posts): the background checks the channel and
   * re-validates and redacts the call (lib/evidence createCaptureBuffer), labelled "reported by the page".
   */
  z.object({ type: z.literal('captured-call'), channel: z.string().min(8).max(64), call: z.unknown() }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

/**
 * Issue 7: which portal tab a capture message is about: `tabId`, else the sender's tab when it is a
 * portal (the sidebar's frame), else the open tab showing `portalUrl` (the drafts tab editing a draft
 * started on that page).
 */
const captureTarget = {
  tabId: z.number().int().nonnegative().optional(),
  portalUrl: z.string().max(2048).optional(),
};

/** Sent by extension pages (sidebar, popup, options, drafts tab) to the background. */
export const PageToBackgroundSchema = z.discriminatedUnion('type', [
  /** The sidebar asks to be closed (its close button); the background tells the tab's content script. */
  z.object({ type: z.literal('close-sidebar') }),
  /** The sidebar asks to be docked on a side of the portal ('other' swaps). */
  z.object({ type: z.literal('dock-sidebar'), side: z.enum(['left', 'right', 'other']) }),
  /** Popup/options: the context of a tab (the popup asks for the active tab's). */
  z.object({ type: z.literal('get-tab-context'), tabId: z.number().int().nonnegative() }),
  /** Popup "Continue in sidebar": open the sidebar on that tab with the draft selected. */
  z.object({
    type: z.literal('open-sidebar'),
    tabId: z.number().int().nonnegative(),
    draftId: z.string().max(64).optional(),
  }),
  /** Options changed the portals: re-register the content script. */
  z.object({ type: z.literal('portals-changed') }),
  /**
   * Issue 7: screenshot of a portal tab (see `captureTarget`), returned as a data URL to the requester
   * only, never stored. A portal tab in the background is shown for the capture, then the requester's tab again. `mask`: black boxes over ICCIDs, IMSIs and phone
   * numbers found on the page while the picture is taken.
   */
  z.object({ type: z.literal('capture-tab'), ...captureTarget, mask: z.boolean() }),
  /** Issue 7: turn the opt-in API-call capture on for a portal tab, for calls to these hosts only. */
  z.object({
    type: z.literal('capture-start'),
    ...captureTarget,
    hosts: z.array(z.string().min(1).max(253)).min(1).max(20),
  }),
  /** Issue 7: turn the capture off (its calls are forgotten). */
  z.object({ type: z.literal('capture-stop'), ...captureTarget }),
  /** Issue 7: is the capture on for this tab, and for which hosts. */
  z.object({ type: z.literal('capture-status'), ...captureTarget }),
  /** Issue 7: the calls captured on this tab (already redacted, labelled "reported by the page"). */
  z.object({ type: z.literal('list-captured-calls'), ...captureTarget }),
]);
export type PageToBackground = z.infer<typeof PageToBackgroundSchema>;

/** Sent by the background to a portal tab's content script. */
export const BackgroundToContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toggle-sidebar') }),
  z.object({ type: z.literal('set-sidebar'), open: z.boolean() }),
  z.object({ type: z.literal('dock-sidebar'), side: z.enum(['left', 'right', 'other']) }),
  z.object({ type: z.literal('get-context') }),
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;

/**
 * Issue 7: sent by the background to the capture bridge (an ISOLATED-world script injected on demand
 * by the background; it is not the portal content script). `evidence-prepare`: hide our in-page UI and,
 * when `mask`, cover personal identifiers before a screenshot; `evidence-restore`: undo it;
 * `evidence-recording`: start or stop relaying captured calls on `channel` and show the badge.
 */
export const BackgroundToBridgeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('evidence-prepare'), mask: z.boolean() }),
  z.object({ type: z.literal('evidence-restore') }),
  z.object({ type: z.literal('evidence-recording'), channel: z.string().max(64).nullable() }),
]);
export type BackgroundToBridge = z.infer<typeof BackgroundToBridgeSchema>;

/** Pushed by the background over the sidebar's port. */
export const SidebarPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), context: PageContextSchema.nullable(), tabId: z.number().int() }),
  z.object({ type: z.literal('open-draft'), draftId: z.string().max(64) }),
  z.object({ type: z.literal('not-a-portal') }),
]);
export type SidebarPush = z.infer<typeof SidebarPushSchema>;

export const SIDEBAR_PORT = 'helpdesk-sidebar';

/** The answer to every request: either a result or a clear refusal. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** Issue 7: the background's answer to `capture-tab` (parsed by the requesting page). */
export const CaptureTabReplySchema = z.object({
  dataUrl: z.string().startsWith('data:image/png;base64,'),
  /** How many identifiers were covered on the page while it was captured. */
  masked: z.number().int().nonnegative(),
});
export type CaptureTabReply = z.infer<typeof CaptureTabReplySchema>;

/** Issue 7: the answer to `capture-start`, `capture-stop` and `capture-status`. */
export const CaptureStatusSchema = z.object({
  recording: z.boolean(),
  hosts: z.array(z.string().max(253)).max(20),
});
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;
