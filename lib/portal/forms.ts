/**
 * The portal's Add plan / Add line forms, for the guard in the content script (DESIGN §1: check the
 * plan's IMSI profile against the eSIM's before the portal gets the submit). Finds the form and its
 * controls by a profile's FormRule, reads what the agent chose, and applies a remedy (choose another
 * eSIM, pre-name a new line) through the same events a person's input fires.
 *
 * Forms are the DOM objects a page can clobber most easily (`<input name="submit">` replaces
 * `form.submit`, `name="elements"` replaces `form.elements`): every built-in goes through safe-dom.
 */
import { findIccids, parseIccid } from '../telecom/iccid';
import type { FormRule } from './profile-schema';
import { findControl, findFormElements, newLocateCache, queryIn, selectedOption } from './locate';
import { attr, docOf, invoke, prop, queryAll, queryOne, rawText, setProp, tagOf } from './safe-dom';
import { normalizeText } from './values';

/** A form found on the page, with the controls the guard needs. */
export interface FoundForm {
  readonly form: Element;
  readonly esimControl?: Element;
  readonly planControl: Element;
  readonly lineNameControl?: Element;
  /** The "Complimentary eSIM" checkbox of an Add line form, when the rule names one. */
  readonly complimentaryControl?: Element;
  readonly submit?: Element;
}

/** What the agent chose in a found form. */
export interface FormSelection {
  /** The eSIM's ICCID (digits), when the eSIM control's choice holds a valid one. */
  readonly esimIccid?: string;
  /** The plan as the agent sees it: the chosen option's visible text, or the typed value. */
  readonly planName?: string;
  /** Whether the complimentary-eSIM box is ticked; only when the form has that control. */
  readonly complimentary?: boolean;
}

const SUBMIT_SELECTOR = 'button[type="submit"],input[type="submit"],button:not([type]),input[type="image"]';

/** Form-like elements a page holds at most that {@link startFormCandidateScan} reports. */
const MAX_CANDIDATES = 50;
// How often the walk asks whether to yield: every so many elements (asking costs a clock read).
const CHECK_EVERY = 256;
const FORM_TAGS = new Set(['form', 'dialog']);

/**
 * The form-like elements of a page (`<form>`, `<dialog>`, `role="form"`, `role="dialog"`), found by
 * a walk that runs in slices (issue 15): the content script looks for a guarded form after every
 * settled change of every portal page, and one selector query for them over a 100,000-row table was a
 * 55–104 ms task of ours. A page without any (a plain list) costs the walk and nothing more; a page
 * with some gets {@link findForm} over those candidates.
 */
export function startFormCandidateScan(doc: Document): {
  step(shouldYield: () => boolean): boolean;
  result(): Element[];
} {
  const found: Element[] = [];
  const walker = invoke<TreeWalker>(doc, 'createTreeWalker', doc, 1 /* SHOW_ELEMENT */);
  let done = walker === undefined;
  return {
    step(shouldYield) {
      let n = 0;
      while (!done) {
        const el = walker!.nextNode() as Element | null;
        if (el === null || found.length >= MAX_CANDIDATES) {
          done = true;
          break;
        }
        const tag = el.localName;
        if (typeof tag === 'string' && FORM_TAGS.has(tag)) found.push(el);
        else if (typeof el.hasAttributes !== 'function' || el.hasAttributes()) {
          const role = attr(el, 'role');
          if (role === 'form' || role === 'dialog') found.push(el);
        }
        if (++n >= CHECK_EVERY) {
          n = 0;
          if (shouldYield()) return false;
        }
      }
      return true;
    },
    result: () => found,
  };
}

/**
 * Finds the form a rule describes, with its controls; null when the form or its plan control is
 * not on the page (yet: single-page portals render forms late, so callers retry on DOM changes).
 * With several candidates, the first that has a plan control wins. `candidates`: the page's form-like
 * elements, when already known ({@link startFormCandidateScan}): a form found by its label is looked
 * for among them instead of by a query over the whole page.
 */
export function findForm(doc: Document, rule: FormRule, candidates?: readonly Element[]): FoundForm | null {
  const cache = newLocateCache();
  for (const form of findFormElements(doc, rule.form, cache, candidates)) {
    const planControl = findControl(form, rule.planField, cache);
    if (planControl === null) continue;
    const esimControl = rule.esimField === undefined ? null : findControl(form, rule.esimField, cache);
    const lineNameControl =
      rule.lineNameField === undefined ? null : findControl(form, rule.lineNameField, cache);
    const complimentaryControl =
      rule.complimentaryField === undefined ? null : findControl(form, rule.complimentaryField, cache);
    const submit =
      rule.submit === undefined
        ? queryOne(form, SUBMIT_SELECTOR)
        : (findSubmit(form, rule.submit.css, rule.submit.label) ?? null);
    return {
      form,
      planControl,
      ...(esimControl === null ? {} : { esimControl }),
      ...(lineNameControl === null ? {} : { lineNameControl }),
      ...(complimentaryControl === null ? {} : { complimentaryControl }),
      ...(submit === null ? {} : { submit }),
    };
  }
  return null;
}

function findSubmit(
  form: Element,
  css: string | undefined,
  label: string | string[] | undefined,
): Element | null {
  if (css !== undefined) return queryIn([form], css, false)[0] ?? null;
  if (label === undefined) return null;
  const wanted = (typeof label === 'string' ? [label] : label).map((l) => normalizeText(l).toLowerCase());
  for (const el of queryIn([form], SUBMIT_SELECTOR + ',button', false)) {
    const text = tagOf(el) === 'input' ? (prop<string>(el, 'value') ?? '') : rawText(el);
    if (wanted.includes(normalizeText(text).toLowerCase())) return el;
  }
  return null;
}

