/**
 * The troubleshooting checklist a surface shows: the administrator's (`storage.managed`; policy
 * wins), else the one imported in Options (`storage.local`), else the shipped default — validated on
 * every read and followed live through `storage.onChanged`. A damaged stored checklist falls back to
 * the default (and is listed in `problems`) rather than breaking the sidebar.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { DEFAULT_ESIM_CHECKLIST, type Checklist } from '../../lib/escalation/checklist';
import { CHECKLIST_KEY, effectiveChecklist, readChecklist } from '../../lib/settings/custom-data';
import type { DataProblem } from '../../lib/settings/data-problem';
import { readManaged } from '../../lib/settings/managed';
import { browserDataAreas, type DataAreas } from './use-vendors';

/** Where the checklist in effect comes from. */
export type ChecklistSource = 'default' | 'custom' | 'managed';

/** What {@link useChecklist} gives. */
export interface ChecklistState {
  readonly checklist: Checklist;
  readonly source: ChecklistSource;
  readonly problems: readonly DataProblem[];
  readonly ready: boolean;
}

/** Reads both areas once. */
export async function loadChecklist(areas: DataAreas): Promise<ChecklistState> {
  const [local, managed] = await Promise.all([readChecklist(areas.local), readManaged(areas.managed)]);
  const fromPolicy = managed.data.checklist ?? null;
  return {
    checklist: effectiveChecklist(local.checklist, fromPolicy),
    source: fromPolicy ? 'managed' : local.checklist ? 'custom' : 'default',
    problems: [...local.problems, ...managed.problems.filter((p) => p.path.startsWith('checklist'))],
    ready: true,
  };
}

/** See the module comment. `areas` defaults to the browser's. */
export function useChecklist(areas?: DataAreas): ChecklistState {
  const [state, setState] = useState<ChecklistState>({
    checklist: DEFAULT_ESIM_CHECKLIST,
    source: 'default',
    problems: [],
    ready: false,
  });
  useEffect(() => {
    const used = areas ?? browserDataAreas();
    let live = true;
    const reload = () =>
      void loadChecklist(used).then(
        (next) => live && setState(next),
        () => live && setState((s) => ({ ...s, ready: true })),
      );
    reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || (area === 'local' && CHECKLIST_KEY in changes)) reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [areas]);
  return state;
}
