/**
 * Issue 17: the popup's typed ICCID looked up in the page contexts of the open portal tabs
 * (lib/portal/iccid-in-contexts). ICCIDs and subscribers from the demo portal's fixtures
 * (tests/fixtures/portal/expected.json: S-1002 Lucas Martin, eSIM 8944 5000 1225 1002 0012).
 */
import { describe, expect, it } from 'vitest';
import { contextShowingIccid } from '../../../lib/portal/iccid-in-contexts';
import type { PageContext } from '../../../lib/portal/page-context';

const LUCAS_ESIM = '89445000122510020012';
const LUCAS_OTHER = '89445000122510020020';
const EMMA_ESIM = '89445000122510010013';

function page(url: string, subscriber: PageContext['subscriber'], iccids: string[], extra: Partial<PageContext> = {}): PageContext {
  return {
    url,
    title: '',
    portalId: 'demo-portal',
    subscriber,
    esims: iccids.map((iccid) => ({ iccid, plans: [{ name: 'France 5 GB' }] })),
    iccids,
    guardEvents: [],
    readAt: '2026-11-30T10:00:00.000Z',
    ...extra,
  };
}

const lucas = page('http://portal/subscribers/S-1002', { id: 'S-1002', name: 'Lucas Martin' }, [LUCAS_ESIM, LUCAS_OTHER]);
const emma = page('http://portal/subscribers/S-1001', { id: 'S-1001', name: 'Emma Dubois' }, [EMMA_ESIM]);
const search = page('http://portal/search', null, [], { iccids: [LUCAS_ESIM] });

describe('contextShowingIccid', () => {
  it('finds the page whose eSIMs include the ICCID, among several open portal pages', () => {
    expect(contextShowingIccid([emma, search, lucas], LUCAS_ESIM)).toBe(lucas);
    expect(contextShowingIccid([emma, search, lucas], EMMA_ESIM)).toBe(emma);
  });

  it('finds nothing when no page lists the ICCID, or there is no page', () => {
    expect(contextShowingIccid([emma, lucas], '89445000122510030011')).toBeNull();
    expect(contextShowingIccid([], LUCAS_ESIM)).toBeNull();
  });

  it('ignores an ICCID merely mentioned in the page text, and a page without a subscriber', () => {
    expect(contextShowingIccid([search], LUCAS_ESIM)).toBeNull();
    const anonymous = page('http://portal/x', null, [LUCAS_ESIM]);
    expect(contextShowingIccid([anonymous], LUCAS_ESIM)).toBeNull();
  });

  it('two tabs of the same subscriber agree: the first is taken', () => {
    const again = { ...lucas, url: 'http://portal/subscribers/S-1002?tab=plans' };
    expect(contextShowingIccid([lucas, again], LUCAS_ESIM)).toBe(lucas);
  });

  it('two tabs showing different subscribers for the ICCID: ambiguous, no subscriber', () => {
    const other = page('http://portal/subscribers/S-1009', { id: 'S-1009', name: 'Someone Else' }, [LUCAS_ESIM]);
    expect(contextShowingIccid([lucas, other], LUCAS_ESIM)).toBeNull();
    expect(contextShowingIccid([other, emma, lucas], LUCAS_ESIM)).toBeNull();
    // The other subscriber's own eSIM is still found.
    expect(contextShowingIccid([lucas, other], LUCAS_OTHER)).toBe(lucas);
  });

  it('same name but different ids are different subscribers', () => {
    const namesake = page('http://portal/subscribers/S-2002', { id: 'S-2002', name: 'Lucas Martin' }, [LUCAS_ESIM]);
    expect(contextShowingIccid([lucas, namesake], LUCAS_ESIM)).toBeNull();
  });

  it('leaves out a page that shows several subscribers (issue 14: its subscriber may not own the eSIM)', () => {
    const crowded = { ...lucas, ambiguous: true };
    expect(contextShowingIccid([crowded], LUCAS_ESIM)).toBeNull();
  });
});
