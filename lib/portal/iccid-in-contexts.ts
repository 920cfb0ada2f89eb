/**
 * Issue 17: "the typed ICCID looked up in the page context of the open portal tabs". Given the page
 * contexts of the open portal tabs, the one whose page shows this ICCID among its eSIMs — the popup then
 * gives the draft that page's subscriber, portal URL and plans, as for the active tab.
 *
 * Only the eSIM lines count (an ICCID in a subscriber's eSIM list belongs to that subscriber); an ICCID
 * merely mentioned in the page text says nothing about whose it is. A page that shows several
 * subscribers (`ambiguous`, issue 14) is left out: its `subscriber` may not be the eSIM's owner.
 * When two tabs show different subscribers for the ICCID, none is taken: a wrong name on a vendor
 * ticket is worse than none (DESIGN: nothing wrong, rather nothing).
 */
import type { PageContext } from './page-context';

/** The same subscriber: same id when both have one, else the same name. */
function sameSubscriber(a: PageContext['subscriber'], b: PageContext['subscriber']): boolean {
  if (!a || !b) return false;
  if (a.id && b.id) return a.id === b.id;
  return !a.id && !b.id && !!a.name && a.name === b.name;
}

/**
 * The context of the one subscriber whose eSIMs include `iccid` (digits only, as parsed), or null when
 * no open page shows it with a subscriber, or when pages disagree about whose it is.
 */
export function contextShowingIccid(contexts: readonly PageContext[], iccid: string): PageContext | null {
  const showing = contexts.filter(
    (c) =>
      !c.ambiguous &&
      c.subscriber !== null &&
      (c.subscriber.id || c.subscriber.name) &&
      c.esims.some((e) => e.iccid === iccid),
  );
  const first = showing[0];
  if (!first) return null;
  return showing.every((c) => sameSubscriber(c.subscriber, first.subscriber)) ? first : null;
}
