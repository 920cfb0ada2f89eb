/**
 * "Point at it" (issue 19): while pointing, the page's own handlers do not run (capture-phase
 * listeners on the window stop every pointer, mouse and key event before the page sees it), the
 * element under the pointer is outlined from our closed shadow root, Escape cancels, and the keyboard
 * can do it all: arrow keys walk the page's text elements (outlined the same way), Enter picks.
 */
import { invoke } from '../../lib/portal/safe-dom';
import { isInOwnHost } from '../portal/own-hosts';
import { el, makeHost, rootOf, t } from '../portal/shadow-host';

const CSS =
  ':host{all:initial}' +
  '.box{position:fixed;pointer-events:none;outline:3px solid #f59e0b;background:rgba(245,158,11,.12);z-index:2147483647;border-radius:3px}' +
  '.tip{outline:none;position:fixed;left:50%;top:8px;transform:translateX(-50%);background:#1e293b;color:#fff;font:13px/1.4 system-ui,sans-serif;padding:6px 10px;border-radius:6px;z-index:2147483647;pointer-events:none}';

const SWALLOWED = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'contextmenu',
  'submit',
  'keydown',
  'keyup',
  'keypress',
];

/** Elements worth pointing at with the keyboard: those holding text of their own. */
function textElements(doc: Document): Element[] {
  const out: Element[] = [];
  for (const e of doc.body.querySelectorAll('*')) {
    if (isInOwnHost(e) || ['script', 'style', 'noscript', 'template'].includes(e.localName)) continue;
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
    if ((own || e.localName === 'select' || e.localName === 'input') && e.getClientRects().length > 0)
      out.push(e);
  }
  return out;
}

let cancelCurrent: (() => void) | null = null;

/** Cancels the pointing in progress, if any (the sidebar's "Cancel"). */
export function cancelPointing(): void {
  cancelCurrent?.();
}

/** Lets the agent pick one element of the page; resolves null when cancelled (Escape). */
export function pointAt(doc: Document, prompt: string): Promise<Element | null> {
  cancelPointing();
  return new Promise((resolve) => {
    const { host, root } = makeHost(doc, 'teach-pointer', CSS);
    const box = el(doc, 'div', { className: 'box' });
    const tip = el(doc, 'div', { className: 'tip', text: prompt || t('teachPointTip') });
    tip.setAttribute('role', 'status');
    root.append(box, tip);
    invoke(rootOf(doc), 'appendChild', host);
    const win = doc.defaultView ?? window;
    let current: Element | null = null;
    let keyboard: Element[] | null = null;
    let index = -1;

    const outline = (target: Element | null) => {
      current = target;
      if (target === null) {
        box.style.display = 'none';
        return;
      }
      const r = target.getBoundingClientRect();
      box.style.display = 'block';
      box.style.left = `${r.left - 2}px`;
      box.style.top = `${r.top - 2}px`;
      box.style.width = `${r.width + 4}px`;
      box.style.height = `${r.height + 4}px`;
    };
    const finish = (picked: Element | null) => {
      cancelCurrent = null;
      for (const type of SWALLOWED) win.removeEventListener(type, swallow, true);
      win.removeEventListener('mousemove', onMove, true);
      host.remove();
      resolve(picked);
    };
    const onMove = (e: Event) => {
      const target = e.target as Element | null;
      if (target !== null && !isInOwnHost(target)) outline(target);
    };
    const swallow = (e: Event) => {
      // Our own handling only: the page never sees the event while pointing.
      e.stopImmediatePropagation();
      e.preventDefault();
      if (e.type === 'click') {
        const target = e.target as Element | null;
        if (target !== null && !isInOwnHost(target)) finish(target);
        return;
      }
      if (e.type !== 'keydown') return;
      const key = (e as KeyboardEvent).key;
      if (key === 'Escape') finish(null);
      else if (key === 'Enter' && current !== null) finish(current);
      else if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Tab') {
        keyboard ??= textElements(doc);
        if (keyboard.length === 0) return;
        const back = key === 'ArrowUp' || (key === 'Tab' && (e as KeyboardEvent).shiftKey);
        index = (index + (back ? -1 : 1) + keyboard.length) % keyboard.length;
        const target = keyboard[index] ?? null;
        target?.scrollIntoView({ block: 'nearest' });
        outline(target);
      }
    };
    for (const type of SWALLOWED) win.addEventListener(type, swallow, true);
    win.addEventListener('mousemove', onMove, true);
    cancelCurrent = () => finish(null);
    outline(null);
    // The agent clicked "Point at it" in the sidebar frame: bring the keyboard to the page (on our
    // own element), so Escape, the arrow keys and Enter reach the pointer and nothing of the page.
    tip.tabIndex = -1;
    tip.focus({ preventScroll: true });
  });
}
