/**
 * The guard's in-page view: the verdict line after a form and the dialog that stops a submit. It
 * renders what lib/portal/guard-model decided, translated, as text only (page values such as plan
 * and line names arrive as substitutions and are set with `textContent`, never parsed as markup).
 * Each lives in a closed shadow root (shadow-host.ts); it knows nothing of verdicts or the portal.
 */
import type { GuardDialogModel, RemedyChoice, Say, VerdictLine } from '../../lib/portal/guard-model';
import { invoke } from '../../lib/portal/safe-dom';
import { agentConfirms, HOST_STYLES, pinHost, reportHidden, watchVisibility, type VisibilityWatch } from './redress';
import { BASE_CSS, el, focused, makeHost, rootOf, t } from './shadow-host';

// Status colours tint the system background, so the verdict reads in light and dark mode.
const VERDICT_CSS =
  BASE_CSS +
  ':host{display:block;margin:6px 0}p{margin:0;padding:6px 10px;border-radius:6px;border-left:4px solid var(--c,#64748b);' +
  'background:color-mix(in srgb,var(--c,#64748b) 12%,Canvas)}p:empty{display:none}' +
  '[data-status=ok]{--c:#15803d}[data-status=blocked]{--c:#dc2626}[data-status=unknown]{--c:#d97706}';

const DIALOG_CSS =
  BASE_CSS +
  '.backdrop{position:fixed;inset:0;z-index:2147483646;background:#0f172a80;display:flex;align-items:center;justify-content:center}' +
  '.dialog{max-width:520px;width:calc(100% - 32px);background:Canvas;border-radius:10px;padding:16px 18px;box-shadow:0 10px 30px #0008;border-top:5px solid #dc2626}' +
  'h2{font-size:16px;margin:0 0 8px}p{margin:0 0 10px}ul{list-style:none;margin:0 0 12px;padding:0;display:grid;gap:8px}' +
  'small{display:block;opacity:.8;margin-top:2px}.actions{display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-end}';

/** One sentence of the model, translated. */
const say = (s: Say): string => t(s.key, s.subs === undefined ? undefined : [...s.subs]);

/** The text of a verdict line: its sentences, translated, one after the other. */
export const lineText = (line: VerdictLine): string => line.text.map(say).join(' ');

/** A verdict line placed right after `form` (never inside it: the form's data stays the portal's). */
export interface VerdictView {
  readonly host: HTMLElement;
  stop(): void;
  show(line: VerdictLine): void;
}

export function mountVerdict(doc: Document, kind: string, form: Element): VerdictView {
  const { host, root } = makeHost(doc, `${kind}-verdict`, VERDICT_CSS);
  const p = el(doc, 'p', { attrs: { role: 'status' } });
  root.append(p);
  invoke(form, 'after', host);
  // Issue 14: page CSS cannot hide the verdict (inline !important, put back if changed); when the
  // page still hides it (an ancestor's opacity, something stacked over it) while its form shows,
  // the toolbar button says so.
  const unpin = pinHost(host, HOST_STYLES.block);
  let hidden = false;
  // Hidden means: in the viewport, with something to say, yet not painted for the agent (scrolled
  // away is not hidden).
  const watch = watchVisibility(p, host, (visible, intersecting) => {
    const now = intersecting && !visible && p.textContent !== '';
    if (now !== hidden) reportHidden('verdict', (hidden = now));
  });
  const stopWatching = () => {
    unpin();
    watch.stop();
    if (hidden) reportHidden('verdict', false);
  };
  return {
    host,
    stop: stopWatching,
    show(line) {
      const text = lineText(line);
      // Rewriting the same text would make screen readers announce it again.
      if (p.textContent !== text) p.textContent = text;
      p.setAttribute('data-status', line.status);
    },
  };
}

/** What the agent can do in the dialog. */
export interface DialogHandlers {
  onRemedy(choice: RemedyChoice): void;
  onOverride(): void;
  /**
   * Whether a click on an override button is the agent's own (issue 14): default {@link agentConfirms}
   * — trusted, on a dialog the browser reports visible (IntersectionObserver v2, looked at again after
   * the click), not through page content. Injected only by unit tests in jsdom, which has neither
   * trusted clicks nor layout.
   */
  isAgentClick?(ev: Event, host: Element, watch: VisibilityWatch): boolean | Promise<boolean>;
}

/** An open dialog; `close(false)` leaves focus where it is (another dialog replaces this one). */
export interface DialogView {
  close(restoreFocus?: boolean): void;
}

