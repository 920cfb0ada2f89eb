/**
 * The first guess on a portal with no profile (issue 19): find the label → value pairs the label
 * rules already know how to read (column headers, row headers, `dt`/`dd`, `<label>`/control,
 * "Label: value", a label element followed by its value), recognise the labels that matter through
 * the multilingual vocabulary (./vocabulary.ts), group the repeated blocks that each hold one ICCID
 * into eSIM lines, find the Add plan and Add line forms, and write it all as a DRAFT portal profile
 * in the existing schema — label rules first, CSS only where no label can say it. Every rule is
 * checked by reading the page with the extraction engine itself: a rule that would read something
 * else than the value next to its label is replaced by a narrower one, or dropped.
 *
 * Pure (takes the Document), run on demand when the agent asks to teach a portal: never on the
 * content script's load path.
 */
import { findIccids } from '../../telecom/iccid';
import { extractContext } from '../extract';
import { findForm } from '../forms';
import { dataRows, findRows, newLocateCache, readRule, valueOf, type LocateCache } from '../locate';
import type { PageContext } from '../page-context';
import type { FieldRule, FormRule, Locator, PortalProfile, ValueRule } from '../profile-schema';
import { attr, nextOf, parentOf, queryAll, queryOne, rawText, tagOf } from '../safe-dom';
import { labelKey, normalizeText } from '../values';
import { newVisibility, type IsShown } from '../visibility';
import { profileIdFor, urlPatternsFor } from './address';
import { blockCandidates, structuralPath, uniqueSelector } from './selectors';

export { profileIdFor, urlPatternsFor };
import { formOfTitle, MAX_LABEL_KEY, rolesOfLabel, wordKey, type LabelRole } from './vocabulary';

/** Options of {@link guessProfile}. */
export interface GuessOptions {
  readonly url: string;
  readonly now: Date;
  readonly isShown?: IsShown;
  /** Our own in-page hosts (the sidebar frame, badges): never read. */
  readonly isOwnHost?: (el: Element) => boolean;
}

/** One value of the draft, as the teach list shows it: what rule, and what it reads on this page. */
export interface GuessItem {
  /** `subscriber.name`, `esims.iccid`, `esims.plans.name`, `forms.addPlan`, … */
  readonly key: string;
  /** The visible label the rule reads by, when it is a label rule. */
  readonly label?: string;
  /** What the rule reads on this page: one value per eSIM line for line fields. */
  readonly values: readonly string[];
}

/** The result of {@link guessProfile}. */
export interface Guess {
  /** The draft, in the portal-profile schema (not validated here: lib/portal stays zod-free). */
  readonly profile: PortalProfile;
  /** The page read with the draft. */
  readonly context: PageContext;
  readonly items: readonly GuessItem[];
}

type PairKind = 'column' | 'rowheader' | 'dt' | 'label' | 'aria' | 'inline' | 'text';

/** A recognised label on the page and where its value is. */
interface Hit {
  readonly roles: readonly LabelRole[];
  /** The label as the page writes it, without a trailing colon. */
  readonly label: string;
  /** The element holding the label text. */
  readonly holder: Element;
  readonly kind: PairKind;
  /** The value's text (pairs), when there is one. */
  readonly value?: string;
  /** The control (form labels). */
  readonly control?: Element;
}

const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'option',
  'select',
  'textarea',
  'button',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'legend',
  'title',
]);
const FORM_SELECTOR = 'form,[role="form"],[role="dialog"],dialog';
const HEADING_SELECTOR = 'h1,h2,h3,h4,h5,h6,[role="heading"]';
const CONTROL_SELECTOR = 'select,input,textarea';

function closest(el: Element, selector: string): Element | null {
  return el.closest(selector);
}

function contains(outer: Element, inner: Node): boolean {
  return outer === inner || outer.contains(inner);
}

function labelText(text: string): string {
  return normalizeText(text).replace(/\s*[:：]\s*$/, '');
}

function isHeaderRow(row: Element): boolean {
  const parent = parentOf(row);
  if (parent !== null && tagOf(parent) === 'thead') return true;
  const cells = queryAll(row, ':scope > td, :scope > th');
  return cells.length > 0 && cells.every((c) => tagOf(c) === 'th');
}

