// @vitest-environment jsdom
import { describe, it, expect, afterEach, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SubscriberCard } from '../../../components/sidebar/subscriber-card';
import { EXAMPLE_CATALOG } from '../../../lib/catalog';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';
import { FULL, INVALID, PARTIAL } from './contexts';

afterEach(cleanup);

describe('SubscriberCard', () => {
  it('shows name, id, plan, bundles and that Unlimited All makes the subscriber eligible', async () => {
    const onEscalate = vi.fn();
    const { container } = renderWithI18n(
      <SubscriberCard subscriber={FULL.subscriber!} esims={FULL.esims} catalog={EXAMPLE_CATALOG} onEscalate={onEscalate} />,
    );
    const card = screen.getByRole('region', { name: 'Subscriber' });
    expect(within(card).getByText('Lucas Martin')).toBeTruthy();
    expect(within(card).getByText('S-1002')).toBeTruthy();
    expect(within(card).getByText('Unlimited All')).toBeTruthy();
    expect(within(card).getByText('0')).toBeTruthy();
    expect(within(card).getByText('Eligible')).toBeTruthy();
    expect(card.textContent).toContain('The plan “Unlimited All” is Unlimited All');
    await userEvent.click(within(card).getByRole('button', { name: 'Escalate about this subscriber' }));
    expect(onEscalate).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says not eligible, and what to do, for a basic plan without bundles (seed 001)', async () => {
    const { container } = renderWithI18n(
      <SubscriberCard subscriber={INVALID.subscriber!} esims={INVALID.esims} catalog={EXAMPLE_CATALOG} />,
    );
    expect(screen.getByText('Not eligible')).toBeTruthy();
    expect(container.textContent).toContain('“Basic 5GB” is not Unlimited All and 0 unlimited bundle(s)');
    expect(container.textContent).toContain('add 3 unlimited bundle(s)');
    expect(screen.queryByRole('button')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says what the page does not show and cannot tell eligibility without the plan type', async () => {
    const { container } = renderWithI18n(
      <SubscriberCard subscriber={PARTIAL.subscriber!} esims={PARTIAL.esims} catalog={EXAMPLE_CATALOG} />,
    );
    expect(screen.getAllByText('not shown on the page')).toHaveLength(2); // name, plan
    expect(screen.getByText('Cannot tell')).toBeTruthy();
    expect(container.textContent).toContain('1 unlimited bundle(s) are not enough (1 missing)');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('speaks French', () => {
    renderWithI18n(<SubscriberCard subscriber={FULL.subscriber!} esims={FULL.esims} catalog={EXAMPLE_CATALOG} />, {
      locale: 'fr',
    });
    expect(screen.getByRole('region', { name: 'Abonné' })).toBeTruthy();
    expect(screen.getByText('Éligible')).toBeTruthy();
  });
});
