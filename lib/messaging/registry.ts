/**
 * The message registry: every message between the extension's contexts, with per type its request
 * schema, its reply schema and the senders allowed to send it (DESIGN §3: "Every message is a zod schema,
 * parsed on receipt; the sender is checked"). The TypeScript types are `z.infer` of the schemas, and the
 * typed helpers of `channel.ts` infer a reply's type from its request's `type` — no casts at call sites.
 *
 * Adding a message type: one entry in {@link BACKGROUND_MESSAGES} and one handler in a feature module of
 * `entrypoints/background/handlers/` (the router does not compile until the handler exists).
 *
 * The portal content script cannot load zod (README bench row 4): what it needs lives in `protocol.ts`,
 * checked against the schemas here at compile time.
 */
import { z } from 'zod';
import { ApiCallSchema } from '../evidence/api-call';
import { OPAQUE_KINDS } from '../evidence/mask-areas';
import { PageContextSchema } from '../portal/page-context';
import { PortalProfileSchema } from '../portal/profile-schema';
import { TEACHABLE_KEYS } from '../portal/guess/keys';
import { DOCK_SIDES, type ContentCommand } from './protocol';
import type { SenderKind } from './sender';

const iccid = z.string().regex(/^89\d{17,18}$/);
const tabId = z.number().int().nonnegative();
const dockSide = z.enum(DOCK_SIDES);
const sidebarToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);
const draftId = z.string().min(1).max(64);
/** Issue 20: a case of the troubleshooting checklist (components/platform/use-case-checklist.ts). */
const caseKey = z.string().startsWith('case-checklist:').max(2400);
const stepIds = z.array(z.string().max(64)).max(200);
/** Field id → secret value of one draft; bounded so a bad sender cannot fill the session memory. */
const secretValues = z
  .record(z.string().min(1).max(64), z.string().max(4096))
  .refine((values) => Object.keys(values).length <= 50, 'too many secret fields');
/** Issue 20: the extension pages a framed page can ask the background to open. */
export const EXTENSION_PAGES = ['options', 'drafts'] as const;

/** One registry entry: who may send it, what it carries, what it gets back. */
export interface MessageSpec<Req extends z.ZodObject = z.ZodObject, Rep extends z.ZodType = z.ZodType> {
  from: readonly SenderKind[];
  /** The fields besides `type`. */
  request: Req;
  reply: Rep;
}

const message = <Req extends z.ZodObject, Rep extends z.ZodType>(
  from: readonly SenderKind[],
  request: Req,
  reply: Rep,
): MessageSpec<Req, Rep> => ({ from, request, reply });

/**
 * Issue 7: which portal tab a capture message is about: `tabId`, else the sender's tab when it is a
 * portal (the sidebar's frame), else the open tab showing `portalUrl` (the drafts tab editing a draft
 * started on that page).
 */
const captureTarget = {
  tabId: tabId.optional(),
  portalUrl: z.string().max(2048).optional(),
};

/** Issue 7: the background's answer to `capture-tab` (parsed by the requesting page). */
export const CaptureTabReplySchema = z.object({
  dataUrl: z.string().startsWith('data:image/png;base64,'),
  /** How many identifiers were covered on the page while it was captured. */
  masked: z.number().int().nonnegative(),
  /** Issue 14: areas covered without being read (canvas, images, cross-origin frames…), per kind. */
  uninspected: z
    .array(z.object({ kind: z.enum(OPAQUE_KINDS), count: z.number().int().positive() }))
    .max(OPAQUE_KINDS.length)
    .optional(),
});
export type CaptureTabReply = z.infer<typeof CaptureTabReplySchema>;

/** Issue 7: the answer to `capture-start`, `capture-stop` and `capture-status`. */
export const CaptureStatusSchema = z.object({
  /** Issue 14: true only while the page's capture hook sends intact heartbeats. */
  recording: z.boolean(),
  hosts: z.array(z.string().max(253)).max(20),
  /**
   * Issue 14: recording was started on this tab but is not live any more — `silent`: the heartbeats
   * stopped (the page was reloaded, left or froze); `replaced`: the page swapped `fetch`/XHR for
   * functions the hook does not see. The calls captured so far are kept.
   */
  interrupted: z.enum(['silent', 'replaced']).optional(),
});
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

