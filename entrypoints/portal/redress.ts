/**
 * Issue 14 item 2: our in-page UI the page cannot redress. Three defences for every shadow host we put
 * on a portal page (toggle, verdict, guard dialog, ICCID badges):
 *
 * - {@link pinHost}: the host's look is set by INLINE `!important` declarations. Element-attached styles
 *   win the cascade over every page style sheet rule, layered or not (CSS Cascade 5 §6.1: origin and
 *   importance, then context, then element-attached styles, before layers and specificity). A
 *   MutationObserver puts back any attribute the page changes on the host (`style`, `class`, `hidden`,
 *   `inert`, `popover`…), and reports that the page tampered.
 * - {@link watchVisibility}: IntersectionObserver v2 (`trackVisibility`, W3C IntersectionObserver v2
 *   explainer): the browser says whether the target is painted unoccluded, at full opacity, without
 *   filters or odd transforms — what the page can do to us that no style of ours can undo (opacity on
 *   an ancestor, an element stacked over ours, `pointer-events:none` veils included).
 * - {@link realClick}: a click counts only if trusted, and, for a pointer click, the topmost element at
 *   the click point is our host (a host stretched over the page by page CSS must not capture the
 *   page's clicks).
 *
 * What cannot be defended here: a page can always remove our hosts, or cover the whole tab; the guard
 * then still stops the submit (it listens on the document), and the agent is told through the
 * toolbar badge (`page-hides-ui`).
 */
import { browser } from '@wxt-dev/browser';
import { invoke, prop } from '../../lib/portal/safe-dom';

/** Which of our in-page parts the page hides (the background shows it on the toolbar button). */
export type UiPart = 'toggle' | 'verdict' | 'dialog' | 'badge';

// The capture bridge hides our hosts for a screenshot (our UI is not evidence): while it does, pinned
// hosts are not put back and nothing is reported. A symbol on the isolated world's global, which the
// page cannot see.
const CAPTURE_HIDING = Symbol.for('helpdesk-assistant.capture-hiding');
const captureHiding = () => (globalThis as Record<symbol, unknown>)[CAPTURE_HIDING] === true;

/** Called by the capture bridge around a screenshot (entrypoints/capture-bridge.ts). */
export function setCaptureHiding(on: boolean): void {
  (globalThis as Record<symbol, unknown>)[CAPTURE_HIDING] = on;
}

/** Tells the background that the page hides (or stopped hiding) one of our parts. Never throws. */
export function reportHidden(part: UiPart, hidden: boolean): void {
  if (hidden && captureHiding()) return;
  try {
    void Promise.resolve(browser.runtime.sendMessage({ type: 'page-hides-ui', part, hidden })).catch(
      () => undefined,
    );
  } catch {
    // No extension context (the script was invalidated): nothing to tell.
  }
}

/**
 * Inline declarations that undo what page CSS can do to a host: `all: initial` resets every property
 * (bar direction and custom properties), the rest says how our host must look.
 */
const RESET =
  'all:initial!important;opacity:1!important;visibility:visible!important;' +
  'transform:none!important;filter:none!important;clip-path:none!important;mask:none!important;' +
  'pointer-events:auto!important;contain:none!important;' +
  // What BASE_CSS's `:host` gave the content (an inline `all` beats `:host`, so it is said here).
  'color-scheme:light dark!important;font:13px/1.4 system-ui,sans-serif!important;color:CanvasText!important;';

/** Inline styles per kind of host. */
export const HOST_STYLES = {
  /** A block after a form (the guard's verdict line). */
  block: RESET + 'display:block!important;margin:6px 0!important;',
  /** A small inline badge, sized by its content only. */
  inline: RESET + 'display:inline-block!important;margin:0 0 0 4px!important;position:static!important;',
  /** A host whose content positions itself (fixed toggle and sidebar panel). */
  layer: RESET + 'display:block!important;position:static!important;width:0!important;height:0!important;',
  /** A full-viewport modal layer (the guard dialog, in the top layer when the browser has popovers). */
  modal:
    RESET +
    'display:block!important;position:fixed!important;inset:0!important;width:auto!important;height:auto!important;' +
    'margin:0!important;padding:0!important;border:0!important;background:transparent!important;' +
    'overflow:visible!important;z-index:2147483647!important;',
} as const;

/**
 * Pins `host`'s inline style and attributes: whatever the page changes on it is put back at once (a
 * microtask later), and `onTamper` is called. Returns the stop function.
 */
export function pinHost(host: HTMLElement, style: string, onTamper?: () => void): () => void {
  host.setAttribute('style', style);
  const snapshot = new Map<string, string>();
  for (const name of host.getAttributeNames()) snapshot.set(name, host.getAttribute(name) ?? '');
  if (typeof MutationObserver !== 'function') return () => undefined;
  const observer = new MutationObserver((records) => {
    if (captureHiding()) return;
    let tampered = false;
    for (const record of records) {
      const name = record.attributeName;
      if (name === null) continue;
      const want = snapshot.get(name);
      const now = host.getAttribute(name);
      if (want === undefined ? now === null : now === want) continue;
      tampered = true;
      if (want === undefined) host.removeAttribute(name);
      else host.setAttribute(name, want);
    }
    if (tampered) onTamper?.();
  });
  observer.observe(host, { attributes: true });
  return () => observer.disconnect();
}

