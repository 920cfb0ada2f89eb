/**
 * The mask plan at the boundary (issue 14, item 5): the capture bridge measures what to cover
 * (lib/evidence/mask-areas.ts) and the background paints it onto the captured image, where the page
 * cannot remove or restyle it. The bridge's answer is page-world-adjacent data: parsed here, bounded.
 */
import { z } from 'zod';
import { OPAQUE_KINDS, type Box, type OpaqueKind } from './mask-areas';

const coord = z.number().finite().min(-1e6).max(1e6);
const BoxSchema = z.object({ x: coord, y: coord, width: z.number().finite().min(0).max(1e6), height: z.number().finite().min(0).max(1e6) });

export const MaskPlanSchema = z.object({
  identifiers: z.array(BoxSchema).max(20_000),
  opaque: z.array(z.object({ kind: z.enum(OPAQUE_KINDS), box: BoxSchema })).max(20_000),
  own: z.array(BoxSchema).max(20_000),
  found: z.number().int().nonnegative(),
  viewport: z.object({ width: z.number().finite().positive(), height: z.number().finite().positive() }),
  truncated: z.boolean(),
});

/** One block painted on the image, in image pixels; `kind` blocks carry a label. */
export interface ImageBlock {
  x: number;
  y: number;
  width: number;
  height: number;
  kind?: OpaqueKind | 'own';
}

/** CSS pixels of margin around an identifier: anti-aliased glyph edges must not peek out. */
const MARGIN = 2;

/**
 * The blocks to paint on an image of `imageWidth` × `imageHeight` pixels captured from the plans'
 * viewport (several plans: measured before and after the capture, so content the page moved in between
 * is covered at both places). Scaled by the image-to-viewport ratio (device pixel ratio, zoom), rounded
 * outwards and clipped to the image.
 */
export function imageBlocks(plans: readonly z.infer<typeof MaskPlanSchema>[], imageWidth: number, imageHeight: number): ImageBlock[] {
  const out: ImageBlock[] = [];
  for (const plan of plans) {
    const sx = imageWidth / plan.viewport.width;
    const sy = imageHeight / plan.viewport.height;
    const add = (b: Box, margin: number, kind?: ImageBlock['kind']) => {
      const left = Math.max(0, Math.floor((b.x - margin) * sx));
      const top = Math.max(0, Math.floor((b.y - margin) * sy));
      const right = Math.min(imageWidth, Math.ceil((b.x + b.width + margin) * sx));
      const bottom = Math.min(imageHeight, Math.ceil((b.y + b.height + margin) * sy));
      if (right > left && bottom > top) out.push({ x: left, y: top, width: right - left, height: bottom - top, ...(kind ? { kind } : {}) });
    };
    for (const b of plan.identifiers) add(b, MARGIN);
    for (const o of plan.opaque) add(o.box, 0, o.kind);
    for (const b of plan.own) add(b, 0, 'own');
  }
  return out;
}

/** What was covered without being read, per kind (shown to the agent in the editor). */
export function uninspected(plan: z.infer<typeof MaskPlanSchema>): { kind: OpaqueKind; count: number }[] {
  const counts = new Map<OpaqueKind, number>();
  for (const o of plan.opaque) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return OPAQUE_KINDS.flatMap((kind) => (counts.has(kind) ? [{ kind, count: counts.get(kind)! }] : []));
}
