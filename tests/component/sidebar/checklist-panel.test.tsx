// @vitest-environment jsdom
import { describe, it, expect, afterEach, vi } from 'vitest';
import { act, cleanup, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChecklistPanel } from '../../../components/sidebar/checklist-panel';
import { caseChecklistKey, useCaseChecklist } from '../../../components/platform/use-case-checklist';
import { DEFAULT_ESIM_CHECKLIST } from '../../../lib/escalation/checklist';
import type { StorageAreaLike } from '../../../lib/settings/storage-area';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';

afterEach(cleanup);

function memoryArea(initial: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (keys) => {
      const list = keys === null ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    set: async (items) => void Object.assign(data, items),
    remove: async (keys) => {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

describe('ChecklistPanel', () => {
  it('shows every step as a labelled checkbox with its help, and reports ticks', async () => {
    const onToggle = vi.fn();
    const { container } = renderWithI18n(
      <ChecklistPanel checklist={DEFAULT_ESIM_CHECKLIST} done={['restarted']} onToggle={onToggle} />,
    );
    expect(screen.getAllByRole('checkbox')).toHaveLength(DEFAULT_ESIM_CHECKLIST.steps.length);
    expect((screen.getByRole('checkbox', { name: 'Device restarted' }) as HTMLInputElement).checked).toBe(true);
    const status = screen.getByRole('checkbox', { name: 'eSIM status checked (Installed or Released)' });
    expect(status.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/1 of 10 done/)).toBeTruthy();
    status.focus();
    await userEvent.keyboard(' ');
    expect(onToggle).toHaveBeenCalledWith('esim-status', true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Device restarted' }));
    expect(onToggle).toHaveBeenCalledWith('restarted', false);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('is in French with French step labels', () => {
    renderWithI18n(<ChecklistPanel checklist={DEFAULT_ESIM_CHECKLIST} done={[]} onToggle={() => undefined} />, { locale: 'fr' });
    expect(screen.getByRole('checkbox', { name: 'Appareil redémarré' })).toBeTruthy();
    // Issue 16: "0 fait(s) sur 10", not "0 sur 10 faits".
    expect(screen.getByText(/0 fait\(s\) sur 10/)).toBeTruthy();
  });
});

describe('useCaseChecklist (ticks per portal origin + subscriber)', () => {
  it('keys cases by origin and subscriber id, or by page path without one', () => {
    expect(caseChecklistKey('http://127.0.0.1:4000/portal/subscribers/S-1001?x=1', 'S-1001')).toBe(
      'case-checklist:http://127.0.0.1:4000|subscriber:S-1001',
    );
    expect(caseChecklistKey('http://127.0.0.1:4000/portal/subscribers/S-1001', ' ')).toBe(
      'case-checklist:http://127.0.0.1:4000|page:/portal/subscribers/S-1001',
    );
    expect(caseChecklistKey('https://a.example/x', 'S-1')).not.toBe(caseChecklistKey('https://b.example/x', 'S-1'));
    expect(caseChecklistKey('not a url', 'S-1')).toBeNull();
  });

  it('loads, saves and switches with the case', async () => {
    const a = 'case-checklist:http://p|subscriber:A';
    const b = 'case-checklist:http://p|subscriber:B';
    const area = memoryArea({ [a]: ['restarted', 42] });
    const { result, rerender } = renderHook(({ key }) => useCaseChecklist(key, area), { initialProps: { key: a } });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.done).toEqual(['restarted']); // junk values dropped
    act(() => result.current.toggle('internet', true));
    expect(result.current.done).toEqual(['restarted', 'internet']);
    await waitFor(() => expect(area.data[a]).toEqual(['restarted', 'internet']));
    rerender({ key: b });
    expect(result.current.done).toEqual([]);
    await waitFor(() => expect(result.current.ready).toBe(true));
    act(() => result.current.toggle('install', true));
    rerender({ key: a });
    await waitFor(() => expect(result.current.done).toEqual(['restarted', 'internet']));
    act(() => result.current.toggle('restarted', false));
    await waitFor(() => expect(area.data[a]).toEqual(['internet']));
    expect(area.data[b]).toEqual(['install']);
  });
});