const none = z.null();

/** Issue 19: one value of a draft portal profile and what it reads on the page (one per eSIM line). */
export const TeachItemSchema = z.object({
  key: z.string().max(60),
  label: z.string().max(200).optional(),
  values: z.array(z.string().max(300)).max(200),
});
/** Issue 19: the draft profile the teach script holds, with what it reads; `outcome` after pointing. */
export const TeachStateSchema = z.object({
  profile: PortalProfileSchema,
  items: z.array(TeachItemSchema).max(30),
  outcome: z.enum(['taught', 'unreadable']).optional(),
  /** The plans the Add plan form offers (those not in the catalog can be added to it). */
  planChoices: z.array(z.string().max(200)).max(200).default([]),
});
export type TeachState = z.infer<typeof TeachStateSchema>;

/** Every runtime message the background answers (`runtime.sendMessage`). */
export const BACKGROUND_MESSAGES = {
  // ── from the portal content script (untrusted: the page can influence it) ──
  'page-context': message(['portal-content'], z.object({ context: PageContextSchema }), none),
  /** An inline ICCID badge's "Escalate" (issue 8: badges lead to the context-menu flow). `draftId` null: not a valid ICCID (a notification says why). */
  'escalate-iccid': message(
    ['portal-content'],
    z.object({ iccid }),
    z.object({ draftId: z.string().max(64).nullable() }),
  ),
  /** A guarded form (Add plan / Add line) is on the page: inject the guard script next to us. */
  'load-guard': message(['portal-content'], z.object({}), none),
  /**
   * Issue 14: the page hides one of our in-page parts (covers it, fades it, closes it) or stopped
   * doing so; the toolbar button of that tab says so. Untrusted like everything from the page: at
   * worst a page raises or clears its own tab's warning.
   */
  'page-hides-ui': message(
    ['portal-content'],
    z.object({ part: z.enum(['toggle', 'verdict', 'dialog', 'badge']), hidden: z.boolean() }),
    none,
  ),
  /**
   * Issue 14: the content script is about to frame the sidebar with this one-time token in the URL's
   * fragment; only the frame that presents it (claim-sidebar-frame) gets a working sidebar.
   */
  'register-sidebar-frame': message(['portal-content'], z.object({ token: sidebarToken }), none),
  /** The toggle button / keyboard toggle changed the overlay; the background remembers nothing. */
  'sidebar-state': message(['portal-content'], z.object({ open: z.boolean() }), none),
  /**
   * Issue 7: a call the opt-in page capture saw, relayed by the capture bridge. Untrusted twice over
   * (the page can forge what the main-world script posts): the background checks the channel and
   * re-validates and redacts the call (lib/evidence createCaptureBuffer), labelled "reported by the page".
   */
  'captured-call': message(
    ['portal-content'],
    z.object({ channel: z.string().min(8).max(64), call: z.unknown() }),
    z.object({ kept: z.boolean() }),
  ),

  /**
   * Issue 14: the capture hook's heartbeat (every second while recording), relayed by the capture
   * relay. `intact`: the page still calls through the hook; `hidden`: the tab is hidden (slowed timers).
   */
  'capture-heartbeat': message(
    ['portal-content'],
    z.object({ channel: z.string().min(8).max(64), intact: z.boolean(), hidden: z.boolean() }),
    none,
  ),

  // ── from the sidebar frame ──
  /** The sidebar asks to be closed (its close button); the background tells the tab's content script. */
  'close-sidebar': message(['sidebar'], z.object({}), none),
  /** The sidebar asks to be docked on a side of the portal ('other' swaps). */
  'dock-sidebar': message(['sidebar'], z.object({ side: dockSide }), none),
  /** Issue 19: "Teach this portal" — inject the teach script into the sidebar's tab and draft a profile. */
  'teach-guess': message(['sidebar'], z.object({}), TeachStateSchema),
  /** Issue 19: "Point at it" — the agent picks the element showing `key`; null when cancelled. */
  'teach-point': message(
    ['sidebar'],
    z.object({ key: z.enum(TEACHABLE_KEYS), prompt: z.string().max(200) }),
    TeachStateSchema.nullable(),
  ),
  /** Issue 19: the sidebar's "Cancel" while pointing (Escape only reaches the page when the page has the focus). */
  'teach-cancel': message(['sidebar'], z.object({}), none),
  /** Issue 19: "Save portal" — store the taught profile with the agent's portals (host access asked first, by the sidebar). */
  'teach-save': message(
    ['sidebar'],
    z.object({ profile: PortalProfileSchema }),
    z.object({ saved: z.boolean() }),
  ),

  /**
   * Issue 14: a sidebar page asks whether our content script framed it (its token was registered for
   * its tab). A sidebar.html framed by the page itself cannot know the token and stays inert.
   */
  'claim-sidebar-frame': message(
    ['extension-page'],
    z.object({ token: sidebarToken }),
    z.object({ claimed: z.boolean() }),
  ),

  // ── from extension pages (popup, options, drafts tab, sidebar) ──
  /** Popup/options: the context of a tab (the popup asks for the active tab's). */
  'get-tab-context': message(['extension-page'], z.object({ tabId }), PageContextSchema.nullable()),
  /**
   * Issue 17: the popup's typed ICCID looked up in the page contexts of the open portal tabs: the page
   * of the one subscriber whose eSIMs include it, null when none or when tabs disagree (lib/portal/iccid-in-contexts).
   */
  'find-iccid-context': message(['extension-page'], z.object({ iccid }), PageContextSchema.nullable()),
  /** Popup "Continue in sidebar": open the sidebar on that tab with the draft selected. */
  'open-sidebar': message(
    ['extension-page'],
    z.object({ tabId, draftId: z.string().max(64).optional() }),
    z.object({ opened: z.boolean() }),
  ),
  /** Options changed the portals: re-register the content script. Replies with the match patterns now in use. */
  'portals-changed': message(['extension-page'], z.object({}), z.array(z.string().max(2048))),
  /**
   * Issue 7: screenshot of a portal tab (see `captureTarget`), returned as a data URL to the requester
   * only, never stored. A portal tab in the background is shown for the capture, then the requester's
   * tab again. `mask`: black boxes over ICCIDs, IMSIs and phone numbers while the picture is taken.
   */
  'capture-tab': message(
    ['extension-page'],
    z.object({ ...captureTarget, mask: z.boolean() }),
    CaptureTabReplySchema,
  ),
  /** Issue 7: turn the opt-in API-call capture on for a portal tab, for calls to these hosts only. */
  'capture-start': message(
    ['extension-page'],
    z.object({ ...captureTarget, hosts: z.array(z.string().min(1).max(253)).min(1).max(20) }),
    CaptureStatusSchema,
  ),
  /** Issue 7: turn the capture off (its calls are forgotten). */
  'capture-stop': message(['extension-page'], z.object(captureTarget), CaptureStatusSchema),
  /** Issue 7: is the capture on for this tab, and for which hosts. */
  'capture-status': message(['extension-page'], z.object(captureTarget), CaptureStatusSchema),
  /** Issue 7: the calls captured on this tab (already redacted, labelled "reported by the page"). */
  'list-captured-calls': message(['extension-page'], z.object(captureTarget), z.array(ApiCallSchema)),

  /**
   * Issue 20: the case's ticked troubleshooting steps, kept by the background in `storage.session`
   * (memory only). Asked of the background because a framed extension page gets no
   * `storage.session` in Firefox (w3c/webextensions#787: Mozilla's intended behaviour).
   */
  'get-case-checklist': message(['extension-page'], z.object({ key: caseKey }), stepIds),
  'set-case-checklist': message(['extension-page'], z.object({ key: caseKey, done: stepIds }), none),
  /**
   * Issue 20: a draft's secret fields (seed 002), held in the background's `storage.session` — memory,
   * never IndexedDB, an export or a log (DESIGN §2). Same reason as the case checklist.
   */
  'get-ticket-secrets': message(['extension-page'], z.object({ draftId }), secretValues),
  'set-ticket-secrets': message(['extension-page'], z.object({ draftId, values: secretValues }), none),
  /**
   * Issue 20: open Options or the drafts tab. A framed page has neither `runtime.openOptionsPage` nor
   * `tabs.create` in Firefox; the background has both.
   */
  'open-extension-page': message(['extension-page'], z.object({ page: z.enum(EXTENSION_PAGES) }), none),
} satisfies Record<string, MessageSpec>;

