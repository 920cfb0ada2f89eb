/**
 * Issue 17: an editor that has just opened puts the focus on the first required field still empty, so
 * the agent starts typing at once instead of hunting for it (one click less per ticket). Once only,
 * and never when the agent has already put the focus in the form.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useFirstEmptyFocus(form: RefObject<HTMLFormElement | null>, ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    const root = form.current;
    if (done.current || !ready || !root) return;
    done.current = true;
    if (root.contains(root.ownerDocument.activeElement)) return;
    const fields = root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      'input[aria-required="true"], textarea[aria-required="true"], select[aria-required="true"]',
    );
    const empty = [...fields].find((f) => !f.disabled && f.value.trim() === '');
    empty?.focus({ preventScroll: false });
  }, [form, ready]);
}
