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
  /** The toggle button / keyboard toggle changed the overlay; the background remembers nothing but logs. */
  z.object({ type: z.literal('sidebar-state'), open: z.boolean() }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

/** Sent by extension pages (sidebar, popup, options, drafts tab) to the background. */
export const PageToBackgroundSchema = z.discriminatedUnion('type', [
  /** The sidebar asks to be closed (its close button); the background tells the tab's content script. */
  z.object({ type: z.literal('close-sidebar') }),
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
]);
export type PageToBackground = z.infer<typeof PageToBackgroundSchema>;

/** Sent by the background to a portal tab's content script. */
export const BackgroundToContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toggle-sidebar') }),
  z.object({ type: z.literal('set-sidebar'), open: z.boolean() }),
  z.object({ type: z.literal('get-context') }),
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;

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
