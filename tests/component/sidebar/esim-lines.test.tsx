// @vitest-environment jsdom
import { describe, it, expect, afterEach, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EsimLines } from '../../../components/sidebar/esim-lines';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';
import { FULL, INVALID, NOW, ONE_PROFILE_7, PARTIAL } from './contexts';

afterEach(cleanup);

function planTexts(listName: string): string[] {
  return within(screen.getByRole('list', { name: listName }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

describe('EsimLines', () => {
  it('lists each eSIM with grouped ICCID, profile, status and plans newest first with their life', async () => {
    const onEscalate = vi.fn();
    const copy = vi.fn(() => Promise.resolve());
    const { container } = renderWithI18n(
      <EsimLines esims={FULL.esims} catalog={EXAMPLE_CATALOG} now={NOW} onEscalate={onEscalate} copy={copy} />,
    );
    expect(screen.getByRole('heading', { name: 'eSIM lines (2)' })).toBeTruthy();
    const france = screen.getByRole('article', { name: 'France' });
    expect(within(france).getByText('8944 5000 1225 1002 0012')).toBeTruthy();
    expect(within(france).getByText('7')).toBeTruthy();
    expect(within(france).getByText('Active')).toBeTruthy();
    // Euro 2 (activated 10 June) before France (1 May); Euro 2 ends 10 July end of day → 25 days left.
    const plans = planTexts('Plans of France');
    expect(plans[0]).toContain('Euro 2');
    expect(plans[0]).toContain('Active, 25 days left');
    expect(plans[1]).toContain('France');
    expect(plans[1]).toContain('Expired');
    const japan = screen.getByRole('article', { name: 'Japan' });
    expect(within(japan).getByText('10')).toBeTruthy();
    expect(planTexts('Plans of Japan')[0]).toContain('Pending activation (then 30 days)');

    await userEvent.click(screen.getByRole('button', { name: 'Copy ICCID 8944 5000 1225 1002 0020 of line Japan' }));
    expect(copy).toHaveBeenCalledWith('89445000122510020020');
    expect(await within(japan).findByText('Copied')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Escalate eSIM Japan' }));
    expect(onEscalate).toHaveBeenCalledWith('89445000122510020020');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('counts days left on the Euro 1 plan of the one-eSIM subscriber', () => {
    renderWithI18n(<EsimLines esims={ONE_PROFILE_7.esims} catalog={EXAMPLE_CATALOG} now={NOW} />);
    expect(planTexts('Plans of Spain')[0]).toContain('Active, 20 days left');
    expect(screen.queryByRole('button', { name: /Escalate/ })).toBeNull();
  });

  it('says what is missing for an eSIM without profile and a plan without dates', async () => {
    const { container } = renderWithI18n(<EsimLines esims={PARTIAL.esims} catalog={EXAMPLE_CATALOG} now={NOW} />);
    const travel = screen.getByRole('article', { name: 'Travel' });
    expect(within(travel).getAllByText('not shown on the page')).toHaveLength(2); // profile, status
    expect(planTexts('Plans of Travel')[0]).toContain('Unknown: no dates or state shown');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('flags an invalid ICCID and never offers to copy or escalate it', async () => {
    const onEscalate = vi.fn();
    const { container } = renderWithI18n(
      <EsimLines esims={INVALID.esims} catalog={EXAMPLE_CATALOG} now={NOW} onEscalate={onEscalate} />,
    );
    const usa = screen.getByRole('article', { name: 'USA' });
    expect(within(usa).getByRole('note').textContent).toContain('8944 5000 0000 0000 0018');
    expect(within(usa).getByRole('note').textContent).toContain('is not a valid ICCID');
    expect(within(usa).queryByRole('button')).toBeNull();
    // The second line has no name: it is numbered; its unreadable activation date is reported.
    const second = screen.getByRole('article', { name: 'eSIM 2 (no line name)' });
    expect(within(second).getByText('8901 2600 1225 1003 019')).toBeTruthy();
    expect(planTexts('Plans of eSIM 2 (no line name)')[0]).toContain('Unknown: a date cannot be read');
    expect(screen.getAllByRole('button', { name: /^Escalate/ })).toHaveLength(1);
    expect(screen.getByText('No plan on this eSIM.')).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('tells how to add an eSIM when there is none', async () => {
    const { container } = renderWithI18n(<EsimLines esims={[]} catalog={EXAMPLE_CATALOG} now={NOW} />, { locale: 'fr' });
    expect(screen.getByRole('heading', { name: 'Lignes eSIM (0)' })).toBeTruthy();
    expect(container.textContent).toContain('Aucune ligne eSIM');
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('EsimLines in the portal time zone (issue 16)', () => {
  it('an expiry badge on a CET portal names the day the portal line shows', () => {
    const esims = [{ lineName: 'Paris', plans: [{ name: 'Euro 1', activatedAt: '2026-10-17', expiresAt: '2026-11-15' }] }];
    const now = new Date('2026-11-20T12:00:00Z');
    renderWithI18n(<EsimLines esims={esims} catalog={EXAMPLE_CATALOG} now={now} timeZone="Europe/Paris" />);
    const [plan] = planTexts('Plans of Paris');
    expect(plan).toContain('2026-11-15');
    expect(plan).toContain('Nov 15, 2026');
    expect(plan).not.toContain('Nov 16');
  });
});
