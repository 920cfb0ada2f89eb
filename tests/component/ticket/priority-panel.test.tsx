// @vitest-environment jsdom
/**
 * Issue 16 in the form: the vendor's own choices, the severity asked only when it changes the answer,
 * and the phone advice whenever a Critical Wildix ticket's response falls outside support hours.
 */
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PriorityPanel } from '../../../components/ticket/priority-panel';
import type { Draft } from '../../../lib/escalation/draft';
import { getVendor } from '../../../lib/escalation/vendors';
import { renderWithI18n } from '../render';

type Axes = Pick<Draft, 'problemKind' | 'scope' | 'severity' | 'priorityOverride'>;

function Harness({ vendorId, now, start }: { vendorId: string; now: Date; start?: Partial<Axes> }) {
  const [draft, setDraft] = useState<Axes>({
    problemKind: null,
    scope: null,
    severity: null,
    priorityOverride: null,
    ...start,
  });
  return (
    <PriorityPanel
      vendor={getVendor(vendorId)!}
      draft={draft}
      onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
      now={now}
      timeZone="Europe/Paris"
    />
  );
}

afterEach(cleanup);

const MONDAY_NOON = DateTime.fromISO('2025-03-31T12:00', { zone: 'Europe/Rome' }).toJSDate();

describe('PriorityPanel (issue 16)', () => {
  it('eSIM Go: asks how severe only when it matters, then quotes seed 000', async () => {
    renderWithI18n(<Harness vendorId="esim-go" now={MONDAY_NOON} />, { locale: 'en' });
    await userEvent.selectOptions(screen.getByLabelText('Problem kind'), 'connectivity');
    await userEvent.selectOptions(screen.getByLabelText('Who is affected'), 'several-users');
    expect(screen.getByTestId('priority-suggestion').textContent).toMatch(/how severe/);
    await userEvent.selectOptions(screen.getByLabelText('How severe'), 'minor');
    expect(screen.getByTestId('priority-suggestion').textContent).toContain(
      'minor connectivity issues affecting a small number of users',
    );
    await userEvent.selectOptions(screen.getByLabelText('How severe'), 'loss');
    expect(screen.getByTestId('priority-suggestion').textContent).toMatch(
      /^Suggested: High — .*Loss of connectivity affecting multiple users or destinations/,
    );
  });

  it('Trackunit: offers the seed 003 problems; a stolen machine is critical', async () => {
    renderWithI18n(<Harness vendorId="trackunit" now={MONDAY_NOON} />, { locale: 'fr' });
    const kind = screen.getByLabelText('Type de problème');
    expect(screen.getByRole('option', { name: 'Récupération du matériel volé' })).toBeTruthy();
    await userEvent.selectOptions(kind, 'stolen-equipment');
    expect(screen.getByTestId('priority-suggestion').textContent).toContain('Critique');
    expect(screen.queryByLabelText('Gravité')).toBeNull();
  });

  it('Wildix: a Critical filed Friday 17:50 is due Monday, with the seed 002 phone advice', () => {
    const friday = DateTime.fromISO('2025-03-28T17:50', { zone: 'Europe/Rome' }).toJSDate();
    renderWithI18n(<Harness vendorId="wildix" now={friday} start={{ problemKind: 'call-drops' }} />, {
      locale: 'en',
    });
    expect(screen.getByTestId('sla').textContent).toContain('2025-03-31 09:20');
    expect(screen.getByRole('note').textContent).toMatch(/phone/i);
  });
});
