/**
 * The Add plan / Add line guard's wiring (DESIGN §1.2, issue 4). What to say and whether a submit may
 * pass is decided by lib/portal/guard-model; guard-view.ts draws it. This file only tracks the
 * portal's forms, listens, records events, and applies the remedy the agent chose.
 *
 * The portal's own submit handler is on the form, so the guard listens on the document in the capture
 * phase and stops the event there. Page listeners: one `submit` and one `change` (delegated).
 * Nothing of the portal's DOM is changed except our own hosts, and a form control the agent chose a
 * remedy for (through lib/portal/forms).
 */
import type { Catalog } from '../../lib/catalog/schema';
import {
  findForm,
  findFormEntry,
  readFormSelection,
  setEsimSelection,
  setLineName,
  setPlanSelection,
  type FoundForm,
} from '../../lib/portal/forms';
import {
  addLineEntryLabels,
  guardAddLine,
  guardAddPlan,
  lineNamedEvent,
  openAddLineHint,
  type FormGuard,
  type GuardEventDraft,
  type RemedyChoice,
} from '../../lib/portal/guard-model';
import type { GuardEvent, PageContext } from '../../lib/portal/page-context';
import type { FormRule, PortalProfile } from '../../lib/portal/profile-schema';
import { invoke, prop, tagOf } from '../../lib/portal/safe-dom';
import {
  mountVerdict,
  openGuardDialog,
  type DialogHandlers,
  type DialogView,
  type VerdictView,
} from './guard-view';
import { listen } from './shadow-host';

/** What the guard needs from the reader and the platform. */
export interface GuardDeps {
  current(): PageContext;
  /**
   * The page as it is now (a fresh read), for the decision on a submit: the last debounced read may
   * be up to a second old, or stale by the page's design (issue 14). Falls back to `current`.
   */
  readNow?(): PageContext;
  profile(): PortalProfile | null;
  record(event: GuardEvent): void;
  /** The active plan catalog (validated by Options or the background before it was stored). */
  catalog(): Catalog | null;
  lang: 'en' | 'fr';
  /** Unit tests in jsdom only (no trusted clicks, no layout): see DialogHandlers.isAgentClick. */
  isAgentClick?: DialogHandlers['isAgentClick'];
}

type FormKind = 'add-plan' | 'add-line';

interface Tracked {
  kind: FormKind;
  found: FoundForm;
  view: VerdictView;
}

/** How long a suggested line name waits for the Add line form to appear. */
const PENDING_MS = 15_000;

