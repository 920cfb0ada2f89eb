/**
 * Inline "Escalate" badges after each valid ICCID in the page text (issue 4; DESIGN §1: "on any other
 * page it still finds ICCIDs"). Works on every enabled portal, with or without a profile, through the
 * generic scanner. Bounded: at most MAX_BADGES, placed when the browser is idle after the page settled,
 * never on every mutation. Each badge is a closed shadow root on our own host, inserted next to the text;
 * the portal's own nodes are never changed. One delegated `click` listener on the document handles all.
 */
import { scanIccids } from '../../lib/portal/scanner';
import { invoke, parentOf, prop, tagOf } from '../../lib/portal/safe-dom';
import { formatIccid } from '../../lib/telecom/iccid';
import { HOST_STYLES, pinHost, realClick } from './redress';
import { isOwnHost } from './own-hosts';
import { BASE_CSS, el, listen, makeHost, t } from './shadow-host';

/** Badges on one page at most: a page listing thousands of ICCIDs gets the first ones only. */
export const MAX_BADGES = 200;

const BADGE_CSS =
  BASE_CSS +
  ':host{display:inline-block;margin-left:4px}button{font-size:11px;line-height:1.2;padding:1px 6px;border-radius:999px}';

// Interactive inline ancestors: a badge inside one would be part of the portal's link or button.
const INTERACTIVE = new Set(['a', 'button', 'label', 'summary']);

export interface BadgeDeps {
  escalate(iccid: string): void;
}

/** Starts the badges; `schedule()` after the page settled, `stop()` removes every badge. */
export function startBadges(doc: Document, deps: BadgeDeps) {
  const badges = new Map<Element, string>();
  // Issue 14: each badge host's size is pinned (page CSS cannot stretch it over the page).
  const unpins = new Map<Element, () => void>();
  const drop = (host: Element) => {
    unpins.get(host)?.();
    unpins.delete(host);
    host.remove();
    badges.delete(host);
  };
  let idle: number | undefined;
  let stopped = false;

  function anchorOf(text: Text): Node {
    let anchor: Node = text;
    for (let p = parentOf(text); p !== null; p = parentOf(p)) {
      const tag = tagOf(p);
      if (INTERACTIVE.has(tag)) anchor = p;
      if (tag === 'td' || tag === 'th' || tag === 'li' || tag === 'p' || tag === 'div' || tag === 'body')
        break;
    }
    return anchor;
  }

  function place() {
    idle = undefined;
    if (stopped) return;
    const body = prop<HTMLElement | null>(doc, 'body');
    if (!body) return;
    const scan = scanIccids(body, {
      maxIccids: MAX_BADGES,
      maxOccurrences: MAX_BADGES,
      maxChars: 2_000_000,
      isOwnHost,
    });
    const keep = new Set<Element>();
    for (const occurrence of scan.occurrences) {
      const anchor = anchorOf(occurrence.endNode);
      const parent = prop<Node | null>(anchor, 'parentNode');
      if (!parent) continue;
      // Badges already after this anchor (several ICCIDs in one text): reuse the one for this ICCID.
      let last: Node = anchor;
      let existing: Element | null = null;
      for (
        let next = prop<Node | null>(anchor, 'nextSibling');
        next && badges.has(next as Element);
        next = prop<Node | null>(next, 'nextSibling')
      ) {
        last = next;
        if (badges.get(next as Element) === occurrence.iccid && !keep.has(next as Element))
          existing = next as Element;
      }
      if (existing !== null) {
        keep.add(existing);
        continue;
      }
      if (keep.size >= MAX_BADGES) break;
      const host = badge(occurrence.iccid);
      invoke(parent, 'insertBefore', host, prop<Node | null>(last, 'nextSibling'));
      keep.add(host);
    }
    for (const [host] of badges) if (!keep.has(host)) drop(host);
  }

  function badge(iccid: string): Element {
    const { host, root } = makeHost(doc, 'iccid-badge', BADGE_CSS, 'span');
    root.append(
      el(doc, 'button', {
        text: t('gdBadge'),
        attrs: {
          type: 'button',
          'aria-label': t('gdBadgeLabel', [formatIccid(iccid)]),
          title: t('gdBadgeLabel', [formatIccid(iccid)]),
        },
      }),
    );
    badges.set(host, iccid);
    unpins.set(host, pinHost(host, HOST_STYLES.inline));
    return host;
  }

  // Clicks inside a closed shadow root reach the document retargeted to the host. Only a real click
  // counts: a page script calling `host.click()` cannot start an escalation, and a click that lands
  // on the host without the host being the topmost element there (issue 14) is not the agent's.
  const offClick = listen(doc, 'click', (ev) => {
    const host = ev.target as Element;
    const iccid = badges.get(host);
    if (iccid === undefined) return;
    ev.preventDefault();
    ev.stopPropagation();
    if (realClick(ev, host)) deps.escalate(iccid);
  });

  return {
    /** Places the badges the next time the browser is idle (coalesced). */
    schedule() {
      if (stopped || idle !== undefined) return;
      idle =
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(place, { timeout: 2000 })
          : (setTimeout(place, 200) as unknown as number);
    },
    stop() {
      stopped = true;
      offClick();
      for (const [host] of badges) drop(host);
    },
  };
}

export type Badges = ReturnType<typeof startBadges>;