/** The visible text and value of a control's current choice. */
function choiceOf(control: Element): { text: string; value: string } | null {
  if (tagOf(control) === 'select') {
    const option = selectedOption(control);
    if (option === null) return null;
    return { text: normalizeText(rawText(option)), value: prop<string>(option, 'value') ?? '' };
  }
  const value = normalizeText(prop<string>(control, 'value') ?? '');
  return { text: value, value };
}

/** An ICCID in a text: the whole text, else the first one inside it ("France — 8944 5000 …"). */
function iccidIn(text: string): string | undefined {
  const whole = parseIccid(text);
  if (whole.ok) return whole.iccid;
  return findIccids(text)[0]?.iccid;
}

/**
 * What the agent chose: the plan's visible name (option text, not its code) and the eSIM's ICCID,
 * parsed from the chosen option's value or else its text. An empty choice ("Select a plan…" with
 * an empty value) gives no plan name.
 */
export function readFormSelection(found: FoundForm): FormSelection {
  const out: { esimIccid?: string; planName?: string; complimentary?: boolean } = {};
  const plan = choiceOf(found.planControl);
  if (plan !== null && plan.text !== '' && !(tagOf(found.planControl) === 'select' && plan.value === '')) {
    out.planName = plan.text.slice(0, 200);
  }
  if (found.esimControl !== undefined) {
    const esim = choiceOf(found.esimControl);
    const iccid = esim === null ? undefined : (iccidIn(esim.value) ?? iccidIn(esim.text));
    if (iccid !== undefined) out.esimIccid = iccid;
  }
  if (found.complimentaryControl !== undefined)
    out.complimentary = prop<boolean>(found.complimentaryControl, 'checked') === true;
  return out;
}

/**
 * The portal's way into a form from elsewhere on the page: a button or link whose text is one of
 * `labels` (the guard's "Add line instead" remedy opens Add line). Submit buttons are skipped: they
 * belong to forms.
 */
export function findFormEntry(doc: Document, labels: string | readonly string[]): Element | null {
  const names = (typeof labels === 'string' ? [labels] : labels).map((l) => normalizeText(l).toLowerCase());
  for (const candidate of queryAll(doc, 'button,a[href],[role="button"]')) {
    if (!names.includes(normalizeText(rawText(candidate)).toLowerCase())) continue;
    if (tagOf(candidate) === 'button' && attr(candidate, 'type') === 'submit') continue;
    return candidate;
  }
  return null;
}

/** Fires `input` then `change` (bubbling) so the portal's own scripts and frameworks see the change. */
function notify(control: Element): void {
  const doc = docOf(control);
  for (const type of ['input', 'change']) {
    const event = invoke<Event>(doc, 'createEvent', 'Event');
    if (event === undefined) continue;
    invoke(event, 'initEvent', type, true, false);
    invoke(control, 'dispatchEvent', event);
  }
}

/**
 * Chooses the eSIM with this ICCID in the form's eSIM control (the remedy "add the plan to the
 * other eSIM of this subscriber"). True only when the control is a `<select>` with an option for
 * that ICCID (by value or text); never invents an option.
 */
export function setEsimSelection(found: FoundForm, iccid: string): boolean {
  const control = found.esimControl;
  if (control === undefined || tagOf(control) !== 'select') return false;
  const wanted = parseIccid(iccid);
  if (!wanted.ok) return false;
  const options = prop<HTMLCollectionOf<Element>>(control, 'options');
  if (options === undefined) return false;
  for (let i = 0; i < options.length; i++) {
    const option = options[i] as Element;
    const value = prop<string>(option, 'value') ?? '';
    if (iccidIn(value) === wanted.iccid || iccidIn(normalizeText(rawText(option))) === wanted.iccid) {
      setProp(control, 'selectedIndex', i);
      notify(control);
      return true;
    }
  }
  return false;
}

/**
 * Chooses the plan with this visible name in the form's plan control (issue 17: "Add line instead"
 * keeps the plan the agent had chosen in Add plan — seed 001's remedy is a new eSIM for that plan).
 * True only when the control is a `<select>` with an option showing that name; never invents one.
 */
export function setPlanSelection(found: FoundForm, planName: string): boolean {
  const control = found.planControl;
  if (tagOf(control) !== 'select') return false;
  const wanted = normalizeText(planName).toLowerCase();
  const options = prop<HTMLCollectionOf<Element>>(control, 'options');
  if (options === undefined || wanted === '') return false;
  for (let i = 0; i < options.length; i++) {
    const option = options[i] as Element;
    if (normalizeText(rawText(option)).toLowerCase() !== wanted) continue;
    setProp(control, 'selectedIndex', i);
    notify(control);
    return true;
  }
  return false;
}

/**
 * Types a line name into the form (seed 001: name the line after the destination country, or the
 * plan's region). Uses the built-in `value` setter — frameworks that wrap the instance's setter
 * still see the change through the `input` event. False when the form has no line-name control.
 */
export function setLineName(found: FoundForm, name: string): boolean {
  const control = found.lineNameControl;
  if (control === undefined) return false;
  const tag = tagOf(control);
  if (tag !== 'input' && tag !== 'textarea') return false;
  if (!setProp(control, 'value', name)) return false;
  notify(control);
  return true;
}
