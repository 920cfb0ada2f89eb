/**
 * The extraction engine: reads the subscriber, eSIM lines and plans of a portal page by following a
 * portal profile, and the generic ICCID scan, into a PageContext (DESIGN §3: page DOM → lib/portal
 * → validated PageContext message → background → sidebar).
 *
 * Runs in the content script, so: no zod (the profile was validated where it was loaded, and the
 * PageContext is validated by the background on receipt), plain loops, one query per rule, only
 * `textContent`/`value` read, every string and count capped to the limits of page-context.ts.
 */
import { findIccids, parseIccid } from '../telecom/iccid';
import type { PageContext, PageEsim, PagePlan, PageSubscriber } from './page-context';
import type { PortalProfile, ValueRule } from './profile-schema';
import {
  countShownHeadings,
  findRows,
  newLocateCache,
  readRule,
  valuesByLabel,
  wantLabel,
  type LocateCache,
  type Scope,
} from './locate';
import { invoke, parentOf, prop } from './safe-dom';
import { scanIccids } from './scanner';
import {
  cap,
  normalizeText,
  parseDateValue,
  parseImsiProfile,
  parseIntValue,
  type DateOrder,
} from './values';
import { newVisibility, type IsShown } from './visibility';

/** Options of {@link extractContext}. */
export interface ExtractOptions {
  /** The page's URL (passed in: `document.URL`/`location` can be clobbered or spoofed). */
  readonly url: string;
  /** When the page was read (`readAt`). */
  readonly now: Date;
  /** Run the generic ICCID scanner for `iccids` (default true). */
  readonly scan?: boolean;
  /** The generic scan's ICCIDs, already found (the content script scans in slices: issue 15). */
  readonly iccids?: readonly string[];
  /**
   * Whether a candidate container is shown to the agent (default: {@link newVisibility} on `doc`).
   * Content the agent cannot see is not read (issue 14).
   */
  readonly isShown?: IsShown;
  /** Our own in-page hosts, known by reference (a page can copy any attribute): not scanned. */
  readonly isOwnHost?: (el: Element) => boolean;
}

/** Limits from page-context.ts, repeated as numbers so the content script does not import zod. */
const MAX_ESIMS = 200;
const MAX_PLANS = 500;
const MAX_ICCIDS = 5000;
/**
 * Rows whose visibility is asked at most: a page hiding thousands of stale rows costs a bounded
 * amount of work (rows past this are not read).
 */
const MAX_ROWS_CHECKED = 2000;
const MAX_PLAN_ROWS_CHECKED = 10_000;

/**
 * Reads a page into a PageContext. With no profile (or a profile that finds nothing), only the
 * generic ICCID scan fills `iccids`; `portalId` is then null and `subscriber` null. Never throws on
 * page content: a rule that finds nothing leaves its field out.
 */
