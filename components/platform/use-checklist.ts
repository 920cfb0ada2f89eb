/**
 * The troubleshooting checklist a surface shows: the administrator's (`storage.managed`; policy
 * wins), else the one imported in Options (`storage.local`), else the shipped default — validated on
 * every read and followed live through `storage.onChanged`. A damaged stored checklist falls back to
 * the default (and is listed in `problems`) rather than breaking the sidebar.
 */
import { DEFAULT_ESIM_CHECKLIST, type Checklist } from '../../lib/escalation/checklist';
import { CHECKLIST_KEY, readChecklist } from '../../lib/settings/custom-data';
import type { DataProblem } from '../../lib/settings/data-problem';
import { effectiveConfig } from '../../lib/settings/effective';
import { readManaged } from '../../lib/settings/managed';
import { useStoredData, type DataAreas } from './use-vendors';

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
  const config = effectiveConfig({ checklist: local.checklist }, managed.data);
  return {
    checklist: config.checklist,
    source: config.checklistSource,
    problems: [...local.problems, ...managed.problems.filter((p) => p.path.startsWith('checklist'))],
    ready: true,
  };
}

/** See the module comment. `areas` defaults to the browser's. */
export function useChecklist(areas?: DataAreas): ChecklistState {
  return useStoredData(loadChecklist, CHECKLIST_KEY, INITIAL_CHECKLIST, areas);
}

const INITIAL_CHECKLIST: ChecklistState = {
  checklist: DEFAULT_ESIM_CHECKLIST,
  source: 'default',
  problems: [],
  ready: false,
};
