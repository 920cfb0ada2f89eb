/**
 * Re-runs a database query whenever the tables it read change (Dexie `liveQuery`), so lists follow
 * edits made in other surfaces (sidebar, popup, drafts tab) without polling.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

/** The latest result of `query`, or `undefined` until the first one arrives. */
export function useLive<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on.
  }, deps);
  return value;
}