/** Every recognised label on the page, in document order. */
function findHits(doc: Document, isShown: IsShown, isOwnHost: (el: Element) => boolean): Hit[] {
  const hits: Hit[] = [];
  const body = doc.body ?? doc.documentElement;
  if (body === null) return hits;
  const walker = doc.createTreeWalker(body, 4);
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    const holder = parentOf(node);
    if (holder === null || SKIP_TAGS.has(tagOf(holder))) continue;
    const data = normalizeText(node.data);
    if (data === '' || data.length > 200) continue;
    if (closest(holder, 'h1,h2,h3,h4,h5,h6,[role="heading"],button,a,select,option') !== null) continue;
    const key = wordKey(data);
    let roles = key.length <= MAX_LABEL_KEY ? rolesOfLabel(data) : [];
    let inline: string | undefined;
    let label = labelText(data);
    if (roles.length === 0) {
      const colon = data.indexOf(':');
      if (colon <= 0 || colon > MAX_LABEL_KEY + 4) continue;
      roles = rolesOfLabel(data.slice(0, colon));
      inline = normalizeText(data.slice(colon + 1));
      if (roles.length === 0 || inline === '') continue;
      label = labelText(data.slice(0, colon));
    }
    if (isOwnHost(holder) || !isShown(holder)) continue;
    const hit = describe(node, holder, roles, label, inline);
    if (hit !== null) hits.push(hit);
  }
  // Controls named only by aria-label (no visible label element).
  for (const control of queryAll(body, 'select[aria-label],input[aria-label],textarea[aria-label]')) {
    const text = attr(control, 'aria-label') ?? '';
    const roles = rolesOfLabel(text);
    if (roles.length > 0 && isShown(control) && !isOwnHost(control))
      hits.push({ roles, label: labelText(text), holder: control, kind: 'aria', control });
  }
  hits.sort((a, b) => (a.holder === b.holder ? 0 : a.holder.compareDocumentPosition(b.holder) & 4 ? -1 : 1));
  return hits;
}

function describe(
  node: Text,
  holder: Element,
  roles: readonly LabelRole[],
  label: string,
  inline: string | undefined,
): Hit | null {
  if (inline !== undefined) return { roles, label, holder, kind: 'inline', value: inline };
  const tag = tagOf(holder);
  const key = labelKey(label);
  if (tag === 'th') {
    const row = parentOf(holder);
    if (row !== null && isHeaderRow(row)) return { roles, label, holder, kind: 'column' };
    const next = nextOf(holder);
    return next === null ? null : { roles, label, holder, kind: 'rowheader', value: valueOf(next) };
  }
  if (tag === 'dt') {
    for (let next = nextOf(holder); next !== null; next = nextOf(next)) {
      if (tagOf(next) === 'dd') return { roles, label, holder, kind: 'dt', value: valueOf(next) };
      if (tagOf(next) === 'dt') break;
    }
    return null;
  }
  const lab = closest(holder, 'label');
  if (lab !== null) {
    const forId = attr(lab, 'for');
    const control =
      (forId !== null && forId !== '' ? holder.ownerDocument.getElementById(forId) : null) ??
      queryOne(lab, CONTROL_SELECTOR);
    return control === null ? null : { roles, label, holder: lab, kind: 'label', control };
  }
  let el = holder;
  if (labelKey(rawText(el)) !== key) {
    // "<p>Plan: <strong>Unlimited All</strong></p>": the label is a bare text node.
    const next = node.nextElementSibling;
    const value = next === null ? '' : valueOf(next);
    return value === '' ? null : { roles, label, holder, kind: 'text', value };
  }
  for (let depth = 0; depth < 4 && nextOf(el) === null; depth++) {
    const parent = parentOf(el);
    if (parent === null || labelKey(rawText(parent)) !== key) break;
    el = parent;
  }
  const next = nextOf(el);
  if (next === null) return null;
  const control = matchesControl(next) ? next : null;
  const value = valueOf(next);
  // A row of labels (a grid header made of divs) is not a pair: the "value" is another label.
  if (value === '' || rolesOfLabel(value).length > 0) return null;
  return control === null
    ? { roles, label, holder, kind: 'text', value }
    : { roles, label, holder, kind: 'label', control };
}

function matchesControl(el: Element): boolean {
  const tag = tagOf(el);
  return tag === 'select' || tag === 'input' || tag === 'textarea';
}

function has(hit: Hit, ...roles: LabelRole[]): boolean {
  return roles.some((r) => hit.roles.includes(r));
}

function iccidIn(text: string | undefined): string | undefined {
  return text === undefined ? undefined : findIccids(text)[0]?.iccid;
}

/** The nearest heading before `el` in document order (not inside `el`), or null. */
function headingBefore(doc: Document, el: Element): Element | null {
  let found: Element | null = null;
  for (const h of queryAll(doc, HEADING_SELECTOR)) {
    if (h.compareDocumentPosition(el) & 4 && !contains(h, el)) found = h;
    else break;
  }
  return found;
}