type Registry = typeof BACKGROUND_MESSAGES;
export type MessageType = keyof Registry;
// zod infers `z.object({})` as `Record<string, never>`: a message without fields is `{}` here.
type Fields<S> = string extends keyof S ? Record<never, never> : S;
/** What a sender passes (schema input). */
export type RequestOf<T extends MessageType> = Fields<z.input<Registry[T]['request']>>;
/** What a handler receives (schema output). */
export type ParsedRequestOf<T extends MessageType> = z.output<Registry[T]['request']>;
/** What a handler returns. */
export type ReplyInputOf<T extends MessageType> = z.input<Registry[T]['reply']>;
/** What the sender receives, parsed. */
export type ReplyOf<T extends MessageType> = z.output<Registry[T]['reply']>;
/** The message as it travels: `{ type, ...fields }`. */
export type MessageOf<T extends MessageType> = { type: T } & RequestOf<T>;

/** The content script's commands, as a schema (checked against the zod-free guard's type below). */
export const ContentCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toggle-sidebar') }),
  z.object({ type: z.literal('set-sidebar'), open: z.boolean() }),
  z.object({ type: z.literal('dock-sidebar'), side: dockSide }),
  z.object({ type: z.literal('get-context') }),
]);
// Compile-time: the hand-written type in protocol.ts and this schema describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const contentCommandsAgree: Same<z.infer<typeof ContentCommandSchema>, ContentCommand> = true;
void contentCommandsAgree;

