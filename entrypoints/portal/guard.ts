/**
 * The Add plan / Add line guard (DESIGN §1.2, issue 4). Next to the portal's Add plan form it shows a
 * live one-line verdict (does the chosen plan's IMSI profile match the chosen eSIM's?), and it stops a
 * submit that cannot work before the portal gets it, with the reason and the remedies (seed 001:
 * "Plans can only be added to eSIMs with the matching IMSI profile … Go through the Add line flow").
 * Before Add line with "Complimentary eSIM" ticked it checks the complimentary-eSIM rule.
 *
 * The portal's own submit handler is on the form, so the guard listens on the document in the capture
 * phase and stops the event there. Page listeners: one `submit` and one `change` (delegated).
 * Nothing of the portal's DOM is changed except our own hosts, and a form control the agent chose a
 * remedy for (through lib/portal/forms).
 */
import { checkAddPlan, type AddPlanVerdict, type Remedy } from '../../lib/catalog/compatibility';
import { checkAddLine, type AddLineVerdict } from '../../lib/catalog/eligibility';
import type { Catalog } from '../../lib/catalog/schema';
import {
  findForm,
  readFormSelection,
  setEsimSelection,
  setLineName,
  type FoundForm,
} from '../../lib/portal/forms';
import type { GuardEvent, PageContext, PageEsim } from '../../lib/portal/page-context';
import type { FormRule, PortalProfile } from '../../lib/portal/profile-schema';
import { attr, invoke, prop, queryAll, rawText, tagOf } from '../../lib/portal/safe-dom';
import { formatIccid } from '../../lib/telecom/iccid';
import { BASE_CSS, el, focused, listen, makeHost, rootOf, t } from './shadow-host';

/** What the guard needs from the reader and the platform. */
export interface GuardDeps {
  current(): PageContext;
  profile(): PortalProfile | null;
  record(event: GuardEvent): void;
  /** The active plan catalog (validated by Options or the background before it was stored). */
  catalog(): Catalog | null;
  lang: 'en' | 'fr';
}

type FormKind = 'add-plan' | 'add-line';

interface Tracked {
  found: FoundForm;
  host: HTMLElement;
  line: HTMLElement;
}

/** How long a suggested line name waits for the Add line form to appear. */
const PENDING_MS = 15_000;

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