function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const na = normalizeText(a).toLowerCase();
  const nb = normalizeText(b).toLowerCase();
  if (na === nb) return true;
  const ia = iccidIn(a);
  return ia !== undefined && ia === iccidIn(b);
}

/** Label alternatives as a rule writes them: one string, or the distinct texts. */
function labelOf(hits: readonly Hit[]): string | string[] {
  const texts = [...new Set(hits.map((h) => h.label))];
  return texts.length === 1 ? (texts[0] as string) : texts.slice(0, 10);
}

interface Lines {
  readonly rows: Locator;
  readonly blocks: readonly Element[];
  readonly fields: NonNullable<PortalProfile['esims']>['fields'];
  readonly plans?: NonNullable<PortalProfile['esims']>['plans'];
  /** Elements whose hits belong to lines and plans (not the subscriber). */
  readonly claimed: readonly Element[];
}

/**
 * Picks, for one field, the first rule that reads every expected value: by label; by label inside
 * the block's direct parts (when a nested table or plan repeats the label); by a class-free path.
 */
function fieldRule(
  hits: readonly (Hit | undefined)[],
  blocks: readonly Element[],
  cache: LocateCache,
  extra: Partial<ValueRule> = {},
): ValueRule | undefined {
  const present = hits.filter((h): h is Hit => h !== undefined);
  if (present.length === 0) return undefined;
  const label = labelOf(present);
  const candidates: ValueRule[] = [{ label, ...extra }];
  const first = present[0] as Hit;
  const firstBlock = blocks[hits.indexOf(first)];
  if (firstBlock !== undefined) {
    let part: Element = first.holder;
    while (parentOf(part) !== null && parentOf(part) !== firstBlock) part = parentOf(part) as Element;
    if (part !== first.holder || tagOf(part) !== 'tr') {
      const path = structuralPath(part, firstBlock, false);
      if (path !== null) candidates.push({ css: path, label, ...extra });
    }
  }
  for (const rule of candidates) {
    const ok = blocks.every((block, i) => {
      const hit = hits[i];
      if (hit === undefined) return true;
      return same(
        readRule([block], rule, cache, block),
        hit.value ?? (hit.control ? valueOf(hit.control) : undefined),
      );
    });
    if (ok) return rule;
  }
  return candidates[0];
}

function locatorFor(
  doc: Document,
  blocks: readonly Element[],
  cache: LocateCache,
  within: Element | null,
  extras: (el: Element) => boolean,
): Locator | null {
  const heading = within === null && blocks[0] ? headingBefore(doc, blocks[0]) : null;
  const headingText = heading === null ? undefined : normalizeText(rawText(heading));
  const tries: Locator[] = [];
  const tag = blocks[0] ? tagOf(blocks[0]) : '';
  // Under the section's heading, by nesting alone: survives renamed classes and moved containers.
  if (headingText !== undefined && blocks.every((b) => tagOf(b) === tag))
    for (const css of [`:scope > ${tag}`, `:scope > * > ${tag}`]) tries.push({ heading: headingText, css });
  for (const css of blockCandidates(blocks, within)) {
    if (headingText !== undefined && !css.startsWith('#') && !css.startsWith('body'))
      tries.push({ heading: headingText, css });
    tries.push({ css });
  }
  for (const loc of tries) {
    const roots = within === null ? [doc] : [within];
    let found: Element[];
    try {
      found = findRows(doc, loc, cache, roots);
    } catch {
      continue; // an invalid selector on this engine
    }
    const set = new Set(found);
    if (!blocks.every((b) => set.has(b))) continue;
    if (found.every((f) => blocks.includes(f) || !extras(f))) return loc;
  }
  return null;
}

