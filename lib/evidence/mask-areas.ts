/**
 * What a masked screenshot must cover (issue 14, item 5: "masking by what is on screen"). Every
 * rendered occurrence of a personal identifier (DESIGN §2: tickets carry ICCIDs and phone numbers;
 * screenshots can be redacted before they are kept) — wherever the browser draws it from:
 *
 * - text nodes, also a number split across inline elements (`<span>8944 5000</span><span>1225 …`):
 *   the text of the document is read as one string with a map back to the text nodes, and each match
 *   is covered by the client rects of its pieces;
 * - form controls: an input's or textarea's value (or placeholder) and a select's shown option — the
 *   control's box is covered (the text inside a control has no range rects);
 * - open shadow roots (recursively; closed ones too when the caller can open them), generated content
 *   (`::before` / `::after` `content`) and same-origin frames (their rects offset into the top page);
 * - what cannot be read at all — canvas, images, video, embeds, cross-origin frames — is listed as
 *   opaque, to be covered by a labelled block;
 * - our own in-page UI (the caller says which elements are ours) is listed apart.
 *
 * Pure: the document is an argument and every built-in is reached through lib/portal/safe-dom (a
 * hostile page clobbers `document.createRange` & co.), so it runs on a jsdom fixture with stubbed
 * rects. Bounded: a huge or hostile page costs a fixed amount of work at most; past the bounds the
 * plan says `truncated` and the caller refuses or covers more.
 */
import { findIccids } from '../telecom/iccid';
import { findPhoneNumbers } from '../telecom/msisdn';
import { ELEMENT_NODE, TEXT_NODE, invoke, prop } from '../portal/safe-dom';

/** A rectangle in CSS pixels of the top page's viewport. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What an area that cannot be read is (the editor names them for the agent). */
export const OPAQUE_KINDS = ['canvas', 'frame', 'image', 'media', 'embed'] as const;
export type OpaqueKind = (typeof OPAQUE_KINDS)[number];

/** Everything a masked capture covers, in viewport CSS pixels. */
export interface MaskPlan {
  /** Boxes holding an identifier (text pieces, control boxes, boxes with generated content). */
  identifiers: Box[];
  /** Areas whose pixels cannot be inspected. */
  opaque: { kind: OpaqueKind; box: Box }[];
  /** Our own in-page UI (sidebar frame, toggle, badges, dialogs) that is on screen. */
  own: Box[];
  /** How many identifier occurrences were found (one may need several boxes). */
  found: number;
  /** The layout viewport the boxes are relative to. */
  viewport: { width: number; height: number };
  /** True when a bound stopped the walk: the page may hold more than what is listed. */
  truncated: boolean;
}

export interface MaskOptions {
  /** True for an element of our own UI: it is not read, its box goes to `own`. */
  isOwn?: (el: Element) => boolean;
  /** The shadow root of a host, open or closed when the caller can reach closed ones (extension API). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /** Our own UI's boxes, when the caller measures them itself (closed roots it holds). */
  ownBoxes?: (el: Element) => Box[];
  /** Bounds (defaults below). */
  maxNodes?: number;
  maxBoxes?: number;
  maxFrameDepth?: number;
}

const MAX_NODES = 200_000;
const MAX_BOXES = 5_000;
const MAX_FRAME_DEPTH = 4;

/** Not rendered, or not text the agent reads. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'datalist']);
/**
 * Inline by default (HTML's rendering section): their text runs on with the text around them, so a
 * number split across them is one number on screen. Any other element separates (a table cell next to
 * a cell is another number). A page that lays block elements out side by side is read both ways below.
 */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'label', 'output',
  'slot', 'nobr', 'tt', 'big', 'strike',
]);
const OPAQUE_TAGS: Record<string, OpaqueKind> = {
  canvas: 'canvas',
  img: 'image',
  svg: 'image',
  video: 'media',
  object: 'embed',
  embed: 'embed',
  applet: 'embed',
};
/** Input types whose box shows no typed text. */
const TEXTLESS_INPUTS = new Set(['hidden', 'password', 'checkbox', 'radio', 'range', 'color']);
/** IMSI (15 digits, ITU-T E.212) — and IMEI, also personal: any standalone 15-digit run. */
const FIFTEEN_DIGITS = /(?<!\d)\d{15}(?!\d)/g;