export function extractContext(
  doc: Document,
  profile: PortalProfile | null,
  opts: ExtractOptions,
): PageContext {
  const cache = newLocateCache(opts.isShown ?? newVisibility(doc));
  if (profile !== null) registerLabels(profile, cache);
  const order: DateOrder = profile?.dateOrder ?? 'dmy';
  // Each part is independent: a page that breaks one (a DOM API throwing on a hostile structure)
  // must not cost the others, and must never throw into the content script.
  const read = attempt(
    () => (profile?.subscriber === undefined ? null : readSubscriber(doc, profile.subscriber, cache)),
    null,
  );
  const subscriber = read?.subscriber ?? null;
  const esims = attempt(
    () => (profile?.esims === undefined ? [] : readEsims(doc, profile.esims, cache, order)),
    [],
  );
  const scanOptions = { maxIccids: MAX_ICCIDS, ...(opts.isOwnHost ? { isOwnHost: opts.isOwnHost } : {}) };
  const iccids =
    opts.iccids !== undefined
      ? opts.iccids.slice(0, MAX_ICCIDS)
      : opts.scan === false
        ? []
        : attempt(() => scanIccids(doc, scanOptions).iccids, []);
  // An ICCID the profile read from an attribute or a form field is page data too.
  if (iccids.length < MAX_ICCIDS) {
    const known = new Set(iccids);
    for (const e of esims) {
      if (e.iccid !== undefined && !known.has(e.iccid) && iccids.length < MAX_ICCIDS) {
        known.add(e.iccid);
        iccids.push(e.iccid);
      }
    }
  }
  return {
    url: cap(opts.url, 2048),
    title: cap(
      attempt(() => String(prop<string>(doc, 'title') ?? ''), ''),
      300,
    ),
    portalId: profile === null ? null : profile.id,
    subscriber,
    esims,
    iccids,
    guardEvents: [],
    readAt: opts.now.toISOString(),
    // Only present when true: a context read from a normal page is unchanged.
    ...(read?.ambiguous === true ? { ambiguous: true } : {}),
    ...(profile?.timeZone === undefined ? {} : { timeZone: profile.timeZone }),
  };
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function registerLabels(profile: PortalProfile, cache: LocateCache): void {
  const rules: Array<ValueRule | undefined> = [];
  if (profile.subscriber !== undefined) rules.push(...Object.values(profile.subscriber.fields));
  if (profile.esims !== undefined) {
    rules.push(...Object.values(profile.esims.fields));
    const plans = profile.esims.plans;
    if (plans !== undefined) rules.push(...Object.values(plans.fields), plans.esimIccid);
  }
  for (const rule of rules) if (rule !== undefined) wantLabel(cache, rule.label);
}

type Subscriber = NonNullable<PortalProfile['subscriber']>;
type Esims = NonNullable<PortalProfile['esims']>;
type Plans = NonNullable<Esims['plans']>;

function scopeOf(doc: Document, subscriber: Subscriber, cache: LocateCache): Scope | null {
  const scope = subscriber.scope;
  if (scope === undefined) return [doc];
  // A scope locator is a place, not a value: reuse the rows logic (heading → section, css → elements).
  if (scope.css === undefined && scope.label === undefined && scope.heading !== undefined) {
    const rows = findRows(doc, { heading: scope.heading, css: '*' }, cache);
    const top = topLevel(rows).filter(cache.isShown);
    return top.length === 0 ? null : top;
  }
  const found = findRows(doc, scope, cache).filter(cache.isShown);
  return found.length === 0 ? null : found;
}

/** Keeps only elements not inside another element of the list (a section's top elements). */
function topLevel(els: Element[]): Element[] {
  const set = new Set<Node>(els);
  return els.filter((el) => {
    for (let p = parentOf(el); p !== null; p = parentOf(p)) if (set.has(p)) return false;
    return true;
  });
}

function text(value: string | undefined, max: number): string | undefined {
  return value === undefined || value === '' ? undefined : cap(value, max);
}

/** The subscriber read, and whether the agent sees more than one (then `subscriber` is the first). */
interface SubscriberRead {
  readonly subscriber: PageSubscriber | null;
  readonly ambiguous: boolean;
}

function readSubscriber(doc: Document, rules: Subscriber, cache: LocateCache): SubscriberRead | null {
  const roots = scopeOf(doc, rules, cache);
  if (roots === null) return null;
  const subscriber = readSubscriberIn(roots, rules, cache);
  return { subscriber, ambiguous: subscriber !== null && isAmbiguous(doc, roots, rules, cache) };
}

/** How many of a subscriber's identifying values are compared before deciding "one subscriber". */
const MAX_IDENTITY_VALUES = 8;

/**
 * Whether the agent sees two subscribers: the scope's heading shown twice ("Subscriber details"
 * of two people), or two different ids (else names) next to shown labels within the scope.
 */
function isAmbiguous(doc: Document, roots: Scope, rules: Subscriber, cache: LocateCache): boolean {
  const heading = rules.scope?.heading;
  if (heading !== undefined && countShownHeadings([doc], heading, cache) > 1) return true;
  const rule = rules.fields.id ?? rules.fields.name;
  if (rule?.label === undefined || rule.css !== undefined || rule.heading !== undefined) return false;
  const seen = new Set<string>();
  let n = 0;
  for (const value of valuesByLabel(roots, rule.label, cache, null)) {
    const v = normalizeText(value).toLowerCase();
    if (v !== '') seen.add(v);
    if (seen.size > 1) return true;
    if (++n >= MAX_IDENTITY_VALUES) break;
  }
  return false;
}

function readSubscriberIn(roots: Scope, rules: Subscriber, cache: LocateCache): PageSubscriber | null {
  const f = rules.fields;
  const read = (rule: ValueRule | undefined): string | undefined =>
    rule === undefined ? undefined : readRule(roots, rule, cache, null);
  const out: PageSubscriber = {};
  const id = text(read(f.id), 100);
  if (id !== undefined) out.id = id;
  const name = text(read(f.name), 200);
  if (name !== undefined) out.name = name;
  const planType = text(read(f.planType), 200);
  if (planType !== undefined) out.planType = planType;
  const bundlesText = read(f.unlimitedBundles);
  const bundles = bundlesText === undefined ? undefined : parseIntValue(bundlesText);
  if (bundles !== undefined && bundles <= 1000) out.unlimitedBundles = bundles;
  const location = text(read(f.location), 200);
  if (location !== undefined) out.location = location;
  return Object.keys(out).length === 0 ? null : out;
}

/** Puts an ICCID read from the page in `iccid` when valid, else its raw text in `invalidIccid`. */
function applyIccid(esim: PageEsim, raw: string | undefined): void {
  if (raw === undefined || raw === '') return;
  const whole = parseIccid(raw);
  if (whole.ok) {
    esim.iccid = whole.iccid;
    return;
  }
  // "ICCID 8944 5000 … (primary)": the cell holds more than the number.
  const inside = findIccids(raw)[0];
  if (inside !== undefined) esim.iccid = inside.iccid;
  else esim.invalidIccid = cap(raw, 60);
}

function readEsims(doc: Document, rules: Esims, cache: LocateCache, order: DateOrder): PageEsim[] {
  const rows = findRows(doc, rules.rows, cache);
  const esims: PageEsim[] = [];
  const esimRows: Element[] = [];
  const f = rules.fields;
  let checked = 0;
  for (const row of rows) {
    if (esims.length >= MAX_ESIMS || ++checked > MAX_ROWS_CHECKED) break;
    // A row the agent cannot see (a stale or template row) is not one of the subscriber's eSIMs.
    if (!cache.isShown(row)) continue;
    const roots: Scope = [row];
    const read = (rule: ValueRule | undefined): string | undefined =>
      rule === undefined ? undefined : readRule(roots, rule, cache, row);
    const esim: PageEsim = { plans: [] };
    const lineName = text(read(f.lineName), 200);
    if (lineName !== undefined) esim.lineName = lineName;
    const iccidRaw = read(f.iccid);
    if (f.iccid?.parse === undefined || f.iccid.parse === 'iccid') applyIccid(esim, iccidRaw);
    const profileText = read(f.imsiProfile);
    const profile = profileText === undefined ? undefined : parseImsiProfile(profileText);
    if (profile !== undefined) esim.imsiProfile = profile;
    const status = text(read(f.status), 60);
    if (status !== undefined) esim.status = status;
    // A placeholder row ("No eSIM yet") yields nothing: not an eSIM.
    if (Object.keys(esim).length === 1) continue;
    esims.push(esim);
    esimRows.push(row);
  }
  if (rules.plans !== undefined && esims.length > 0)
    readPlans(doc, rules.plans, esims, esimRows, cache, order);
  return esims;
}

function readPlan(row: Element, rules: Plans, cache: LocateCache, order: DateOrder): PagePlan | null {
  const roots: Scope = [row];
  const f = rules.fields;
  const read = (rule: ValueRule | undefined): string | undefined =>
    rule === undefined ? undefined : readRule(roots, rule, cache, row);
  const name = text(read(f.name), 200);
  if (name === undefined) return null;
  const plan: PagePlan = { name };
  const region = text(read(f.region), 200);
  if (region !== undefined) plan.region = region;
  const state = text(read(f.state), 60);
  if (state !== undefined) plan.state = state;
  const date = (rule: ValueRule | undefined): string | undefined => {
    const raw = read(rule);
    if (raw === undefined) return undefined;
    return rule?.parse === 'text' ? text(raw, 40) : parseDateValue(raw, order);
  };
  const activatedAt = date(f.activatedAt);
  if (activatedAt !== undefined) plan.activatedAt = activatedAt;
  const expiresAt = date(f.expiresAt);
  if (expiresAt !== undefined) plan.expiresAt = expiresAt;
  return plan;
}

/** Bit of Node.compareDocumentPosition: the other node follows. */
const FOLLOWING = 4;

function readPlans(
  doc: Document,
  rules: Plans,
  esims: PageEsim[],
  esimRows: Element[],
  cache: LocateCache,
  order: DateOrder,
): void {
  const within = rules.within ?? 'row';
  let checked = 0;
  const add = (esim: PageEsim, row: Element): void => {
    if (esim.plans.length >= MAX_PLANS || ++checked > MAX_PLAN_ROWS_CHECKED || !cache.isShown(row)) return;
    const plan = readPlan(row, rules, cache, order);
    if (plan !== null) esim.plans.push(plan);
  };
  if (within === 'row') {
    esims.forEach((esim, i) => {
      // The rows locator is relative to the eSIM row/card.
      const row = esimRows[i] as Element;
      for (const planRow of findRows(doc, rules.rows, cache, [row])) add(esim, planRow);
    });
    return;
  }
  const planRows = findRows(doc, rules.rows, cache);
  if (within === 'page') {
    const byIccid = new Map<string, PageEsim>();
    for (const e of esims) if (e.iccid !== undefined) byIccid.set(e.iccid, e);
    for (const row of planRows) {
      const raw = rules.esimIccid === undefined ? undefined : readRule([row], rules.esimIccid, cache, row);
      const parsed = raw === undefined ? null : parseIccid(raw);
      const esim = parsed?.ok === true ? byIccid.get(parsed.iccid) : undefined;
      if (esim !== undefined) add(esim, row);
    }
    return;
  }
  // within === 'following': each plan row belongs to the last eSIM row before it. Both lists are in
  // document order, so one merge pass assigns them.
  let k = -1;
  for (const row of planRows) {
    while (k + 1 < esimRows.length && isBefore(esimRows[k + 1] as Element, row)) k++;
    if (k >= 0) add(esims[k] as PageEsim, row);
  }
}

function isBefore(a: Node, b: Node): boolean {
  return a !== b && ((invoke<number>(a, 'compareDocumentPosition', b) ?? 0) & FOLLOWING) !== 0;
}