/** Lines in a table with column headers (and plans in a table with an ICCID column). */
function tableLines(doc: Document, hits: readonly Hit[], cache: LocateCache): Lines | null {
  const byTable = new Map<Element, Hit[]>();
  for (const h of hits) {
    if (h.kind !== 'column') continue;
    const table = closest(h.holder, 'table');
    if (table === null) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), h]);
  }
  let lines: { table: Element; cols: Hit[] } | null = null;
  let plans: { table: Element; cols: Hit[] } | null = null;
  for (const [table, cols] of byTable) {
    const iccid = cols.some((c) => has(c, 'iccid'));
    const plan = cols.some((c) => has(c, 'plan', 'planType'));
    const planish = cols.some((c) => has(c, 'activatedAt', 'expiresAt', 'region'));
    if (plan && (planish || !iccid)) plans ??= { table, cols };
    else if (iccid && lines === null) lines = { table, cols };
  }
  if (lines === null) return null;
  const rows = dataRows(lines.table);
  const heading = headingBefore(doc, lines.table);
  const tries: Locator[] = [];
  if (heading !== null) tries.push({ heading: normalizeText(rawText(heading)) });
  for (const c of lines.cols) tries.push({ label: c.label });
  const rowsLoc = tries.find((loc) => {
    const found = findRows(doc, loc, cache);
    return found.length === rows.length && found.every((r, i) => r === rows[i]);
  });
  if (rowsLoc === undefined) return null;
  const col = (...roles: LabelRole[]): ValueRule | undefined => {
    const hit = lines?.cols.find((c) => has(c, ...roles));
    return hit === undefined ? undefined : { label: hit.label };
  };
  const fields: Lines['fields'] = {};
  const lineName = col('lineName', 'subscriberName');
  if (lineName) fields.lineName = lineName;
  const iccid = col('iccid');
  if (iccid) fields.iccid = { ...iccid, parse: 'iccid' };
  const profile = col('imsiProfile');
  if (profile) fields.imsiProfile = { ...profile, parse: 'int' };
  const status = col('status');
  if (status) fields.status = status;
  const claimed: Element[] = [lines.table];
  let planRules: Lines['plans'];
  if (plans !== null) {
    claimed.push(plans.table);
    const pcol = (...roles: LabelRole[]): ValueRule | undefined => {
      const hit = plans?.cols.find((c) => has(c, ...roles));
      return hit === undefined ? undefined : { label: hit.label };
    };
    const name = pcol('plan', 'planType');
    const esimIccid = pcol('iccid');
    const planRows = dataRows(plans.table);
    const rowTries: Locator[] = [];
    const ph = headingBefore(doc, plans.table);
    if (ph !== null) rowTries.push({ heading: normalizeText(rawText(ph)) });
    for (const c of plans.cols) rowTries.push({ label: c.label });
    const planLoc = rowTries.find((loc) => {
      const found = findRows(doc, loc, cache);
      return found.length === planRows.length && found.every((r, i) => r === planRows[i]);
    });
    if (name !== undefined && esimIccid !== undefined && planLoc !== undefined) {
      planRules = {
        rows: planLoc,
        within: 'page',
        esimIccid,
        fields: planFields(name, pcol),
      };
    } else if (name !== undefined && esimIccid === undefined) {
      // Plans tables with no ICCID column, after each eSIM row (a detail row under it, as on the demo
      // portal): each belongs to the eSIM row before it. Every table with that plan column counts.
      const rows: Locator =
        'heading' in rowsLoc ? { heading: rowsLoc.heading, label: name.label } : { label: name.label };
      planRules = { rows, within: 'following', fields: planFields(name, pcol) };
      for (const t of byTable.keys()) if (!claimed.includes(t) && t !== lines.table) claimed.push(t);
    }
  }
  return { rows: rowsLoc, blocks: rows, fields, ...(planRules ? { plans: planRules } : {}), claimed };
}

function planFields(
  name: ValueRule,
  pick: (...roles: LabelRole[]) => ValueRule | undefined,
): NonNullable<Lines['plans']>['fields'] {
  const out: NonNullable<Lines['plans']>['fields'] = { name };
  const region = pick('region');
  if (region) out.region = region;
  const state = pick('status');
  if (state) out.state = state;
  const activated = pick('activatedAt');
  if (activated) out.activatedAt = { ...activated, parse: 'date' };
  const expires = pick('expiresAt');
  if (expires) out.expiresAt = { ...expires, parse: 'date' };
  return out;
}