/** Whether this browser reports IntersectionObserver v2 visibility (Chromium 74+; not Firefox, not jsdom). */
export function hasVisibilityTracking(): boolean {
  return (
    typeof IntersectionObserver === 'function' &&
    typeof IntersectionObserverEntry === 'function' &&
    'isVisible' in IntersectionObserverEntry.prototype
  );
}

export interface VisibilityWatch {
  /**
   * Whether the target was last reported painted unoccluded at full opacity. `false` until the first
   * report: a click that comes before the browser has looked is refused.
   */
  visible(): boolean;
  /**
   * A fresh look, for a click that is about to act: resolves true only if the browser, at its next
   * rendering, reports the target visible, and the running watch has not seen it hidden in the last
   * {@link RECENTLY_HIDDEN_MS}. Reports are at most `delay` apart, so the running watch alone can be
   * up to 100 ms stale: a page that covers the dialog just before the click is caught by the fresh
   * look; one that uncovers it on pointerdown, by the recent hidden report.
   */
  confirm(): Promise<boolean>;
  stop(): void;
}

/** A target reported hidden this recently does not take an override click. */
export const RECENTLY_HIDDEN_MS = 500;
/** How long a fresh look may take (a background tab does not render): then the click is refused. */
const FRESH_LOOK_MS = 2_000;

/**
 * Follows whether `target` is really visible to the agent. With IntersectionObserver v2 the browser
 * decides (occlusion, opacity, filters, transforms of every ancestor, across frames); without it
 * (Firefox), a cheaper check of what CSS can do to us: `checkVisibility` with opacity and visibility,
 * and the element at the target's centre must be ours.
 */
export function watchVisibility(
  target: Element,
  host: Element,
  onChange?: (visible: boolean, intersecting: boolean) => void,
): VisibilityWatch {
  if (!hasVisibilityTracking()) {
    const doc = target.ownerDocument;
    return {
      visible() {
        const shown = (
          target as Element & { checkVisibility?: (o: object) => boolean }
        ).checkVisibility?.({ opacityProperty: true, visibilityProperty: true });
        if (shown === false) return false;
        const r = target.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        return topAt(doc, r.left + r.width / 2, r.top + r.height / 2) === host;
      },
      confirm() {
        return Promise.resolve(this.visible());
      },
      stop: () => undefined,
    };
  }
  let visible = false;
  let hiddenAt = -Infinity;
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      visible = entry.isIntersecting && (entry as IntersectionObserverEntry & { isVisible: boolean }).isVisible;
      if (!visible) hiddenAt = performance.now();
      onChange?.(visible, entry.isIntersecting);
    },
    // `delay` 100 ms is the smallest the browser accepts with `trackVisibility`.
    { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(target);
  const freshLook = () =>
    new Promise<boolean>((resolve) => {
      const once = new IntersectionObserver(
        (entries) => {
          const entry = entries[entries.length - 1];
          once.disconnect();
          clearTimeout(timer);
          resolve(!!entry && entry.isIntersecting && (entry as IntersectionObserverEntry & { isVisible: boolean }).isVisible);
        },
        { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      const timer = setTimeout(() => {
        once.disconnect();
        resolve(false);
      }, FRESH_LOOK_MS);
      once.observe(target);
    });
  return {
    visible: () => visible,
    async confirm() {
      const fresh = await freshLook();
      return fresh && visible && performance.now() - hiddenAt >= RECENTLY_HIDDEN_MS;
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * {@link realClick}, then a fresh look at `watch` (see VisibilityWatch.confirm): for the clicks that
 * override the guard.
 */
export async function agentConfirms(ev: Event, host: Element, watch: VisibilityWatch): Promise<boolean> {
  return realClick(ev, host, watch) && (await watch.confirm());
}

/** The topmost element at a viewport point (through the prototype: a page can shadow the method). */
function topAt(doc: Document, x: number, y: number): Element | undefined {
  return invoke<Element[]>(doc, 'elementsFromPoint', x, y)?.[0];
}

/**
 * Whether a click on our UI (inside `host`'s closed shadow root) is the agent's own: trusted, on a
 * target the agent can see (`watch`, when given), and, for a pointer click, not through something
 * of the page's: the topmost element at the click point must be `host`. Keyboard activation (no
 * pointer: `detail` 0) needs focus inside our closed root, which the page cannot give.
 */
export function realClick(ev: Event, host: Element, watch?: VisibilityWatch): boolean {
  if (!ev.isTrusted) return false;
  if (watch && !watch.visible()) return false;
  const detail = prop<number>(ev, 'detail') ?? 0;
  if (detail === 0) return true;
  const doc = host.ownerDocument;
  return topAt(doc, prop<number>(ev, 'clientX') ?? -1, prop<number>(ev, 'clientY') ?? -1) === host;
}