/**
 * Opens the blocking dialog (role `alertdialog`, modal, focus kept inside, Escape cancels and focus
 * returns to where it was). "Submit anyway" is a second, explicit step: the agent reads what will
 * happen and confirms.
 */
export function openGuardDialog(doc: Document, model: GuardDialogModel, on: DialogHandlers): DialogView {
  const returnTo = focused(doc);
  const { host, root } = makeHost(doc, 'guard-dialog', DIALOG_CSS);
  const backdrop = el(doc, 'div', { className: 'backdrop' });
  const box = el(doc, 'div', {
    className: 'dialog',
    attrs: {
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'ha-title',
      'aria-describedby': 'ha-body',
    },
  });
  const body = el(doc, 'div', { attrs: { id: 'ha-body' } });
  const content = el(doc, 'div');
  box.append(el(doc, 'h2', { text: say(model.title), attrs: { id: 'ha-title' } }), body, content);
  backdrop.append(box);
  root.append(backdrop);
  rootOf(doc).append(host);

  // Issue 14: the override must not be clickable through the page. The dialog sits in the top layer
  // (a manual popover: above every z-index of the page, out of its ancestors' opacity and clipping),
  // its host's style is pinned, and the override buttons act only on a click the browser reports as
  // landing on a visible, unoccluded dialog.
  host.setAttribute('popover', 'manual');
  const unpin = pinHost(host, HOST_STYLES.modal);
  const showOnTop = () => {
    try {
      if (host.isConnected && !host.matches(':popover-open')) host.showPopover();
    } catch {
      // No popover support (jsdom): the pinned fixed layer with the highest z-index still applies.
    }
  };
  showOnTop();
  // A page that closes our popover gets it back (the `toggle` event fires on the host).
  host.addEventListener('toggle', showOnTop);
  let reportedHidden = false;
  const watch = watchVisibility(box, host, (visible) => {
    if (visible !== !reportedHidden) reportHidden('dialog', (reportedHidden = !visible));
  });
  const agentClick = on.isAgentClick ?? agentConfirms;

  const close = (restoreFocus = true) => {
    watch.stop();
    unpin();
    host.removeEventListener('toggle', showOnTop);
    if (reportedHidden) reportHidden('dialog', false);
    host.remove();
    if (restoreFocus && returnTo !== null) invoke(returnTo, 'focus');
  };

  const button = (label: string, className: string, onClick: () => void, guarded = false) => {
    const b = el(doc, 'button', { className, text: label, attrs: { type: 'button' } });
    b.addEventListener('click', (ev) => {
      if (!guarded) return onClick();
      const verdict = agentClick(ev, host, watch);
      if (verdict === true) return onClick();
      // The decision may wait for the browser's next rendering; the dialog must still be open then.
      if (verdict !== false) void verdict.then((ok) => ok && host.isConnected && onClick());
    });
    return b;
  };

  function firstStep() {
    body.replaceChildren(...model.body.map((s) => el(doc, 'p', { text: say(s) })));
    const list = el(doc, 'ul');
    for (const choice of model.remedies) {
      const item = el(doc, 'li');
      item.append(
        button(say(choice.label), 'primary', () => {
          close();
          on.onRemedy(choice);
        }),
        el(doc, 'small', { text: say(choice.detail) }),
      );
      list.append(item);
    }
    const actions = el(doc, 'div', { className: 'actions' });
    actions.append(
      button(t('gdCancel'), '', () => close()),
      button(t('gdSubmitAnyway'), 'danger', secondStep, true),
    );
    content.replaceChildren(...(model.remedies.length ? [list] : []), actions);
    content.querySelector('button')?.focus();
  }

  function secondStep() {
    body.replaceChildren(el(doc, 'p', { text: say(model.confirm) }));
    const actions = el(doc, 'div', { className: 'actions' });
    const back = button(t('gdBack'), '', firstStep);
    actions.append(
      back,
      button(
        t('gdConfirmSubmit'),
        'danger',
        () => {
          close();
          on.onOverride();
        },
        true,
      ),
    );
    content.replaceChildren(actions);
    back.focus();
  }

  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog while it is open.
      const buttons = Array.from(root.querySelectorAll('button'));
      const i = buttons.indexOf(root.activeElement as HTMLButtonElement);
      const next = e.shiftKey ? (i <= 0 ? buttons.length - 1 : i - 1) : (i + 1) % buttons.length;
      buttons[next]?.focus();
      e.preventDefault();
    }
  });
  firstStep();
  return { close };
}