/** Starts the guard; returns `refresh` (call after the page settled) and `stop`. */
export function startGuard(doc: Document, deps: GuardDeps) {
  let plan: Tracked | null = null;
  let line: Tracked | null = null;
  let pending: { name: string; until: number } | null = null;
  let closeDialog: (() => void) | null = null;
  // A form the agent confirmed "Submit anyway" for: its next submit goes through once.
  const bypass = new WeakSet<Element>();

  const contains = (outer: Element, inner: unknown) => invoke<boolean>(outer, 'contains', inner) === true;

  function track(old: Tracked | null, rule: FormRule | undefined, kind: FormKind): Tracked | null {
    const found = rule === undefined ? null : findForm(doc, rule);
    if (found === null) {
      old?.host.remove();
      return null;
    }
    if (old !== null && old.found.form === found.form && old.host.isConnected) return { ...old, found };
    old?.host.remove();
    const { host, root } = makeHost(doc, `${kind}-verdict`, VERDICT_CSS);
    const lineEl = el(doc, 'p', { attrs: { role: 'status' } });
    root.append(lineEl);
    // Our host goes right after the form (never inside it: the form's data stays the portal's).
    invoke(found.form, 'after', host);
    return { found, host, line: lineEl };
  }

  function context() {
    const ctx = deps.current();
    return { ctx, subscriber: { ...(ctx.subscriber ?? {}), esims: ctx.esims } };
  }

  // ---- Add plan ----------------------------------------------------------------------------

  interface PlanCheck {
    verdict: AddPlanVerdict;
    esim: PageEsim;
    planName: string;
  }

  function checkPlan(found: FoundForm): PlanCheck | null {
    const catalog = deps.catalog();
    const selection = readFormSelection(found);
    if (catalog === null || selection.planName === undefined) return null;
    const { ctx, subscriber } = context();
    const iccid = selection.esimIccid;
    // Without an eSIM field (a form on the eSIM's own page), a subscriber with one eSIM means that one.
    const esim: PageEsim =
      (iccid === undefined
        ? found.esimControl === undefined && ctx.esims.length === 1
          ? ctx.esims[0]
          : undefined
        : ctx.esims.find((e) => e.iccid === iccid)) ??
      (iccid === undefined ? { plans: [] } : { iccid, plans: [] });
    const verdict = checkAddPlan({ esim, plan: selection.planName, subscriber, catalog, lang: deps.lang });
    return { verdict, esim, planName: selection.planName };
  }

  function esimLabel(esim: PageEsim): string {
    const iccid = esim.iccid === undefined ? '' : formatIccid(esim.iccid);
    return esim.lineName === undefined ? iccid : iccid === '' ? esim.lineName : `${esim.lineName} (${iccid})`;
  }

  function planText(check: PlanCheck | null): { status: string; text: string } {
    const catalog = deps.catalog();
    if (catalog === null) return { status: 'unknown', text: t('gdNoCatalog') };
    if (check === null) return { status: 'none', text: t('gdPlanChoose') };
    const { verdict, esim, planName } = check;
    const p = verdict.plan;
    let text: string;
    if (verdict.code === 'plan-not-in-catalog') text = t('gdPlanNotInCatalog', [planName]);
    else if (verdict.code === 'esim-profile-unknown')
      text = t('gdPlanEsimProfileUnknown', [p!.name, String(p!.imsiProfile)]);
    else if (verdict.code === 'profile-match') text = t('gdPlanOk', [p!.name, String(p!.imsiProfile)]);
    else text = t('gdPlanBlocked', [p!.name, String(p!.imsiProfile), String(esim.imsiProfile)]);
    if (catalog.exampleData) text += ` ${t('gdExampleCatalog')}`;
    return { status: verdict.status, text };
  }

  function show(tracked: Tracked, status: string, text: string) {
    if (tracked.line.textContent !== text) tracked.line.textContent = text;
    tracked.line.setAttribute('data-status', status);
  }

  function updatePlan() {
    if (plan === null) return;
    const { status, text } = planText(checkPlan(plan.found));
    show(plan, status, text);
  }

  function remedyLabel(remedy: Remedy): string {
    return remedy.kind === 'use-other-esim'
      ? t('gdRemedyOtherEsim', [remedy.lineName ?? formatIccid(remedy.iccid), formatIccid(remedy.iccid)])
      : t('gdRemedyAddLine');
  }

  function onPlanSubmit(ev: Event, tracked: Tracked): void {
    const check = checkPlan(tracked.found);
    if (check === null) return; // nothing chosen yet: the portal's own validation answers
    const { verdict, esim, planName } = check;
    const base = {
      form: 'add-plan' as const,
      planName: planName.slice(0, 200),
      reason: verdict.reason.slice(0, 500),
    };
    const iccid = esim.iccid === undefined ? {} : { iccid: esim.iccid };
    if (verdict.status === 'ok') return;
    if (verdict.status === 'unknown') {
      // Cannot tell: warn, never block (the agent may know better than our catalog).
      deps.record({ kind: 'warned', at: now(), ...base, ...iccid });
      show(tracked, 'unknown', `${t('gdSubmittedUnchecked')} ${planText(check).text}`);
      return;
    }
    stop(ev);
    deps.record({ kind: 'blocked', at: now(), ...base, ...iccid });
    const p = verdict.plan!;
    const remedies = verdict.remedies.filter(
      (r) => r.kind === 'add-line' || tracked.found.esimControl !== undefined,
    );
    openDialog({
      title: t('gdDialogPlanTitle'),
      body: [
        t('gdDialogPlanBody', [p.name, String(p.imsiProfile), esimLabel(esim), String(esim.imsiProfile)]),
        remedies.length ? t('gdDialogRemedies') : '',
      ],
      remedies: remedies.map((remedy) => ({
        label: remedyLabel(remedy),
        detail:
          remedy.kind === 'add-line'
            ? t('gdRemedyAddLineDetail', [remedy.lineName, String(remedy.profile)])
            : t('gdRemedyOtherEsimDetail', [String(remedy.profile)]),
        run: () => applyRemedy(tracked, remedy, planName),
      })),
      overrideText: t('gdConfirmPlan'),
      onOverride: () => {
        deps.record({ kind: 'override', at: now(), ...base, ...iccid });
        resubmit(tracked.found);
      },
    });
  }

  function applyRemedy(tracked: Tracked, remedy: Remedy, planName: string) {
    const at = now();
    if (remedy.kind === 'use-other-esim') {
      if (setEsimSelection(tracked.found, remedy.iccid)) {
        deps.record({
          kind: 'remedy-applied',
          form: 'add-plan',
          at,
          planName,
          iccid: remedy.iccid,
          reason: `Switched the form to eSIM ${remedy.iccid}.`,
        });
        updatePlan();
      }
      return;
    }
    deps.record({
      kind: 'remedy-applied',
      form: 'add-plan',
      at,
      planName,
      reason: `Add line instead, line name "${remedy.lineName}".`.slice(0, 500),
    });
    pending = { name: remedy.lineName, until: Date.now() + PENDING_MS };
    const entry = findAddLineEntry();
    if (entry === null) {
      show(tracked, 'unknown', t('gdOpenAddLine', [remedy.lineName]));
      return;
    }
    invoke(entry, 'click');
    refresh();
  }

  /** The portal's way into Add line: a button or link named like the Add line form (outside forms). */
  function findAddLineEntry(): Element | null {
    const rule = deps.profile()?.forms?.addLine;
    const labels = rule?.form.label;
    const names = (labels === undefined ? ['Add line'] : typeof labels === 'string' ? [labels] : labels).map(
      norm,
    );
    for (const candidate of queryAll(doc, 'button,a[href],[role="button"]')) {
      if (!names.includes(norm(rawText(candidate)))) continue;
      if (tagOf(candidate) === 'button' && attr(candidate, 'type') === 'submit') continue;
      return candidate;
    }
    return null;
  }

  // ---- Add line (complimentary eSIM) -------------------------------------------------------

  /** The "Complimentary eSIM" checkbox: the profile format has no rule for it, so find it by its label. */
  function complimentaryBox(found: FoundForm): Element | null {
    for (const box of queryAll(found.form, 'input[type="checkbox"]')) {
      const labels = prop<NodeListOf<Element>>(box, 'labels');
      let text = `${attr(box, 'name') ?? ''} ${attr(box, 'aria-label') ?? ''}`;
      if (labels) for (const l of Array.from(labels)) text += ` ${rawText(l)}`;
      if (/complimentary|compl[ée]mentaire|offert|gratuit/i.test(text)) return box;
    }
    return null;
  }

  function checkLine(found: FoundForm): AddLineVerdict | null {
    const box = complimentaryBox(found);
    if (box === null || prop<boolean>(box, 'checked') !== true) return null;
    const { subscriber } = context();
    const catalog = deps.catalog();
    return checkAddLine({ subscriber, ...(catalog === null ? {} : { catalog }) });
  }

  function lineText(v: AddLineVerdict): string {
    const planType = deps.current().subscriber?.planType ?? '';
    switch (v.code) {
      case 'unlimited-all':
        return t('gdLineUnlimitedAll', [planType]);
      case 'enough-bundles':
        return t('gdLineEnoughBundles', [String(v.bundlesHeld ?? 0), String(v.esimsShared ?? 0)]);
      case 'not-enough-bundles':
        return t('gdLineNotEnough', [planType, String(v.bundlesHeld ?? 0), String(v.esimsShared ?? 1)]);
      default:
        return t('gdLineUnknown');
    }
  }

  function lineFix(v: AddLineVerdict): string {
    return v.bundlesMissing === undefined ? t('gdLineFixCheck') : t('gdLineFix', [String(v.bundlesMissing)]);
  }

  function updateLine() {
    if (line === null) return;
    const v = checkLine(line.found);
    if (v === null) return show(line, 'none', '');
    const status = v.status === 'eligible' ? 'ok' : v.status === 'not-eligible' ? 'blocked' : 'unknown';
    show(line, status, v.status === 'eligible' ? lineText(v) : `${lineText(v)} ${lineFix(v)}`);
  }

  function onLineSubmit(ev: Event, tracked: Tracked): void {
    const v = checkLine(tracked.found);
    if (v === null || v.status === 'eligible') return;
    const base = {
      form: 'add-line' as const,
      reason: `${v.reason} ${v.toBecomeEligible ?? ''}`.trim().slice(0, 500),
    };
    if (v.status === 'unknown') {
      deps.record({ kind: 'warned', at: now(), ...base });
      return;
    }
    stop(ev);
    deps.record({ kind: 'blocked', at: now(), ...base });
    openDialog({
      title: t('gdDialogLineTitle'),
      body: [lineText(v), lineFix(v)],
      remedies: [],
      overrideText: t('gdConfirmLine'),
      onOverride: () => {
        deps.record({ kind: 'override', at: now(), ...base });
        resubmit(tracked.found);
      },
    });
  }

  // ---- the dialog --------------------------------------------------------------------------

  interface DialogSpec {
    title: string;
    body: string[];
    remedies: Array<{ label: string; detail: string; run: () => void }>;
    overrideText: string;
    onOverride: () => void;
  }

  function openDialog(spec: DialogSpec) {
    closeDialog?.();
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
    const title = el(doc, 'h2', { text: spec.title, attrs: { id: 'ha-title' } });
    const body = el(doc, 'div', { attrs: { id: 'ha-body' } });
    const content = el(doc, 'div');
    box.append(title, body, content);
    backdrop.append(box);
    root.append(backdrop);
    rootOf(doc).append(host);

    const close = (restoreFocus = true) => {
      host.remove();
      closeDialog = null;
      if (restoreFocus && returnTo !== null) invoke(returnTo, 'focus');
    };
    closeDialog = () => close(false);

    const button = (label: string, className: string, onClick: () => void) => {
      const b = el(doc, 'button', { className, text: label, attrs: { type: 'button' } });
      b.addEventListener('click', onClick);
      return b;
    };

    function firstStep() {
      body.replaceChildren(...spec.body.filter(Boolean).map((text) => el(doc, 'p', { text })));
      const list = el(doc, 'ul');
      for (const r of spec.remedies) {
        const item = el(doc, 'li');
        item.append(
          button(r.label, 'primary', () => {
            close();
            r.run();
          }),
          el(doc, 'small', { text: r.detail }),
        );
        list.append(item);
      }
      const actions = el(doc, 'div', { className: 'actions' });
      actions.append(
        button(t('gdCancel'), '', () => close()),
        button(t('gdSubmitAnyway'), 'danger', secondStep),
      );
      content.replaceChildren(...(spec.remedies.length ? [list] : []), actions);
      (content.querySelector('button') as HTMLElement | null)?.focus();
    }

    // "Submit anyway" is a second, explicit step: the agent reads what will happen and confirms.
    function secondStep() {
      body.replaceChildren(el(doc, 'p', { text: spec.overrideText }));
      const actions = el(doc, 'div', { className: 'actions' });
      const back = button(t('gdBack'), '', firstStep);
      actions.append(
        back,
        button(t('gdConfirmSubmit'), 'danger', () => {
          close();
          spec.onOverride();
        }),
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
  }

  // ---- wiring --------------------------------------------------------------------------------

  function stop(ev: Event) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
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
      const name = pending.name;
      pending = null;
      if (setLineName(line.found, name)) {
        deps.record({
          kind: 'remedy-applied',
          form: 'add-line',
          at: now(),
          reason: `Line name set to "${name}".`.slice(0, 500),
        });
      }
    }
    updatePlan();
    updateLine();
  }

  const offSubmit = listen(doc, 'submit', (ev) => {
    const form = ev.target;
    if (!(form instanceof Element) || tagOf(form) !== 'form') return;
    if (bypass.has(form)) {
      bypass.delete(form);
      return;
    }
    // The form may have been rendered since the last settle: look again before deciding.
    if (plan?.found.form !== form && line?.found.form !== form) refresh();
    if (plan !== null && plan.found.form === form) onPlanSubmit(ev, plan);
    else if (line !== null && line.found.form === form) onLineSubmit(ev, line);
  });

  const offChange = listen(doc, 'change', (ev) => {
    const target = ev.target;
    if (plan !== null && contains(plan.found.form, target)) updatePlan();
    else if (line !== null && contains(line.found.form, target)) updateLine();
    else if (target instanceof Element && tagOf(target) !== '') refresh();
  });

  refresh();

  return {
    refresh,
    stop() {
      offSubmit();
      offChange();
      closeDialog?.();
      plan?.host.remove();
      line?.host.remove();
    },
  };
}

function now(): string {
  return new Date().toISOString();
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

export type Guard = ReturnType<typeof startGuard>;
