/**
 * The troubleshooting ticks of one case, kept in the background's `storage.session` (memory of the
 * browser session, shared by the extension's pages, gone when the browser closes): the agent can close
 * the sidebar, come back to the subscriber and find the steps already ticked. A case is a portal
 * origin + subscriber id, so two subscribers (or two portals) never share ticks. Issue 20: asked of the
 * background (entrypoints/background/handlers/session-memory.ts), because the sidebar framed in the
 * portal has no `storage.session` in Firefox.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StorageAreaLike } from '../../lib/settings/storage-area';
import { sendToBackground } from './messaging';

const PREFIX = 'case-checklist:';

/**
 * The storage key of a case: portal origin + subscriber id (or the page path when the page shows no
 * subscriber id). Null when the URL does not parse.
 */
export function caseChecklistKey(pageUrl: string, subscriberId: string | undefined): string | null {
  let origin: string;
  let path: string;
  try {
    const url = new URL(pageUrl);
    origin = url.origin;
    path = url.pathname;
  } catch {
    return null;
  }
  const id = subscriberId?.trim();
  return `${PREFIX}${origin}|${id ? `subscriber:${id}` : `page:${path}`}`;
}

function stepIds(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.length <= 64).slice(0, 200)
    : [];
}

/** Ticked step ids of a case and a setter. */
export interface CaseChecklistState {
  readonly done: readonly string[];
  /** False until the stored ticks of the current key are loaded. */
  readonly ready: boolean;
  toggle(stepId: string, done: boolean): void;
}

/**
 * The background's session memory seen as a storage area of case keys (get: one key; set: ticks per
 * key). A refusal or no background reads as no ticks, like an empty area.
 */
export const backgroundCaseArea: StorageAreaLike = {
  async get(keys) {
    const key = typeof keys === 'string' ? keys : null;
    if (key === null) return {};
    const reply = await sendToBackground('get-case-checklist', { key });
    return reply.ok ? { [key]: reply.value } : {};
  },
  async set(items) {
    for (const [key, value] of Object.entries(items))
      await sendToBackground('set-case-checklist', { key, done: stepIds(value) });
  },
  async remove(keys) {
    for (const key of typeof keys === 'string' ? [keys] : keys)
      await sendToBackground('set-case-checklist', { key, done: [] });
  },
};

/** See the module comment. `area` is injectable for tests (default: the background's session memory). */
export function useCaseChecklist(
  key: string | null,
  area: StorageAreaLike = backgroundCaseArea,
): CaseChecklistState {
  const [state, setState] = useState<{ key: string | null; done: string[]; ready: boolean }>({
    key,
    done: [],
    ready: key === null,
  });
  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    let live = true;
    setState({ key, done: [], ready: key === null });
    if (key === null) return;
    area.get(key).then(
      (got) => {
        if (live) setState({ key, done: stepIds(got[key]), ready: true });
      },
      () => {
        if (live) setState({ key, done: [], ready: true });
      },
    );
    return () => {
      live = false;
    };
  }, [key, area]);

  const toggle = useCallback(
    (stepId: string, on: boolean) => {
      const { key: k, done } = current.current;
      if (k === null) return;
      const next = on ? (done.includes(stepId) ? done : [...done, stepId]) : done.filter((d) => d !== stepId);
      const updated = { key: k, done: next, ready: true };
      current.current = updated;
      setState(updated);
      void area.set({ [k]: next }).catch(() => undefined);
    },
    [area],
  );

  return { done: state.key === key ? state.done : [], ready: state.key === key && state.ready, toggle };
}