/** `[start, end)` offsets of every identifier in `text`: ICCIDs (Luhn), phone numbers, IMSI/IMEI. */
export function identifierSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!/\d/.test(text)) return spans;
  for (const m of findIccids(text)) spans.push([m.start, m.end]);
  for (const m of findPhoneNumbers(text)) spans.push([m.start, m.end]);
  for (const m of text.matchAll(FIFTEEN_DIGITS)) spans.push([m.index, m.index + 15]);
  return spans;
}

interface Segment {
  node: Text;
  /** Offset of the node's first character in the joined text (`joined`) and in the glued text (`glued`). */
  joined: number;
  glued: number;
  length: number;
}

/** A document being read: its text, and where its boxes go in the top page. */
interface Frame {
  doc: Document;
  view: Window | null;
  dx: number;
  dy: number;
  clip: Box;
  segments: Segment[];
  /** Text pieces already covered (`index,from,to;…`). */
  covered: Set<string>;
  joined: string[];
  joinedLength: number;
  glued: string[];
  gluedLength: number;
}

const intersect = (a: Box, b: Box): Box | null => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
};

/**
 * The boxes a masked screenshot of `doc`'s viewport must cover. `doc` is the top document; its
 * same-origin frames are read as part of it.
 */
export function findMaskAreas(doc: Document, options: MaskOptions = {}): MaskPlan {
  const isOwn = options.isOwn ?? (() => false);
  const shadowRootOf = options.shadowRootOf ?? ((el: Element) => prop<ShadowRoot | null>(el, 'shadowRoot') ?? null);
  const maxNodes = options.maxNodes ?? MAX_NODES;
  const maxBoxes = options.maxBoxes ?? MAX_BOXES;
  const maxDepth = options.maxFrameDepth ?? MAX_FRAME_DEPTH;

  const view = prop<Window | null>(doc, 'defaultView') ?? null;
  const viewport = { width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0 };
  const plan: MaskPlan = { identifiers: [], opaque: [], own: [], found: 0, viewport, truncated: false };
  let nodes = 0;
  const boxCount = () => plan.identifiers.length + plan.opaque.length + plan.own.length;

  const full = (): boolean => {
    if (nodes > maxNodes || boxCount() >= maxBoxes) plan.truncated = true;
    return plan.truncated;
  };

  /** Client rects of `target` (an element or a range), moved into the top page and clipped. */
  const place = (frame: Frame, rects: ArrayLike<DOMRect> | undefined): Box[] => {
    const out: Box[] = [];
    for (const r of Array.from(rects ?? [])) {
      if (!(r.width > 0 && r.height > 0)) continue;
      const box = intersect({ x: r.left + frame.dx, y: r.top + frame.dy, width: r.width, height: r.height }, frame.clip);
      if (box) out.push(box);
    }
    return out;
  };
  const elementBox = (frame: Frame, el: Element): Box[] => {
    const r = invoke<DOMRect>(el, 'getBoundingClientRect');
    return r ? place(frame, [r]) : [];
  };
  const style = (frame: Frame, el: Element, pseudo?: string): CSSStyleDeclaration | null => {
    try {
      return frame.view?.getComputedStyle(el, pseudo) ?? null;
    } catch {
      return null;
    }
  };

  const cover = (boxes: Box[]) => {
    if (boxes.length === 0) return;
    plan.found++;
    plan.identifiers.push(...boxes);
  };

  /** Text shown by a form control, or null when it shows none. */
  const controlText = (el: Element, tag: string): string | null => {
    if (tag === 'textarea' || tag === 'input') {
      const type = (prop<string>(el, 'type') ?? '').toLowerCase();
      if (tag === 'input' && TEXTLESS_INPUTS.has(type)) return null;
      return `${prop<string>(el, 'value') ?? ''}\n${prop<string>(el, 'placeholder') ?? ''}`;
    }
    if (tag === 'select') {
      const options = Array.from(prop<ArrayLike<HTMLOptionElement>>(el, 'options') ?? []);
      const listbox = prop<boolean>(el, 'multiple') === true || (prop<number>(el, 'size') ?? 0) > 1;
      // A drop-down shows its selected option; a list box shows them all.
      const shown = listbox ? options : options.filter((o) => prop<boolean>(o, 'selected') === true);
      return shown.map((o) => prop<string>(o, 'label') ?? prop<string>(o, 'text') ?? '').join('\n');
    }
    return null;
  };

  /** `content` of a pseudo-element as the text it draws (quoted strings and `attr()` values). */
  const generated = (frame: Frame, el: Element, pseudo: string): string => {
    const content = style(frame, el, pseudo)?.content ?? '';
    if (content === '' || content === 'none' || content === 'normal') return '';
    let text = content.replace(/\\([0-9a-f]{1,6}\s?|.)/gi, (_, c: string) =>
      /^[0-9a-f]/i.test(c) && c.trim().length > 1 ? String.fromCodePoint(parseInt(c, 16)) : c,
    );
    for (const m of content.matchAll(/attr\(\s*([\w-]+)/g)) {
      text += ` ${invoke<string | null>(el, 'getAttribute', m[1]) ?? ''}`;
    }
    return text;
  };

  const separate = (frame: Frame) => {
    frame.joined.push('\n');
    frame.joinedLength++;
  };

  const visitChildren = (frame: Frame, parent: Node, depth: number) => {
    for (
      let child = prop<Node | null>(parent, 'firstChild') ?? null;
      child && !full();
      child = prop<Node | null>(child, 'nextSibling') ?? null
    ) {
      visit(frame, child, depth);
    }
  };

  const visit = (frame: Frame, node: Node, depth: number) => {
    nodes++;
    const type = prop<number>(node, 'nodeType');
    if (type === TEXT_NODE) {
      const data = prop<string>(node, 'data') ?? '';
      if (data === '') return;
      frame.segments.push({ node: node as Text, joined: frame.joinedLength, glued: frame.gluedLength, length: data.length });
      frame.joined.push(data);
      frame.joinedLength += data.length;
      frame.glued.push(data);
      frame.gluedLength += data.length;
      return;
    }
    if (type !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = prop<string>(el, 'localName') ?? '';
    if (SKIPPED.has(tag)) return;
    if (isOwn(el)) {
      plan.own.push(...(options.ownBoxes ? options.ownBoxes(el) : elementBox(frame, el)));
      separate(frame);
      return;
    }
    const inline = INLINE.has(tag);
    if (!inline) separate(frame);

    // Areas whose pixels we cannot read: covered whole.
    const opaque = OPAQUE_TAGS[tag] ?? (tag === 'input' && prop<string>(el, 'type') === 'image' ? 'image' : undefined);
    if (opaque !== undefined && tag !== 'svg') {
      for (const box of elementBox(frame, el)) plan.opaque.push({ kind: opaque, box });
      return;
    }
    if (tag === 'svg') {
      // SVG text is text (read below); pictures inside it are not.
      for (const img of Array.from(invoke<ArrayLike<Element>>(el, 'querySelectorAll', 'image, foreignObject canvas, foreignObject img') ?? []))
        for (const box of elementBox(frame, img)) plan.opaque.push({ kind: 'image', box });
    }
    if (tag === 'iframe' || tag === 'frame') {
      visitFrame(frame, el, depth);
      separate(frame);
      return;
    }

    const shown = controlText(el, tag);
    if (shown !== null) {
      if (identifierSpans(shown).length > 0) cover(elementBox(frame, el));
      // The text inside a control (a textarea's default value, a select's options) has no range rects:
      // what it shows was read above.
      separate(frame);
      return;
    }

    // Generated content: the element's box is covered when it holds an identifier.
    const before = generated(frame, el, '::before');
    const after = generated(frame, el, '::after');
    if (before !== '' || after !== '') {
      // The element's own text counts when short (`::before{content:"8944 5000 "}` + "1225 1002 0012").
      const text = prop<string>(el, 'textContent') ?? '';
      const own = text.length <= 200 ? text : '';
      if (identifierSpans(`${before}\n${after}`).length > 0 || identifierSpans(`${before}${own}${after}`).length > 0)
        cover(elementBox(frame, el));
    }

    const root = shadowRootOf(el);
    if (root) {
      separate(frame);
      visitChildren(frame, root, depth);
      separate(frame);
    }
    visitChildren(frame, el, depth);
    if (!inline) separate(frame);
  };

  /** A frame: read its document when it is same-origin, else cover it. */
  const visitFrame = (frame: Frame, el: Element, depth: number) => {
    const boxes = elementBox(frame, el);
    if (boxes.length === 0) return;
    let inner: Document | null = null;
    try {
      inner = prop<Document | null>(el, 'contentDocument') ?? null;
    } catch {
      inner = null;
    }
    if (!inner || depth >= maxDepth) {
      for (const box of boxes) plan.opaque.push({ kind: 'frame', box });
      return;
    }
    // The frame's viewport starts at its content box (inside border and padding).
    const r = invoke<DOMRect>(el, 'getBoundingClientRect')!;
    const cs = style(frame, el);
    const px = (v: string | undefined) => parseFloat(v ?? '') || 0;
    const dx = frame.dx + r.left + px(cs?.borderLeftWidth) + px(cs?.paddingLeft);
    const dy = frame.dy + r.top + px(cs?.borderTopWidth) + px(cs?.paddingTop);
    const width = r.width - px(cs?.borderLeftWidth) - px(cs?.borderRightWidth) - px(cs?.paddingLeft) - px(cs?.paddingRight);
    const height = r.height - px(cs?.borderTopWidth) - px(cs?.borderBottomWidth) - px(cs?.paddingTop) - px(cs?.paddingBottom);
    const clip = intersect({ x: dx, y: dy, width, height }, frame.clip);
    if (!clip) return;
    readDocument(inner, dx, dy, clip, depth + 1);
  };

  const readDocument = (d: Document, dx: number, dy: number, clip: Box, depth: number) => {
    const frame: Frame = {
      doc: d,
      view: prop<Window | null>(d, 'defaultView') ?? null,
      dx,
      dy,
      clip,
      segments: [],
      covered: new Set(),
      joined: [],
      joinedLength: 0,
      glued: [],
      gluedLength: 0,
    };
    const rootEl = prop<Element | null>(d, 'documentElement') ?? null;
    if (rootEl) visit(frame, rootEl, depth);
    coverText(frame);
  };

  /** Matches in the document's text, mapped back to the text nodes and covered by their rects. */
  const coverText = (frame: Frame) => {
    const joined = frame.joined.join('');
    const glued = frame.glued.join('');
    // Joined: elements that are not inline stand apart (table cells are separate numbers).
    for (const [start, end] of identifierSpans(joined)) coverRange(frame, 'joined', start, end);
    // Glued: every element boundary erased, for block elements a page lays out inline (ICCIDs only:
    // Luhn-checked, so gluing rarely invents one; when it does, a few digits too many are covered).
    for (const m of findIccids(glued)) coverRange(frame, 'glued', m.start, m.end);
  };

  const coverRange = (frame: Frame, axis: 'joined' | 'glued', start: number, end: number) => {
    if (boxCount() >= maxBoxes) {
      plan.truncated = true;
      return;
    }
    const segs = frame.segments;
    // First segment that ends after `start` (binary search: segments are in text order on both axes).
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = segs[mid]!;
      if (s[axis] + s.length <= start) lo = mid + 1;
      else hi = mid;
    }
    const pieces: [number, number, number][] = [];
    for (let i = lo; i < segs.length; i++) {
      const s = segs[i]!;
      if (s[axis] >= end) break;
      const from = Math.max(0, start - s[axis]);
      const to = Math.min(s.length, end - s[axis]);
      if (to > from) pieces.push([i, from, to]);
    }
    // The same number read on both axes is one occurrence.
    const key = pieces.join(';');
    if (pieces.length === 0 || frame.covered.has(key)) return;
    frame.covered.add(key);
    const boxes: Box[] = [];
    for (const [i, from, to] of pieces) {
      const s = segs[i]!;
      const range = invoke<Range>(frame.doc, 'createRange');
      if (!range) continue;
      range.setStart(s.node, from);
      range.setEnd(s.node, to);
      boxes.push(...place(frame, range.getClientRects()));
    }
    cover(boxes);
  };

  readDocument(doc, 0, 0, { x: 0, y: 0, width: viewport.width, height: viewport.height }, 0);
  return plan;
}