/** Lines as repeated blocks (cards, sections, key/value groups) that each hold one ICCID. */
function blockLines(doc: Document, hits: readonly Hit[], cache: LocateCache): Lines | null {
  const iccidHits = hits.filter(
    (h) => has(h, 'iccid') && h.kind !== 'column' && iccidIn(h.value) !== undefined,
  );
  if (iccidHits.length === 0) return null;
  const subscriberOnly = hits.filter(
    (h) => has(h, 'subscriberId', 'unlimitedBundles', 'planType') && !has(h, 'plan'),
  );
  const count = (el: Element, list: readonly Hit[]) => list.filter((h) => contains(el, h.holder)).length;
  const blocks: Element[] = [];
  for (const hit of iccidHits) {
    let block = hit.holder;
    for (;;) {
      const parent = parentOf(block);
      if (parent === null || tagOf(parent) === 'body' || tagOf(parent) === 'html') break;
      if (count(parent, iccidHits) > 1 || count(parent, subscriberOnly) > 0) break;
      if (queryOne(parent, FORM_SELECTOR) !== null) break;
      block = parent;
    }
    if (!blocks.includes(block)) blocks.push(block);
  }
  const lineRoles: LabelRole[] = ['iccid', 'imsiProfile', 'status', 'lineName', 'subscriberName'];
  const inBlocks = (el: Element) => hits.some((h) => has(h, ...lineRoles) && contains(el, h.holder));
  const rows = locatorFor(doc, blocks, cache, null, inBlocks);
  if (rows === null) return null;

  // Plans inside each block: a table with a plan column, or sub-blocks around a plan label.
  const planBlocksOf = new Map<Element, Element[]>();
  let planTableLabel: Hit | undefined;
  const planHitsOf = new Map<Element, Hit[]>();
  for (const block of blocks) {
    const inside = hits.filter((h) => contains(block, h.holder));
    const column = inside.find((h) => h.kind === 'column' && has(h, 'plan', 'planType'));
    if (column !== undefined) {
      planTableLabel ??= column;
      const table = closest(column.holder, 'table');
      planBlocksOf.set(block, table === null ? [] : dataRows(table));
      continue;
    }
    const iccidHit = inside.find((h) => iccidHits.includes(h));
    const named = inside.filter((h) => h.kind !== 'column' && has(h, 'plan', 'planType'));
    const subs: Element[] = [];
    for (const p of named) {
      let sub = p.holder;
      for (;;) {
        const parent = parentOf(sub);
        // A list item or table row is one plan already.
        if (parent === null || parent === block || ['li', 'tr', 'article'].includes(tagOf(sub))) break;
        if (named.filter((n) => contains(parent, n.holder)).length > 1) break;
        if (iccidHit !== undefined && contains(parent, iccidHit.holder)) break;
        sub = parent;
      }
      subs.push(sub);
    }
    planBlocksOf.set(block, subs);
    planHitsOf.set(block, named);
  }
  const allPlanBlocks = [...planBlocksOf.values()].flat();
  const inPlan = (h: Hit) => allPlanBlocks.some((p) => contains(p, h.holder)) || h.kind === 'column';

  // Line fields: the first hit of each role in each block, outside its plans.
  const perBlock = (roles: LabelRole[], exclude: LabelRole[] = []) =>
    blocks.map((b) =>
      hits.find(
        (h) =>
          contains(b, h.holder) && !inPlan(h) && has(h, ...roles) && !has(h, ...exclude) && h.kind !== 'aria',
      ),
    );
  const fields: Lines['fields'] = {};
  const lineName = fieldRule(perBlock(['lineName', 'subscriberName']), blocks, cache);
  if (lineName) fields.lineName = lineName;
  const iccid = fieldRule(perBlock(['iccid']), blocks, cache, { parse: 'iccid' });
  if (iccid) fields.iccid = iccid;
  const profile = fieldRule(perBlock(['imsiProfile']), blocks, cache, { parse: 'int' });
  if (profile) fields.imsiProfile = profile;
  const status = fieldRule(perBlock(['status']), blocks, cache);
  if (status) fields.status = status;

  let plans: Lines['plans'];
  if (planTableLabel !== undefined) {
    const tableHits = hits.filter((h) => h.kind === 'column' && blocks.some((b) => contains(b, h.holder)));
    const pick = (...roles: LabelRole[]): ValueRule | undefined => {
      const h = tableHits.find((t) => has(t, ...roles));
      return h === undefined ? undefined : { label: h.label };
    };
    plans = {
      rows: { label: planTableLabel.label },
      fields: planFields({ label: planTableLabel.label }, pick),
    };
  } else if (allPlanBlocks.length > 0) {
    const withPlans = blocks.filter((b) => (planBlocksOf.get(b) ?? []).length > 0);
    // The block with the most plans shows where one plan ends (a lone plan climbs to its list).
    const first = withPlans.reduce((a, b) =>
      (planBlocksOf.get(b) ?? []).length > (planBlocksOf.get(a) ?? []).length ? b : a,
    );
    const planRoles: LabelRole[] = ['plan', 'planType', 'status', 'region', 'activatedAt', 'expiresAt'];
    const isPlanish = (el: Element) => hits.some((h) => has(h, ...planRoles) && contains(el, h.holder));
    const loc = locatorFor(doc, planBlocksOf.get(first) ?? [], cache, first, isPlanish);
    // The same locator must find each block's plans exactly.
    const fits =
      loc !== null &&
      withPlans.every((b) => {
        const found = findRows(doc, loc, cache, [b]);
        const named = planHitsOf.get(b) ?? [];
        // Each plan label in exactly one found element; no found element with two plans or none but plan words.
        return (
          named.every((n) => found.filter((f) => contains(f, n.holder)).length === 1) &&
          found.every((f) => named.filter((n) => contains(f, n.holder)).length === 1 || !isPlanish(f))
        );
      });
    if (fits) for (const b of withPlans) planBlocksOf.set(b, findRows(doc, loc, cache, [b]));
    if (loc !== null && fits) {
      const subs = withPlans.flatMap((b) => planBlocksOf.get(b) ?? []);
      const inSub = (roles: LabelRole[]) =>
        subs.map((s) => hits.find((h) => contains(s, h.holder) && has(h, ...roles)));
      const pick = (...roles: LabelRole[]) => fieldRule(inSub(roles), subs, cache);
      const name = pick('plan', 'planType');
      if (name !== undefined) {
        const f = planFields(name, pick);
        if (f.activatedAt) f.activatedAt = { ...f.activatedAt, parse: 'date' };
        if (f.expiresAt) f.expiresAt = { ...f.expiresAt, parse: 'date' };
        plans = { rows: loc, fields: f };
      }
    }
  }
  return { rows, blocks, fields, ...(plans ? { plans } : {}), claimed: blocks };
}

