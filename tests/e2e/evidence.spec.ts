/**
 * Issue 7, end to end (real Chromium, the built extension, the demo portal): capture the portal tab,
 * black out a box, and read the stored image back — the box is solid black and no stored attachment is
 * the original capture; paste an image and a HAR; record the portal's API calls, pick the "Refresh
 * status" call and find it in the rendered ticket with its time — and the portal's API key nowhere.
 *
 * The ticket is edited in the drafts tab (the sidebar frame is denied IndexedDB in this Chromium — see
 * the FIXME in sidebar.spec.ts); the capture targets the portal tab the draft was started on.
 */
import type { Page } from '@playwright/test';
import { queryAx } from './ax';
import { expected, subscriber } from './expected';
import { expect, test } from './capturable';
import { storedRows } from './stored';
import { escalateByMenu } from './menu';
import { portalTabRead } from './page-read';

const KEY = expected.apiKey;

/** Every row of every store of the extension's database, Blobs read as text, as one string. */
function dumpDatabase(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('helpdesk-assistant');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const parts: string[] = [];
          for (const name of Array.from(db.objectStoreNames)) {
            const rows = await new Promise<unknown[]>((res, rej) => {
              const r = db.transaction(name, 'readonly').objectStore(name).getAll();
              r.onsuccess = () => res(r.result);
              r.onerror = () => rej(r.error);
            });
            for (const row of rows) {
              const blob = (row as { blob?: unknown }).blob;
              parts.push(JSON.stringify(row));
              if (blob instanceof Blob) parts.push(await blob.text());
            }
          }
          db.close();
          resolve(parts.join('\n'));
        };
      }),
  );
}

interface StoredAttachment {
  name: string;
  type: string;
  size: number;
  tag?: string;
  sha: string;
}

