/**
 * Secret ticket fields (seed 002: Wildix asks for login credentials) live only in
 * `browser.storage.session`: memory of the browser session, gone when the browser closes, shared by
 * the extension's pages, never written to disk. DESIGN §2: a secret is never written to IndexedDB,
 * an export or a log — so this hook is the only place one is kept, and it never logs values.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

const PREFIX = 'ticket-secrets:';

/** The secrets typed for one draft (field id → value) and a setter. */
export interface SessionSecrets {
  readonly values: Readonly<Record<string, string>>;
  set(fieldId: string, value: string): void;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}

/** See the module comment. */
export function useSessionSecrets(draftId: string): SessionSecrets {
  const [values, setValues] = useState<Record<string, string>>({});
  const key = PREFIX + draftId;

  useEffect(() => {
    let live = true;
    setValues({});
    const area = browser.storage.session;
    void area
      .get(key)
      .then((got) => {
        const stored = got[key];
        if (live && isStringRecord(stored)) setValues(stored);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key]);

  const set = useCallback(
    (fieldId: string, value: string) => {
      setValues((previous) => {
        const next = { ...previous };
        if (value === '') delete next[fieldId];
        else next[fieldId] = value;
        void browser.storage.session.set({ [key]: next }).catch(() => undefined);
        return next;
      });
    },
    [key],
  );

  return { values, set };
}