type Subscriber = NonNullable<PortalProfile['subscriber']>;

function guessSubscriber(
  doc: Document,
  hits: readonly Hit[],
  claimed: readonly Element[],
  cache: LocateCache,
): Subscriber | undefined {
  const free = hits.filter(
    (h) =>
      h.kind !== 'column' &&
      h.kind !== 'label' &&
      h.kind !== 'aria' &&
      !claimed.some((c) => contains(c, h.holder)),
  );
  const pick = (...roles: LabelRole[]) => free.find((h) => has(h, ...roles));
  const chosen: Array<[keyof Subscriber['fields'], Hit, Partial<ValueRule>]> = [];
  const add = (field: keyof Subscriber['fields'], hit: Hit | undefined, extra: Partial<ValueRule> = {}) => {
    if (hit !== undefined && !chosen.some(([, h]) => h === hit)) chosen.push([field, hit, extra]);
  };
  add('id', pick('subscriberId'));
  add('unlimitedBundles', pick('unlimitedBundles'), { parse: 'int' });
  add('planType', pick('planType') ?? pick('plan'));
  add('name', pick('subscriberName'));
  if (chosen.length === 0) return undefined;
  const fieldsWith = (): Subscriber['fields'] => {
    const f: Subscriber['fields'] = {};
    for (const [field, hit, extra] of chosen) f[field] = { label: hit.label, ...extra };
    return f;
  };
  const reads = (scope: Locator | undefined) => {
    const profile = { subscriber: { ...(scope ? { scope } : {}), fields: fieldsWith() } } as PortalProfile;
    const ctx = extractContext(
      doc,
      { ...profile, id: 'x', name: 'x', version: 1, urlPatterns: [] },
      {
        url: '',
        now: new Date(0),
        scan: false,
        isShown: cache.isShown,
      },
    );
    return chosen.every(([field, hit]) => {
      const got = ctx.subscriber?.[field];
      return (
        got !== undefined &&
        (field === 'unlimitedBundles'
          ? String(got) === (hit.value ?? '').match(/\d+/)?.[0] || got === 0
          : same(String(got), hit.value))
      );
    });
  };
  const scopes: Array<Locator | undefined> = [undefined];
  const holders = chosen.map(([, h]) => h.holder);
  const heading = headingBefore(doc, holders[0] as Element);
  if (heading !== null) scopes.push({ heading: normalizeText(rawText(heading)) });
  // The smallest element holding every chosen label.
  let box: Element | null = holders[0] ?? null;
  while (box !== null && !holders.every((h) => contains(box as Element, h))) box = parentOf(box);
  if (box !== null) {
    const css = uniqueSelector(box, doc);
    if (css !== null) scopes.push({ css });
  }
  for (const scope of scopes) if (reads(scope)) return { ...(scope ? { scope } : {}), fields: fieldsWith() };
  return { fields: fieldsWith() };
}

