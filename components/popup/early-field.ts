/**
 * Issue 15 item 4, "pages that open at once": the popup's ICCID field before React. popup.html holds a
 * static shell (title and the ICCID field) that entrypoints/popup-fast.ts translates and focuses as the
 * page is parsed, so the agent can type at once; the React form is rendered into a detached container
 * meanwhile and, once it can take input (its draft loaded), replaces the shell in one task: no keystroke
 * can land between reading the typed text and the form's field having it and the focus, because input
 * events are dispatched as tasks of their own (HTML: event loop; keyboard events are queued as tasks).
 *
 * DOM only: no extension API, no React (the boot script bundles this file; it must stay tiny).
 */

/** The ids of the static shell in entrypoints/popup/index.html. */
export const EARLY_IDS = {
  shell: 'popup-fast',
  title: 'popup-fast-title',
  label: 'popup-fast-label',
  input: 'popup-fast-iccid',
} as const;

/** What the agent did in the static field before the form took over. */
export interface EarlyTyped {
  text: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  /** The static field had the focus (it gets it at once; the agent may have moved it away). */
  focused: boolean;
  /** The text's last change was a paste (the form moves on to the summary after a pasted ICCID). */
  pasted: boolean;
}

/** The form's two halves of the hand-over, around the moment its tree replaces the shell. */
export interface EarlyHandOver {
  /** Before the swap: puts the typed text into the form's state, synchronously (React's flushSync). */
  adopt(typed: EarlyTyped): void;
  /** After the swap, in the same task: the focus and the caret. */
  focus(typed: EarlyTyped): void;
}

export interface EarlyField {
  /**
   * Replaces the shell with the form's container, once: right after the current task (so a React
   * effect may call it: the swap runs in a microtask, before any further input event), or, while an
   * IME composition is open in the static field, as soon as it ends (moving the focus would cut it).
   */
  handOver(steps: EarlyHandOver): void;
}

const COMPOSING = 'composing';
const PASTED = 'pasted';

/**
 * Called by the boot script on the static field as soon as it exists: keeps what the hand-over needs
 * to know that the field itself does not tell (an open IME composition, a paste) on its dataset.
 */
export function markEarlyInput(input: HTMLInputElement): void {
  input.addEventListener('compositionstart', () => {
    input.dataset[COMPOSING] = '';
  });
  input.addEventListener('compositionend', () => {
    delete input.dataset[COMPOSING];
  });
  input.addEventListener('input', (e) => {
    if ((e as InputEvent).inputType === 'insertFromPaste') input.dataset[PASTED] = '';
    else delete input.dataset[PASTED];
  });
}

/**
 * The static shell of `doc`, to be replaced by `container` (the React root, rendered detached until
 * then); null when the page has no shell (the caller then attaches the container at once).
 */
export function earlyField(doc: Document, container: HTMLElement): EarlyField | null {
  const shell = doc.getElementById(EARLY_IDS.shell);
  const input = doc.getElementById(EARLY_IDS.input);
  if (!shell || !(input instanceof HTMLInputElement)) return null;
  let steps: EarlyHandOver | null = null;
  const read = (): EarlyTyped => ({
    text: input.value,
    selectionStart: input.selectionStart,
    selectionEnd: input.selectionEnd,
    selectionDirection: input.selectionDirection,
    focused: doc.activeElement === input,
    pasted: PASTED in input.dataset,
  });
  const swap = () => {
    const typed = read();
    try {
      steps?.adopt(typed);
    } finally {
      // Whatever happened in the form, the shell goes: the form is what the agent works in.
      shell.replaceWith(container);
      steps?.focus(typed);
    }
  };
  return {
    handOver(given) {
      if (steps) return;
      steps = given;
      if (COMPOSING in input.dataset) input.addEventListener('compositionend', () => queueMicrotask(swap), { once: true });
      else queueMicrotask(swap);
    },
  };
}
