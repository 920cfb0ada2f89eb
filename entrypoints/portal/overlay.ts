/**
 * The in-page toggle button and the sidebar frame. Both live in one closed shadow root on a host
 * element we own (DESIGN §3: "UI over the page is isolated"); the sidebar itself is an extension page
 * in an iframe, so the portal cannot read it. The page is narrowed with an adopted style sheet rather
 * than by editing the portal's own elements.
 */
import { browser } from '@wxt-dev/browser';
import { HOST_STYLES, pinHost, realClick, reportHidden, watchVisibility } from './redress';
import { markOwnHost } from './own-hosts';

export const HOST_ATTRIBUTE = 'data-helpdesk-assistant';
const MIN_WIDTH = 320;
const MAX_WIDTH = 720;
const DEFAULT_WIDTH = 400;

interface OverlayPrefs {
  open: boolean;
  width: number;
  side: 'right' | 'left';
}

const t = (key: string) => browser.i18n.getMessage(key) || key;

const STYLE = `
:host { all: initial; }
.toggle { position: fixed; bottom: 16px; z-index: 2147483647; display: flex; align-items: center; gap: 6px;
  padding: 8px 12px; border-radius: 999px; border: 1px solid #1e3a8a; background: #1d4ed8; color: #fff;
  font: 600 13px/1.2 system-ui, sans-serif; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.toggle:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.toggle.docked { top: 5px; bottom: auto; padding: 4px 10px; font-size: 12px; box-shadow: none; }
.panel { position: fixed; top: 0; bottom: 0; z-index: 2147483646; display: none; background: #fff;
  box-shadow: 0 0 16px rgba(0,0,0,.2); }
.panel.open { display: block; }
.panel iframe { border: 0; width: 100%; height: 100%; display: block; }
.grip { position: absolute; top: 0; bottom: 0; width: 6px; cursor: ew-resize; background: transparent; }
.grip:hover, .grip:focus-visible { background: rgba(29,78,216,.35); outline: none; }
`;

// The layer style, fixed at the top left instead of static (its children are fixed themselves).
const OVERLAY_HOST_STYLE = HOST_STYLES.layer.replace(
  'position:static!important;',
  'position:fixed!important;top:0!important;left:0!important;',
);

/** 32 random URL-safe characters (192 bits). */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function prefsKey(origin: string) {
  return `overlay:${origin}`;
}

function clampWidth(w: number) {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(w)));
}