/** A form's title candidates, as a person reads them. */
function titlesOf(form: Element): string[] {
  const out: string[] = [];
  const push = (t: string | null | undefined) => {
    const n = normalizeText(t ?? '');
    if (n !== '' && !out.includes(n)) out.push(n);
  };
  push(attr(form, 'aria-label'));
  const dialog = closest(form, '[role="dialog"],dialog');
  if (dialog !== null) push(attr(dialog, 'aria-label'));
  const legend = queryOne(form, 'legend');
  if (legend !== null) push(rawText(legend));
  const heading = queryOne(form, HEADING_SELECTOR);
  if (heading !== null) push(rawText(heading));
  const submit = queryOne(form, 'button[type="submit"],input[type="submit"],button:not([type])');
  if (submit !== null)
    push(
      tagOf(submit) === 'input'
        ? String((submit as unknown as { value?: string }).value ?? '')
        : rawText(submit),
    );
  return out;
}

function controlsOf(form: Element, hits: readonly Hit[]) {
  const labelled = hits.filter((h) => h.control !== undefined && contains(form, h.control));
  const find = (test: (h: Hit) => boolean) => labelled.find(test);
  const esim = find((h) => tagOf(h.control as Element) === 'select' && has(h, 'esim', 'iccid', 'lineName'));
  const plan = find((h) => has(h, 'plan', 'planType') && h !== esim);
  const lineName = find(
    (h) => tagOf(h.control as Element) === 'input' && has(h, 'lineName', 'subscriberName'),
  );
  return { esim, plan, lineName };
}

function fieldRuleFor(form: Element, hit: Hit): FieldRule {
  const byLabel: FieldRule = { label: hit.label };
  // The label rule must find this very control inside the form, the way the guard will.
  if (findControlIn(form, byLabel) === hit.control) return byLabel;
  const css = hit.control === undefined ? null : uniqueSelector(hit.control, form);
  return css === null ? byLabel : { css };
}

function findControlIn(form: Element, rule: FieldRule): Element | null {
  const doc = form.ownerDocument;
  const marker = uniqueSelector(form, doc);
  if (marker === null) return null;
  return findForm(doc, { form: { css: marker }, planField: rule })?.planControl ?? null;
}