/** The attachments rows with a SHA-256 of each Blob. */
function storedAttachments(page: Page): Promise<StoredAttachment[]> {
  return page.evaluate(
    () =>
      new Promise<StoredAttachment[]>((resolve, reject) => {
        const open = indexedDB.open('helpdesk-assistant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const r = db.transaction('attachments', 'readonly').objectStore('attachments').getAll();
          r.onerror = () => reject(r.error);
          r.onsuccess = async () => {
            const rows = r.result as { name: string; type: string; size: number; tag?: string; blob: Blob }[];
            const out: StoredAttachment[] = [];
            for (const row of rows) {
              const digest = await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer());
              const sha = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
              out.push({
                name: row.name,
                type: row.type,
                size: row.size,
                ...(row.tag ? { tag: row.tag } : {}),
                sha,
              });
            }
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

test('capture, redact, paste, record: evidence is stored redacted and the key never is', async ({
  context,
  extensionId,
  portalUrl,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const amira = subscriber('S-1001');
  const spain = amira.esims[0]!;
  const portal = await context.newPage();
  const url = new URL(amira.url, portalUrl).href;
  await portal.goto(url);
  await expect(portal.getByRole('heading', { name: amira.name })).toBeVisible();
  await expect.poll(() => portalTabRead(serviceWorker)).toBe(true);
  await escalateByMenu(serviceWorker, spain.iccidDisplay, url);
  const firstDraftId = async () => (await storedRows<{ id: string }>(serviceWorker, 'drafts'))[0]?.id ?? '';
  await expect.poll(firstDraftId).not.toBe('');
  const draftId = await firstDraftId();

  const drafts = await context.newPage();
  // Test-only hook: remember every image source the page loads, to compare the original capture with
  // what gets stored (the product keeps the original in memory only).
  await drafts.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __imageSources: string[] }).__imageSources = seen;
    const descriptor = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
    Object.defineProperty(HTMLImageElement.prototype, 'src', {
      ...descriptor,
      set(value: string) {
        if (value.startsWith('data:image/png')) seen.push(value);
        descriptor.set!.call(this, value);
      },
    });
  });
  await drafts.goto(`chrome-extension://${extensionId}/drafts.html#draft=${draftId}`);
  await expect(drafts.getByLabel('ICCID', { exact: true })).toHaveValue(spain.iccid);
  const panel = drafts.getByTestId('evidence-panel');

  // 1. Capture the portal (masking on), black out a box, save.
  await panel.getByRole('button', { name: 'Capture the portal' }).click();
  const canvas = panel.getByRole('img', { name: 'Screenshot being edited' });
  await expect(canvas).toBeVisible();
  await expect(panel.getByText(/identifiers covered in the capture/)).toBeVisible();
  const captureMs = () =>
    drafts.evaluate(() => performance.getEntriesByName('ev-capture-to-editor')[0]?.duration ?? -1);
  await expect.poll(captureMs).toBeGreaterThan(0);
  const ms = await captureMs();
  // Measured, not asserted (DESIGN §4: performance is measured by the bench).
  test.info().annotations.push({ type: 'capture-to-editor-ms', description: ms.toFixed(1) });
  console.log(`capture → image in the editor: ${ms.toFixed(1)} ms`);

  const box = (await canvas.boundingBox())!;
  await drafts.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await drafts.mouse.down();
  await drafts.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2, { steps: 4 });
  await drafts.mouse.up();
  const rect = await panel.getByTestId('editor-shapes').locator('li').first().getAttribute('data-rect');
  const [rx, ry, rw, rh] = rect!.split(',').map(Number) as [number, number, number, number];
  expect(rw).toBeGreaterThan(20);
  expect(rh).toBeGreaterThan(10);
  await panel.getByLabel('What the screenshot shows').selectOption('other');
  await panel.getByRole('button', { name: 'Save edited image' }).click();
  await expect(panel.getByText('Edited screenshot saved with the draft.')).toBeVisible();
  await expect(canvas).toHaveCount(0);

  // The stored image, decoded in the extension page: every pixel of the box is solid black.
  const boxPixels = await drafts.evaluate(
    async ({ rx, ry, rw, rh }) =>
      new Promise<{ black: number; total: number; width: number }>((resolve, reject) => {
        const open = indexedDB.open('helpdesk-assistant');
        open.onsuccess = () => {
          const r = open.result.transaction('attachments', 'readonly').objectStore('attachments').getAll();
          r.onerror = () => reject(r.error);
          r.onsuccess = async () => {
            const row = (r.result as { type: string; blob: Blob }[]).find((a) => a.type === 'image/png')!;
            const bitmap = await createImageBitmap(row.blob);
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const ctx = canvas.getContext('2d')!;
            ctx.drawImage(bitmap, 0, 0);
            const data = ctx.getImageData(rx, ry, rw, rh).data;
            let black = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0 && data[i + 3] === 255) black++;
            }
            open.result.close();
            resolve({ black, total: data.length / 4, width: bitmap.width });
          };
        };
      }),
    { rx, ry, rw, rh },
  );
  expect(boxPixels.total).toBe(rw * rh);
  expect(boxPixels.black).toBe(boxPixels.total);

  // No stored attachment is the original capture.
  const originals = await drafts.evaluate(async () => {
    const out: { size: number; sha: string }[] = [];
    for (const src of (window as unknown as { __imageSources: string[] }).__imageSources) {
      const bytes = await (await fetch(src)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      out.push({
        size: bytes.byteLength,
        sha: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
      });
    }
    return out;
  });
  expect(originals.length).toBeGreaterThan(0);
  const afterCapture = await storedAttachments(drafts);
  expect(afterCapture).toHaveLength(1);
  for (const original of originals) expect(afterCapture.map((a) => a.sha)).not.toContain(original.sha);

  // 2. Paste an image into the drop zone.
  await panel.getByTestId('attach-zone').evaluate(async (zone) => {
    const canvas = new OffscreenCanvas(4, 4);
    canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    zone.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(panel.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(2);
  await panel.getByLabel(/^What pasted-.*\.png shows$/).selectOption('esim-settings');

  // 3. A HAR holding the key, through the HAR file picker.
  const har = JSON.stringify({
    log: {
      version: '1.2',
      entries: [
        {
          startedDateTime: '2026-11-21T09:00:00.000Z',
          time: 12,
          request: {
            method: 'GET',
            url: `${portalUrl}api/v2/esims/${spain.iccid}/bundles`,
            headers: [{ name: 'X-API-Key', value: KEY }],
          },
          response: {
            status: 200,
            headers: [],
            content: { mimeType: 'application/json', text: '{"bundles":[]}' },
          },
        },
      ],
    },
  });
  await panel
    .getByLabel('Open a HAR file')
    .setInputFiles({ name: 'session.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  await expect(
    panel.getByRole('status').filter({ hasText: '1 calls found; 1 secrets removed.' }),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'Add 1 selected to the ticket' }).click();
  await expect(
    panel.getByRole('list', { name: 'API calls in the ticket' }).getByRole('listitem'),
  ).not.toHaveCount(0);

  // 4. Record the portal's API calls, click Refresh status, pick the call.
  await expect(panel.getByLabel('API hosts')).toHaveValue('127.0.0.1');
  await panel.getByRole('button', { name: 'Start recording' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Recording API calls' })).toBeVisible();
  await portal.bringToFront();
  await expect.poll(async () => (await queryAx(portal, 'status', 'Recording API calls')).length).toBe(1);
  await portal.getByRole('button', { name: 'Refresh status' }).first().click();
  await expect(portal.locator('output.api-status').first()).toHaveText('eSIM Go: Installed');
  await drafts.bringToFront();
  const captured = panel.getByRole('list', { name: 'Captured calls' });
  await expect(captured).toContainText(`/api/v2/esims/${spain.iccid}`);
  await expect(captured).toContainText('reported by the page');
  await panel.getByRole('button', { name: 'Add 1 selected to the ticket' }).click();
  await expect(panel.getByText('1 calls added to the ticket.')).toBeVisible();
  await panel.getByRole('button', { name: 'Stop recording' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Recording API calls' })).toHaveCount(0);

  // The rendered ticket: the captured call with its status and time, the files, never the key.
  const preview = drafts.getByTestId('ticket-preview');
  await expect(preview).toContainText(
    new RegExp(
      `GET ${portalUrl.replace(/[.]/g, '\\.')}api/v2/esims/${spain.iccid} \\(reported by the page\\) → 200 @ \\d{4}-\\d\\d-\\d\\dT`,
    ),
  );
  await expect(preview).toContainText('eSIM settings');
  await expect(preview).toContainText('Installed');
  expect(await preview.textContent()).not.toContain(KEY);

  // Nowhere in the database either (drafts, attachments and their Blobs, journal, settings).
  await expect
    .poll(async () => (await storedAttachments(drafts)).filter((a) => a.tag === 'api-call'))
    .toHaveLength(2);
  const dump = await dumpDatabase(drafts);
  expect(dump).toContain(`/api/v2/esims/${spain.iccid}`);
  expect(dump).not.toContain(KEY);
  // …nor in the session memory where the capture kept its calls.
  expect(JSON.stringify(await serviceWorker.evaluate(() => chrome.storage.session.get(null)))).not.toContain(
    KEY,
  );
});
