/**
 * The screenshot editor's shapes and their drawing, kept apart from React so the geometry is tested on
 * its own. Coordinates are in the image's own pixels (not the scaled canvas on screen), so what is
 * saved covers exactly what the agent drew, whatever the sidebar's width.
 */

/** `redact`: solid black (hides); `box`: outlined rectangle and `arrow`: points at something (highlight). */
export type ShapeKind = 'redact' | 'box' | 'arrow';

/** One drawn shape. For an arrow, (x, y) is the tail and (x + w, y + h) the head; w/h may be negative. */
export interface Shape {
  readonly kind: ShapeKind;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Highlight colour: visible on light and dark screenshots. */
export const HIGHLIGHT = '#f59e0b';
/** Smallest shape kept from a drag (a click is not a shape). */
export const MIN_SIZE = 3;

/** A rectangle with non-negative width and height, clamped to the image. */
export function normaliseRect(shape: Shape, width: number, height: number): Shape {
  if (shape.kind === 'arrow') return shape;
  const x1 = clamp(Math.min(shape.x, shape.x + shape.w), 0, width);
  const y1 = clamp(Math.min(shape.y, shape.y + shape.h), 0, height);
  const x2 = clamp(Math.max(shape.x, shape.x + shape.w), 0, width);
  const y2 = clamp(Math.max(shape.y, shape.y + shape.h), 0, height);
  // Outwards to whole pixels: a black box covers at least what was drawn, never a sliver less.
  const left = Math.floor(x1);
  const top = Math.floor(y1);
  return { kind: shape.kind, x: left, y: top, w: Math.ceil(x2) - left, h: Math.ceil(y2) - top };
}

function clamp(v: number, min: number, max: number) {
  return Math.min(max, Math.max(min, v));
}

/** The shape a drag from `from` to `to` makes (image pixels), or null when too small to be meant. */
export function shapeFromDrag(
  kind: ShapeKind,
  from: { x: number; y: number },
  to: { x: number; y: number },
  size: { width: number; height: number },
): Shape | null {
  const raw: Shape = { kind, x: from.x, y: from.y, w: to.x - from.x, h: to.y - from.y };
  if (Math.hypot(raw.w, raw.h) < MIN_SIZE) return null;
  return normaliseRect(raw, size.width, size.height);
}

/** Image pixels under a pointer at client (x, y) over an element showing the image at `rect`. */
export function toImagePoint(
  client: { x: number; y: number },
  rect: { left: number; top: number; width: number; height: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const sx = rect.width > 0 ? size.width / rect.width : 1;
  const sy = rect.height > 0 ? size.height / rect.height : 1;
  return { x: clamp((client.x - rect.left) * sx, 0, size.width), y: clamp((client.y - rect.top) * sy, 0, size.height) };
}

/** A box the keyboard adds: a quarter of the image, centred. */
export function defaultShape(kind: ShapeKind, size: { width: number; height: number }): Shape {
  const w = Math.max(MIN_SIZE, Math.round(size.width / 4));
  const h = Math.max(MIN_SIZE, Math.round(size.height / 8));
  return { kind, x: Math.round((size.width - w) / 2), y: Math.round((size.height - h) / 2), w, h };
}

/** Moves (or, with `resize`, grows) a shape by (dx, dy), kept within the image. */
export function nudge(shape: Shape, dx: number, dy: number, resize: boolean, size: { width: number; height: number }): Shape {
  if (resize) return normaliseRect({ ...shape, w: shape.w + dx, h: shape.h + dy }, size.width, size.height);
  if (shape.kind === 'arrow') return { ...shape, x: shape.x + dx, y: shape.y + dy };
  const x = clamp(shape.x + dx, 0, Math.max(0, size.width - shape.w));
  const y = clamp(shape.y + dy, 0, Math.max(0, size.height - shape.h));
  return { ...shape, x, y };
}

/** The subset of the 2D context the drawing uses (a test can record the calls). */
export type Ctx2D = Pick<
  CanvasRenderingContext2D,
  'fillRect' | 'strokeRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'fill' | 'closePath' | 'save' | 'restore'
> & { fillStyle: unknown; strokeStyle: unknown; lineWidth: number; lineJoin: CanvasLineJoin };

/**
 * Draws the shapes in order over what the context holds. Black boxes are solid fills at full opacity
 * (never a blur, which can be reversed), so every pixel inside is #000000.
 */
export function drawShapes(ctx: Ctx2D, shapes: readonly Shape[], size: { width: number; height: number }): void {
  const line = Math.max(2, Math.round(Math.max(size.width, size.height) / 300));
  for (const shape of shapes) {
    ctx.save();
    if (shape.kind === 'redact') {
      ctx.fillStyle = '#000000';
      ctx.fillRect(shape.x, shape.y, shape.w, shape.h);
    } else if (shape.kind === 'box') {
      ctx.strokeStyle = HIGHLIGHT;
      ctx.lineWidth = line;
      ctx.lineJoin = 'round';
      ctx.strokeRect(shape.x, shape.y, shape.w, shape.h);
    } else {
      const x2 = shape.x + shape.w;
      const y2 = shape.y + shape.h;
      const angle = Math.atan2(shape.h, shape.w);
      const head = line * 5;
      ctx.strokeStyle = HIGHLIGHT;
      ctx.fillStyle = HIGHLIGHT;
      ctx.lineWidth = line;
      ctx.beginPath();
      ctx.moveTo(shape.x, shape.y);
      ctx.lineTo(x2, y2);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x2, y2);
      ctx.lineTo(x2 - head * Math.cos(angle - Math.PI / 7), y2 - head * Math.sin(angle - Math.PI / 7));
      ctx.lineTo(x2 - head * Math.cos(angle + Math.PI / 7), y2 - head * Math.sin(angle + Math.PI / 7));
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  }
}
