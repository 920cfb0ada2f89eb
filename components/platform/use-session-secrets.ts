/**
 * Secret ticket fields (seed 002: Wildix asks for login credentials) live only in the background's
 * `storage.session` (entrypoints/background/handlers/session-memory.ts): memory of the browser
 * session, gone when the browser closes, shared by the extension's pages, never written to disk.
 * DESIGN §2: a secret is never written to IndexedDB, an export or a log — so this hook is the only
 * page-side place one is kept, and it never logs values. Issue 20: asked of the background, because
 * the sidebar framed in the portal has no `storage.session` in Firefox.
 */
import { useCallback, useEffect, useState } from 'react';
import { sendToBackground } from './messaging';

/** The secrets typed for one draft (field id → value) and a setter. */
export interface SessionSecrets {
  readonly values: Readonly<Record<string, string>>;
  set(fieldId: string, value: string): void;
}

/** See the module comment. */
export function useSessionSecrets(draftId: string): SessionSecrets {
  const [values, setValues] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    setValues({});
    // The reply is parsed with the registry's schema; no background (or a refusal) leaves it empty.
    void sendToBackground('get-ticket-secrets', { draftId }).then((reply) => {
      if (live && reply.ok) setValues(reply.value);
    });
    return () => {
      live = false;
    };
  }, [draftId]);

  const set = useCallback(
    (fieldId: string, value: string) => {
      setValues((previous) => {
        const next = { ...previous };
        if (value === '') delete next[fieldId];
        else next[fieldId] = value;
        void sendToBackground('set-ticket-secrets', { draftId, values: next });
        return next;
      });
    },
    [draftId],
  );

  return { values, set };
}