function guessForms(doc: Document, hits: readonly Hit[], cache: LocateCache): PortalProfile['forms'] {
  const all = queryAll(doc, FORM_SELECTOR).filter((f) => cache.isShown(f));
  const forms = all.filter((f) => !all.some((o) => o !== f && contains(f, o)));
  const out: NonNullable<PortalProfile['forms']> = {};
  for (const form of forms) {
    const { esim, plan, lineName } = controlsOf(form, hits);
    if (plan === undefined) continue;
    const titles = titlesOf(form);
    const heading = headingBefore(doc, form);
    const titled = [...titles, ...(heading ? [normalizeText(rawText(heading))] : [])].map(formOfTitle);
    const kind =
      esim !== undefined && !titled.includes('addLine')
        ? 'addPlan'
        : lineName !== undefined || titled.includes('addLine')
          ? 'addLine'
          : titled.includes('addPlan')
            ? 'addPlan'
            : undefined;
    if (kind === undefined || out[kind] !== undefined) continue;
    const planField = fieldRuleFor(form, plan);
    const locs: Locator[] = titles.map((t) => ({ label: t }));
    if (heading !== null) locs.push({ heading: normalizeText(rawText(heading)) });
    const css = uniqueSelector(form, doc);
    if (css !== null) locs.push({ css });
    const loc = locs.find((l) => {
      const found = findForm(doc, { form: l, planField });
      return (
        found !== null && (found.form === form || contains(found.form, form) || contains(form, found.form))
      );
    });
    if (loc === undefined) continue;
    const rule: FormRule = { form: loc, planField };
    if (esim !== undefined && kind === 'addPlan') rule.esimField = fieldRuleFor(form, esim);
    if (lineName !== undefined && kind === 'addLine') rule.lineNameField = fieldRuleFor(form, lineName);
    out[kind] = rule;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * Drafts a portal profile for `doc`. Never throws on page content; a page where nothing is
 * recognised gives a profile with no rules (the agent then points at everything).
 */
export function guessProfile(doc: Document, opts: GuessOptions): Guess {
  const isShown = opts.isShown ?? newVisibility(doc);
  const cache = newLocateCache(isShown);
  const hits = findHits(doc, isShown, opts.isOwnHost ?? (() => false));
  const formEls = queryAll(doc, FORM_SELECTOR);
  const pageHits = hits.filter((h) => !formEls.some((f) => contains(f, h.holder)));
  const lines = tableLines(doc, pageHits, cache) ?? blockLines(doc, pageHits, cache);
  const subscriber = guessSubscriber(doc, pageHits, lines?.claimed ?? [], cache);
  const forms = guessForms(doc, hits, cache);
  const title = normalizeText(String(doc.title ?? '')).slice(0, 100);
  const profile: PortalProfile = {
    id: profileIdFor(opts.url),
    name: title === '' ? (urlPatternsFor(opts.url)[0] ?? 'Portal') : title,
    version: 1,
    urlPatterns: urlPatternsFor(opts.url),
    ...(subscriber ? { subscriber } : {}),
    ...(lines
      ? { esims: { rows: lines.rows, fields: lines.fields, ...(lines.plans ? { plans: lines.plans } : {}) } }
      : {}),
    ...(forms ? { forms } : {}),
  };
  const context = readWith(doc, profile, opts, isShown);
  return { profile, context, items: itemsOf(profile, context, doc) };
}

/** Reads the page with a (draft) profile: what the teach list shows. */
export function readWith(
  doc: Document,
  profile: PortalProfile,
  opts: GuessOptions,
  isShown?: IsShown,
): PageContext {
  return extractContext(doc, profile, {
    url: opts.url,
    now: opts.now,
    isShown: isShown ?? opts.isShown ?? newVisibility(doc),
    ...(opts.isOwnHost ? { isOwnHost: opts.isOwnHost } : {}),
  });
}

function labelOfRule(rule: { label?: string | string[] } | undefined): string | undefined {
  const l = rule?.label;
  return l === undefined ? undefined : typeof l === 'string' ? l : l[0];
}

/** The teach list: every value the schema knows, its rule's label and what it reads here. */
export function itemsOf(profile: PortalProfile, context: PageContext, doc: Document): GuessItem[] {
  const items: GuessItem[] = [];
  const push = (key: string, rule: { label?: string | string[] } | undefined, values: string[]) => {
    const label = labelOfRule(rule);
    items.push({ key, ...(label !== undefined ? { label } : {}), values });
  };
  const s = context.subscriber;
  const sf = profile.subscriber?.fields ?? {};
  push('subscriber.name', sf.name, s?.name ? [s.name] : []);
  push('subscriber.id', sf.id, s?.id ? [s.id] : []);
  push('subscriber.planType', sf.planType, s?.planType ? [s.planType] : []);
  push(
    'subscriber.unlimitedBundles',
    sf.unlimitedBundles,
    s?.unlimitedBundles !== undefined ? [String(s.unlimitedBundles)] : [],
  );
  const ef = profile.esims?.fields ?? {};
  const lines = context.esims;
  push(
    'esims.lineName',
    ef.lineName,
    lines.map((e) => e.lineName ?? ''),
  );
  push(
    'esims.iccid',
    ef.iccid,
    lines.map((e) => e.iccid ?? e.invalidIccid ?? ''),
  );
  push(
    'esims.imsiProfile',
    ef.imsiProfile,
    lines.map((e) => (e.imsiProfile === undefined ? '' : String(e.imsiProfile))),
  );
  push(
    'esims.status',
    ef.status,
    lines.map((e) => e.status ?? ''),
  );
  const pf = profile.esims?.plans?.fields;
  const plans = lines.flatMap((e) => e.plans);
  push(
    'esims.plans.name',
    pf?.name,
    plans.map((p) => p.name),
  );
  push(
    'esims.plans.state',
    pf?.state,
    plans.map((p) => p.state ?? ''),
  );
  for (const kind of ['addPlan', 'addLine'] as const) {
    const rule = profile.forms?.[kind];
    const found = rule === undefined ? null : findForm(doc, rule);
    push(`forms.${kind}`, rule?.form, found === null ? [] : [titlesOf(found.form)[0] ?? '✓']);
  }
  return items;
}

/**
 * The plans the portal's Add plan form offers (option texts, placeholders without a value left out):
 * those the catalog does not know are offered to be added to it (issue 19), so the guard can check them.
 */
export function planChoices(doc: Document, profile: PortalProfile): string[] {
  const rule = profile.forms?.addPlan;
  const found = rule === undefined ? null : findForm(doc, rule);
  if (found === null || tagOf(found.planControl) !== 'select') return [];
  const out: string[] = [];
  for (const option of queryAll(found.planControl, 'option')) {
    const value = attr(option, 'value');
    const text = normalizeText(rawText(option));
    if (text === '' || value === '' || out.includes(text)) continue;
    out.push(text.slice(0, 200));
    if (out.length >= 200) break;
  }
  return out;
}
