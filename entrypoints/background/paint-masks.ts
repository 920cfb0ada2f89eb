/**
 * Paints the mask onto a captured screenshot (issue 14, item 5). The capture bridge also covers the
 * identifiers on the page, but the page owns its DOM: a script can hide our mask layer or force our
 * sidebar visible between the bridge's "ready" and `captureVisibleTab`. It cannot touch the PNG, so the
 * blocks measured before and after the capture (lib/evidence/mask-plan `imageBlocks`) are painted here.
 * OffscreenCanvas works in the service worker (Chrome) and the event page (Firefox).
 */
import type { OpaqueKind } from '../../lib/evidence/mask-areas';
import type { ImageBlock } from '../../lib/evidence/mask-plan';

/** A data URL's bytes as base64, in chunks (a spread of a whole screenshot overflows the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The PNG with every block painted opaque black; areas that could not be read carry `label(kind)`. */
export async function paintMasks(
  dataUrl: string,
  blocks: readonly ImageBlock[],
  label: (kind: OpaqueKind) => string,
  scale: number,
): Promise<string> {
  if (blocks.length === 0) return dataUrl;
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D context to mask the screenshot.');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  ctx.fillStyle = '#000';
  for (const b of blocks) ctx.fillRect(b.x, b.y, b.width, b.height);
  // Labels say why a block is there ("Not inspected: canvas"), inside it, never over the page.
  const size = Math.round(11 * scale);
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'top';
  for (const b of blocks) {
    if (!b.kind || b.kind === 'own' || b.height < size + 4 || b.width < size * 4) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.x, b.y, b.width, b.height);
    ctx.clip();
    ctx.fillText(label(b.kind), b.x + Math.round(4 * scale), b.y + Math.round(3 * scale));
    ctx.restore();
  }
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return `data:image/png;base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}