/** Mounts the toggle button (always) and, lazily, the sidebar iframe. Returns controls and a teardown. */
export async function mountOverlay(doc: Document, hooks: { onOpenChange?: (open: boolean) => void } = {}) {
  const origin = doc.location.origin;
  const stored = (await browser.storage.local.get(prefsKey(origin)))[prefsKey(origin)] as
    Partial<OverlayPrefs> | undefined;
  const prefs: OverlayPrefs = {
    open: stored?.open === true,
    width: clampWidth(typeof stored?.width === 'number' ? stored.width : DEFAULT_WIDTH),
    side: stored?.side === 'left' ? 'left' : 'right',
  };

  const host = markOwnHost(doc.createElement('div'));
  host.setAttribute(HOST_ATTRIBUTE, 'overlay');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'toggle';
  button.textContent = t('extName');
  button.setAttribute('aria-label', t('extName'));
  button.setAttribute('aria-expanded', 'false');
  const panel = doc.createElement('div');
  panel.className = 'panel';
  panel.setAttribute('role', 'complementary');
  panel.setAttribute('aria-label', t('extName'));
  const grip = doc.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', t('sidebarResize'));
  panel.append(grip);
  shadow.append(style, button, panel);
  doc.documentElement.append(host);
  // Issue 14: page CSS cannot hide or move the toggle's host (inline !important, put back if changed);
  // if the page still hides the toggle (covers it, fades an ancestor), the toolbar button says so.
  // Issue 15: out of the page's flow (fixed, 0×0): appending it lays out nothing of the page at load.
  const unpin = pinHost(host, OVERLAY_HOST_STYLE);
  let toggleHidden = false;
  const toggleWatch = watchVisibility(button, host, (visible) => {
    if (visible === !toggleHidden) return;
    toggleHidden = !visible;
    reportHidden('toggle', toggleHidden);
  });

  // Narrow the page instead of covering its controls. Adopted sheets do not touch the portal's DOM.
  const pageSheet = new CSSStyleSheet();
  let sheetAdopted = false;
  let frame: HTMLIFrameElement | null = null;

  function layout() {
    panel.style.width = `${prefs.width}px`;
    panel.style.left = prefs.side === 'left' ? '0' : '';
    panel.style.right = prefs.side === 'right' ? '0' : '';
    grip.style.left = prefs.side === 'right' ? '-3px' : '';
    grip.style.right = prefs.side === 'left' ? '-3px' : '';
    // Issue 17: open, the toggle docks in the sidebar's own header (over its title, which it repeats)
    // instead of floating over the page, where it covered the guard's warning line.
    button.classList.toggle('docked', prefs.open);
    if (prefs.open) {
      button.style.left = prefs.side === 'right' ? `calc(100% - ${prefs.width - 8}px)` : '8px';
      button.style.right = 'auto';
    } else {
      button.style.right = prefs.side === 'right' ? '16px' : '';
      button.style.left = prefs.side === 'left' ? '16px' : '';
    }
    const margin = prefs.side === 'right' ? 'margin-right' : 'margin-left';
    pageSheet.replaceSync(prefs.open ? `html { ${margin}: ${prefs.width}px !important; }` : '');
    if (prefs.open && !sheetAdopted) {
      try {
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, pageSheet];
        sheetAdopted = true;
      } catch {
        // Some engines refuse sheets built in the content script's world: the panel then overlays.
      }
    }
  }

  function save() {
    void browser.storage.local.set({ [prefsKey(origin)]: prefs });
  }

  function setOpen(open: boolean, persist = true) {
    prefs.open = open;
    hooks.onOpenChange?.(open);
    if (open && !frame) {
      frame = doc.createElement('iframe');
      frame.title = t('extName');
      // Issue 14: a one-time token, registered with the background before the frame loads, travels in
      // the URL's fragment; the sidebar acts only once the background confirms it (a sidebar.html the
      // page frames itself has no token). The fragment is not sent over the network, and the frame's
      // URL sits in our closed shadow root.
      const token = newToken();
      const src = `${browser.runtime.getURL('/sidebar.html')}#${token}`;
      const created = frame;
      void browser.runtime
        .sendMessage({ type: 'register-sidebar-frame', token })
        .catch(() => undefined)
        .then(() => {
          if (frame === created) created.src = src;
        });
      // The sidebar needs clipboard writes for its copy buttons.
      frame.allow = 'clipboard-write';
      panel.append(frame);
    }
    // Issue 17: closing while the agent was in the sidebar gives the focus back to the page, on the
    // toggle that opened it (a hidden frame would otherwise keep it, and the keyboard would be lost).
    const wasInside = !open && doc.activeElement === host;
    panel.classList.toggle('open', open);
    if (wasInside) button.focus();
    button.setAttribute('aria-expanded', String(open));
    layout();
    if (persist) save();
  }

  // Only the agent's own click, on the toggle itself (not through a page element over it).
  button.addEventListener('click', (ev) => {
    if (realClick(ev, host)) setOpen(!prefs.open);
  });

  // Resizing: pointer drag on the grip, or arrow keys when it has focus.
  grip.addEventListener('pointerdown', (down) => {
    grip.setPointerCapture(down.pointerId);
    if (frame) frame.style.pointerEvents = 'none';
    const move = (e: PointerEvent) => {
      const viewport = doc.documentElement.clientWidth + (prefs.side === 'right' ? prefs.width : 0);
      prefs.width = clampWidth(prefs.side === 'right' ? viewport - e.clientX : e.clientX);
      layout();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      if (frame) frame.style.pointerEvents = '';
      save();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up, { once: true });
  });
  grip.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const grow = (e.key === 'ArrowLeft') === (prefs.side === 'right');
    prefs.width = clampWidth(prefs.width + (grow ? 24 : -24));
    layout();
    save();
  });

  layout();
  if (prefs.open) setOpen(true, false);

  return {
    toggle: () => setOpen(!prefs.open),
    setOpen,
    isOpen: () => prefs.open,
    /** Docks the panel on a side; anything but 'left'/'right' swaps sides. */
    setSide(side: unknown) {
      prefs.side = side === 'left' || side === 'right' ? side : prefs.side === 'left' ? 'right' : 'left';
      layout();
      save();
    },
    teardown() {
      unpin();
      toggleWatch.stop();
      host.remove();
      if (sheetAdopted) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== pageSheet);
    },
  };
}

export type Overlay = Awaited<ReturnType<typeof mountOverlay>>;
