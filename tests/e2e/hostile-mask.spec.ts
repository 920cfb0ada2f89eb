/**
 * Issue 14, part MASK, end to end (real Chromium, the built extension): a masked "Capture the portal"
 * covers every identifier the page shows, wherever it is drawn from, and our own sidebar is not in the
 * picture even when the page forces it visible (tests/fixtures/hostile/mask-cases.html).
 *
 * Each identifier on the fixture is drawn in pure red ink (#ff0000). The test measures each case's box
 * on the page, captures with masking on, decodes the PNG in an extension page and checks that no red
 * ink is left in the box and that the box is mostly the mask's black. The sidebar's frame box must be
 * black too (the page forces it visible during the capture).
 *
 * Capturing needs `<all_urls>` or an activeTab grant (see evidence.spec.ts): this spec loads a copy
 * of the build whose manifest also grants `<all_urls>`, as the agent's toolbar click would.
 */
import type { Page, Worker } from '@playwright/test';
import { clickAx } from './ax';
import { expect, test } from './capturable';
import demoProfile from '../../lib/portal/profiles/demo-portal.json' with { type: 'json' };

/** The hostile pages are a portal for the agent (as in hostile.spec.ts): the demo profile on /hostile/. */
async function useHostileProfile(sw: Worker) {
  const { builtIn: _b, ...profile } = demoProfile as typeof demoProfile & { builtIn?: boolean };
  await sw.evaluate(async (p) => chrome.storage.local.set({ userPortals: [p] }), {
    ...profile,
    id: 'hostile-demo',
    urlPatterns: ['http://127.0.0.1/hostile/*'],
  });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Captures the portal tab with masking on (the message the evidence panel sends), from an extension
 * page, and counts in each box (CSS px) the pure-black pixels and the red-ink pixels of the PNG.
 */
async function captureAndCount(
  extensionPage: Page,
  tabId: number,
  boxes: Record<string, Box>,
  viewportWidth: number,
) {
  return extensionPage.evaluate(
    async ({ tabId, boxes, viewportWidth }) => {
      const reply = (await chrome.runtime.sendMessage({ type: 'capture-tab', tabId, mask: true })) as {
        ok: boolean;
        value?: { dataUrl: string; masked: number; uninspected?: { kind: string; count: number }[] };
        error?: { message: string };
      };
      if (!reply.ok || !reply.value) throw new Error(`capture refused: ${reply.error?.message}`);
      const bitmap = await createImageBitmap(await (await fetch(reply.value.dataUrl)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const scale = bitmap.width / viewportWidth;
      const counts: Record<string, { total: number; black: number; ink: number }> = {};
      for (const [name, b] of Object.entries(boxes)) {
        const x = Math.round(b.x * scale);
        const y = Math.round(b.y * scale);
        const w = Math.max(1, Math.round(b.width * scale));
        const h = Math.max(1, Math.round(b.height * scale));
        const data = ctx.getImageData(x, y, w, h).data;
        let black = 0;
        let ink = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, bl] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (r === 0 && g === 0 && bl === 0) black++;
          // Red ink, anti-aliased edges included: strongly red, little green or blue.
          if (r > 150 && g < 110 && bl < 110 && r - g > 80) ink++;
        }
        counts[name] = { total: w * h, black, ink };
      }
      return { counts, masked: reply.value.masked, uninspected: reply.value.uninspected ?? [] };
    },
    { tabId, boxes, viewportWidth },
  );
}

test('a masked capture covers every identifier the page draws, and our sidebar even when the page forces it visible', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  await useHostileProfile(serviceWorker);
  const page = await context.newPage();
  await page.goto(new URL('/hostile/mask-cases.html', portalUrl).href);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __framesLoaded: number }).__framesLoaded))
    .toBe(2);
  // The cross-origin frame really is cross-origin and really shows its ICCID.
  const xframe = page.frames().find((f) => f.url().startsWith('http://localhost:'));
  expect(xframe).toBeDefined();
  await expect(xframe!.locator('#iccid')).toHaveText('8944 5000 1225 1077 807');

  // Our sidebar, open: the page will force it visible while the capture is taken.
  await clickAx(page, 'button', 'Helpdesk Assistant');
  const prefix = `chrome-extension://${extensionId}/sidebar.html`;
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(prefix))).toBe(true);
  const sidebar = page.frames().find((f) => f.url().startsWith(prefix))!;
  await expect(sidebar.locator('body')).not.toBeEmpty();
  const sidebarBox = (await (await sidebar.frameElement()).boundingBox())!;
  expect(sidebarBox.width).toBeGreaterThan(100);

  const cases = await page.evaluate(() =>
    (window as unknown as { __maskCases(): Record<string, Box> }).__maskCases(),
  );
  expect(Object.keys(cases).sort()).toEqual(
    ['after', 'canvas', 'frame', 'input', 'select', 'shadow', 'split', 'textarea', 'xframe'].sort(),
  );
  for (const [name, box] of Object.entries(cases)) {
    expect(box.width, name).toBeGreaterThan(20);
    expect(box.y + box.height, `${name} is on screen`).toBeLessThan(900);
  }

  const tabId = await serviceWorker.evaluate(
    async () => (await chrome.tabs.query({ url: '*://127.0.0.1/hostile/mask-cases.html' }))[0]!.id!,
  );
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/drafts.html`);
  const viewportWidth = await page.evaluate(() => innerWidth);
  const result = await captureAndCount(
    extensionPage,
    tabId,
    { ...cases, sidebar: sidebarBox },
    viewportWidth,
  );
  const report = Object.fromEntries(
    Object.entries(result.counts).map(([k, v]) => [
      k,
      `${v.ink} ink, ${Math.round((100 * v.black) / v.total)}% black`,
    ]),
  );
  console.log('masked capture:', JSON.stringify(report), 'uninspected:', JSON.stringify(result.uninspected));
  for (const [name, c] of Object.entries(result.counts)) {
    expect.soft(c.ink, `${name}: red ink left in the capture`).toBe(0);
    // Labelled blocks (canvas, frames) carry a little white text; identifiers and controls are solid.
    expect.soft(c.black / c.total, `${name}: covered by the mask`).toBeGreaterThan(0.6);
  }
  // The agent is told what was covered without being read.
  expect(result.uninspected.map((u) => u.kind).sort()).toEqual(['canvas', 'frame']);
});
