/**
 * Re-runs a drafts query whenever the store reports a change, so lists follow edits made in other
 * surfaces (sidebar, popup, drafts tab) without polling.
 */
import { useEffect, useState, type DependencyList } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';

/** The latest result of `query`, or `undefined` until the first one arrives. */
export function useLive<T>(drafts: DraftsApi, query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let current = true;
    let run = 0;
    const refresh = () => {
      const mine = ++run;
      query().then(
        (next) => {
          if (current && mine === run) setValue(next);
        },
        () => undefined,
      );
    };
    refresh();
    const unwatch = drafts.watch(refresh);
    return () => {
      current = false;
      unwatch();
    };
    // The caller lists what the query depends on.
  }, [drafts, ...deps]);
  return value;
}
