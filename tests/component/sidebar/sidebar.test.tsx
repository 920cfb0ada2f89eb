// @vitest-environment jsdom
import { describe, it, expect, afterEach, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Sidebar, type SidebarProps } from '../../../components/sidebar/sidebar';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';
import { EMPTY, FULL, INVALID, NO_PROFILE, NOW, ONE_PROFILE_7, PARTIAL } from './contexts';

afterEach(cleanup);

function props(overrides: Partial<SidebarProps> = {}): SidebarProps {
  return {
    status: 'ready',
    context: FULL,
    onClose: vi.fn(),
    now: NOW,
    timeZone: 'UTC',
    catalog: { catalog: EXAMPLE_CATALOG, source: 'example' },
    checklist: { checklist: DEFAULT_ESIM_CHECKLIST, done: [], ready: true, onToggle: vi.fn() },
    onEscalateIccid: vi.fn(),
    onEscalateSubscriber: vi.fn(),
    onOpenOptions: vi.fn(),
    escalation: { busy: false, error: null },
    ...overrides,
  };
}

const iccidList = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-iccid]')].map((e) => e.getAttribute('data-iccid'));

describe('Sidebar', () => {
  it('shows every view for a full subscriber page, and keeps the [data-iccid] list to the page ICCIDs', async () => {
    const p = props();
    const { container } = renderWithI18n(<Sidebar {...p} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Helpdesk Assistant' })).toBeTruthy();
    for (const name of ['Subscriber', 'eSIM lines (2)', 'Plan finder', 'Add plan / Add line checks (2)', 'Troubleshooting']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(iccidList(container)).toEqual(FULL.iccids);
    await userEvent.click(screen.getByRole('button', { name: 'Escalate eSIM France' }));
    expect(p.onEscalateIccid).toHaveBeenCalledWith('89445000122510020012');
    await userEvent.click(screen.getByRole('button', { name: 'Escalate about this subscriber' }));
    expect(p.onEscalateSubscriber).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Close the sidebar' }));
    expect(p.onClose).toHaveBeenCalled();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is operable with the keyboard only: Tab reaches close, escalate, search, checklist', async () => {
    const p = props({ context: ONE_PROFILE_7 });
    renderWithI18n(<Sidebar {...p} />);
    const name = (el: Element | null) => (el as HTMLElement | null)?.getAttribute('aria-label') ?? el?.textContent ?? '';
    /** Tabs until `match` has focus (at most 40 stops); returns the names passed. */
    async function tabTo(match: (el: Element) => boolean): Promise<string[]> {
      const passed: string[] = [];
      for (let i = 0; i < 40 && !(document.activeElement && match(document.activeElement)); i += 1) {
        await userEvent.tab();
        passed.push(name(document.activeElement));
      }
      expect(document.activeElement && match(document.activeElement)).toBe(true);
      return passed;
    }
    const passed = await tabTo((el) => el.getAttribute('type') === 'search');
    expect(passed[0]).toBe('Close the sidebar');
    expect(passed).toContain('Escalate about this subscriber');
    expect(passed).toContain('Escalate eSIM Spain');
    await userEvent.keyboard('Asia 1');
    expect(screen.getByRole('row', { name: /^Asia 1/ }).textContent).toContain('Add line: name it “Asia”');
    await tabTo((el) => el.getAttribute('type') === 'checkbox');
    await userEvent.keyboard(' ');
    expect(p.checklist?.onToggle).toHaveBeenCalledWith('esim-status', true);
    await userEvent.tab({ shift: true });
    await tabTo((el) => name(el) === 'Escalate eSIM Spain');
    await userEvent.keyboard('{Enter}');
    expect(p.onEscalateIccid).toHaveBeenCalledWith('89445000122510010013');
  });

  it('says what to do when the tab is not an enabled portal', async () => {
    const p = props({ status: 'not-a-portal', context: null });
    const { container } = renderWithI18n(<Sidebar {...p} />);
    expect(screen.getByRole('status').textContent).toContain('not one of your enabled portals');
    expect(screen.getByRole('status').textContent).toContain('grant the permission');
    await userEvent.click(screen.getByRole('button', { name: 'Open Options' }));
    expect(p.onOpenOptions).toHaveBeenCalled();
    expect(iccidList(container)).toEqual([]);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('waits while connecting', () => {
    renderWithI18n(<Sidebar {...props({ status: 'connecting', context: null })} />);
    expect(screen.getByRole('status').textContent).toBe('Reading the page…');
  });

  it('without a portal profile shows only the ICCID list, with escalation per ICCID', async () => {
    const p = props({ context: NO_PROFILE });
    const { container } = renderWithI18n(<Sidebar {...p} />);
    expect(screen.getByRole('note').textContent).toContain('No portal profile reads this site');
    expect(screen.queryByRole('region', { name: 'Subscriber' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Plan finder' })).toBeNull();
    expect(iccidList(container)).toEqual(NO_PROFILE.iccids);
    await userEvent.click(screen.getByRole('button', { name: 'Escalate ICCID 8901 2600 1225 1003 019' }));
    expect(p.onEscalateIccid).toHaveBeenCalledWith('8901260012251003019');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says nothing was recognised on an empty portal page', async () => {
    const { container } = renderWithI18n(<Sidebar {...props({ context: EMPTY })} />);
    expect(screen.getByRole('status').textContent).toContain('Nothing recognised on this page');
    expect(screen.queryByRole('region', { name: 'Troubleshooting' })).toBeNull();
    expect(iccidList(container)).toEqual([]);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('handles partial and invalid data without losing the rest', async () => {
    const { container } = renderWithI18n(<Sidebar {...props({ context: PARTIAL })} />);
    expect(screen.getByRole('region', { name: 'Subscriber' }).textContent).toContain('Cannot tell');
    expect(screen.getByRole('article', { name: 'Travel' })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    cleanup();
    const invalid = renderWithI18n(<Sidebar {...props({ context: INVALID })} />);
    expect(iccidList(invalid.container)).toEqual(['8901260012251003019']);
    expect(screen.getByRole('article', { name: 'USA' }).textContent).toContain('is not a valid ICCID');
    expect(await axeViolations(invalid.container)).toEqual([]);
  });

  it('shows the ticket instead of the views while an escalation is open, and escalation errors as alerts', () => {
    renderWithI18n(<Sidebar {...props({ ticket: <section aria-label="Ticket">editor</section> })} />);
    expect(screen.getByRole('region', { name: 'Ticket' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Subscriber' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close the sidebar' })).toBeTruthy();
    cleanup();
    renderWithI18n(<Sidebar {...props({ escalation: { busy: false, error: 'The escalation could not be started: x' } })} />);
    expect(screen.getByRole('alert').textContent).toBe('The escalation could not be started: x');
  });

  it('re-renders at once with a new context (no debounce)', () => {
    const p = props({ context: ONE_PROFILE_7 });
    const { rerender, container } = renderWithI18n(<Sidebar {...p} />);
    expect(within(screen.getByRole('region', { name: 'Subscriber' })).getByText('Amira Haddad')).toBeTruthy();
    rerender(<Sidebar {...p} context={FULL} />);
    expect(within(screen.getByRole('region', { name: 'Subscriber' })).getByText('Lucas Martin')).toBeTruthy();
    expect(iccidList(container)).toEqual(FULL.iccids);
  });

  it('speaks French', () => {
    renderWithI18n(<Sidebar {...props()} />, { locale: 'fr' });
    expect(screen.getByRole('region', { name: 'Recherche de forfait' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Dépannage' })).toBeTruthy();
  });
});