/**
 * Issue 7: sent by the background to the capture bridge (an ISOLATED-world script injected on demand
 * by the background; it is not the portal content script). `evidence-prepare`: hide our in-page UI and,
 * when `mask`, cover personal identifiers before a screenshot; `evidence-measure`: the boxes to paint
 * onto the captured image; `evidence-restore`: undo it;
 * `evidence-recording`: start or stop relaying captured calls on `channel` and show the badge.
 */
export const BackgroundToBridgeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('evidence-prepare'), mask: z.boolean() }),
  z.object({ type: z.literal('evidence-restore') }),
  /** Issue 14: after the capture, what was covered and what is on screen now (lib/evidence/mask-plan). */
  z.object({ type: z.literal('evidence-measure'), mask: z.boolean() }),
  z.object({ type: z.literal('evidence-recording'), channel: z.string().max(64).nullable() }),
  // Issue 14: to the capture relay (document_start content script): start (channel + hosts) or stop (null).
  z.object({
    type: z.literal('capture-config'),
    channel: z.string().max(64).nullable(),
    hosts: z.array(z.string().max(253)).max(20),
  }),
]);
export type BackgroundToBridge = z.infer<typeof BackgroundToBridgeSchema>;

/** The sidebar's live channel: the background pushes the tab's context and drafts to open. */
export const SIDEBAR_PORT = 'helpdesk-sidebar';

/** Pushed by the background over the sidebar's port. */
export const SidebarPushSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), context: PageContextSchema.nullable(), tabId: z.number().int() }),
  z.object({ type: z.literal('open-draft'), draftId: z.string().max(64) }),
  z.object({ type: z.literal('not-a-portal') }),
]);
export type SidebarPush = z.infer<typeof SidebarPushSchema>;

/** The drafts store over a port (lib/messaging/drafts-rpc.ts): calls from extension pages (the sidebar). */
export const DRAFTS_PORT = 'helpdesk-drafts';

/** Who may open each port (checked with the same classifier as runtime messages). */
export const PORTS = {
  [SIDEBAR_PORT]: { from: ['sidebar'] },
  [DRAFTS_PORT]: { from: ['extension-page'] },
} as const satisfies Record<string, { from: readonly SenderKind[] }>;