/** Starts the guard; returns `refresh` (call after the page settled) and `stop`. */
export function startGuard(doc: Document, deps: GuardDeps) {
  let plan: Tracked | null = null;
  let line: Tracked | null = null;
  let pending: { name: string; planName?: string | undefined; until: number } | null = null;
  let dialog: DialogView | null = null;
  // A form the agent confirmed "Submit anyway" for: its next submit goes through once.
  const bypass = new WeakSet<Element>();

  const record = (event: GuardEventDraft) => deps.record({ ...event, at: new Date().toISOString() });

  function track(old: Tracked | null, rule: FormRule | undefined, kind: FormKind): Tracked | null {
    const found = rule === undefined ? null : findForm(doc, rule);
    if (found !== null && old !== null && old.found.form === found.form && old.view.host.isConnected)
      return { ...old, found };
    old?.view.stop();
    old?.view.host.remove();
    return found === null ? null : { kind, found, view: mountVerdict(doc, kind, found.form) };
  }

  /**
   * The model's verdict on a tracked form: the values of the form (the eSIM and plan chosen now),
   * against the page context — read afresh when `fresh` (a submit), else the last settled read.
   */
  function judge(tracked: Tracked, fresh = false): FormGuard {
    const selection = readFormSelection(tracked.found);
    const context = fresh && deps.readNow !== undefined ? deps.readNow() : deps.current();
    const catalog = deps.catalog();
    return tracked.kind === 'add-plan'
      ? guardAddPlan({
          selection,
          hasEsimControl: tracked.found.esimControl !== undefined,
          context,
          catalog,
          lang: deps.lang,
        })
      : guardAddLine({ selection, context, catalog });
  }

  const update = (tracked: Tracked | null) => tracked?.view.show(judge(tracked).line);

  function onSubmit(ev: Event, tracked: Tracked): void {
    const decision = judge(tracked, true).submit;
    if (decision.kind === 'pass') return;
    if (decision.kind === 'warn') {
      record(decision.event);
      if (decision.line) tracked.view.show(decision.line);
      return;
    }
    ev.preventDefault();
    ev.stopImmediatePropagation();
    record(decision.event);
    dialog?.close(false);
    dialog = openGuardDialog(doc, decision.dialog, {
      onRemedy: (choice) => applyRemedy(tracked, choice),
      onOverride: () => {
        record(decision.override);
        resubmit(tracked.found);
      },
      ...(deps.isAgentClick ? { isAgentClick: deps.isAgentClick } : {}),
    });
  }

  function applyRemedy(tracked: Tracked, choice: RemedyChoice) {
    const action = choice.action;
    if (action.kind === 'select-esim') {
      if (!setEsimSelection(tracked.found, action.iccid)) return;
      record(choice.applied);
      update(plan);
      return;
    }
    record(choice.applied);
    // Issue 17: the plan chosen in Add plan comes along, so the remedy does not stop halfway.
    pending = { name: action.lineName, planName: readFormSelection(tracked.found).planName, until: Date.now() + PENDING_MS };
    const entry = findFormEntry(doc, addLineEntryLabels(deps.profile()?.forms?.addLine?.form.label));
    if (entry === null) return tracked.view.show(openAddLineHint(action.lineName));
    invoke(entry, 'click');
    refresh();
  }

  function resubmit(found: FoundForm) {
    bypass.add(found.form);
    // requestSubmit runs the form's validation and fires `submit` again, which the bypass lets through.
    invoke(found.form, 'requestSubmit', ...(found.submit ? [found.submit] : []));
    // The submit event is dispatched synchronously; if validation stopped it, the bypass must not linger.
    bypass.delete(found.form);
  }

  function refresh() {
    const rules = deps.profile()?.forms;
    plan = track(plan, rules?.addPlan, 'add-plan');
    line = track(line, rules?.addLine, 'add-line');
    if (pending !== null && Date.now() > pending.until) pending = null;
    if (line !== null && pending !== null) {
      const { name, planName } = pending;
      pending = null;
      if (setLineName(line.found, name)) record(lineNamedEvent(name));
      if (planName !== undefined) setPlanSelection(line.found, planName);
    }
    update(plan);
    update(line);
  }

  const contains = (outer: Element, inner: unknown) => invoke<boolean>(outer, 'contains', inner) === true;
  // Page nodes are checked through safe-dom, not `instanceof`: realm-agnostic and not clobberable.
  const isElement = (target: EventTarget | null): target is Element =>
    target !== null && prop<number>(target, 'nodeType') === 1;

  const offSubmit = listen(doc, 'submit', (ev) => {
    // Only the agent's submits count (issue 14): a page script's `dispatchEvent(new Event('submit'))`
    // is untrusted and produces no dialog, no guard event and no message. A submit the browser fires
    // for a real click, Enter, or `requestSubmit()` (our own resubmit too) is trusted.
    if (!ev.isTrusted) return;
    const form = ev.target;
    if (!isElement(form) || tagOf(form) !== 'form') return;
    if (bypass.has(form)) {
      bypass.delete(form);
      return;
    }
    // The form may have been rendered since the last settle: look again before deciding.
    if (plan?.found.form !== form && line?.found.form !== form) refresh();
    if (plan !== null && plan.found.form === form) onSubmit(ev, plan);
    else if (line !== null && line.found.form === form) onSubmit(ev, line);
  });

  const offChange = listen(doc, 'change', (ev) => {
    const target = ev.target;
    if (plan !== null && contains(plan.found.form, target)) update(plan);
    else if (line !== null && contains(line.found.form, target)) update(line);
    // Looking for a newly rendered form again is for the agent's own changes: a page script's flood
    // of synthetic `change` events must not make us re-find forms hundreds of times (issue 14).
    else if (ev.isTrusted && isElement(target) && tagOf(target) !== '') refresh();
  });

  refresh();

  return {
    refresh,
    stop() {
      offSubmit();
      offChange();
      dialog?.close(false);
      plan?.view.stop();
      plan?.view.host.remove();
      line?.view.stop();
      line?.view.host.remove();
    },
  };
}

export type Guard = ReturnType<typeof startGuard>;
