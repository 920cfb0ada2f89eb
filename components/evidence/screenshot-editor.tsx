/**
 * Redaction and annotation of a screenshot before it is kept (DESIGN §2: screenshots can be redacted
 * before they are kept; seed 004: "screenshots with highlighted points"). Black boxes hide (solid fill),
 * boxes and arrows highlight; undo; save. Only the EDITED image is handed to `onSave`: the original
 * lives in this component's memory and is dropped with it — it is never written to the database.
 *
 * Works with a mouse, a pen or touch (drag), and with the keyboard: on the focused image, Enter adds
 * the current tool's shape in the middle, arrow keys move the last shape, Shift+arrows resize it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { SCREENSHOT_TAGS, type ScreenshotTag } from '../../lib/evidence';
import { pick, useI18n } from '../i18n';
import {
  defaultShape,
  drawShapes,
  nudge,
  shapeFromDrag,
  toImagePoint,
  type Shape,
  type ShapeKind,
} from './editor-shapes';
import { BUTTON, PRIMARY, SELECT } from './ui';

/** The picture to edit: a data URL or object URL, and its size in pixels. */
export interface EditorImage {
  readonly src: string;
  readonly width: number;
  readonly height: number;
}

/** Draws the image and shapes at full size and encodes a PNG. Injectable: jsdom has no canvas. */
export type ExportImage = (image: EditorImage, shapes: readonly Shape[]) => Promise<Blob>;

export interface ScreenshotEditorProps {
  image: EditorImage;
  /** Receives the edited PNG and the chosen tag. */
  onSave: (blob: Blob, tag: ScreenshotTag) => Promise<void> | void;
  onCancel: () => void;
  /** Shapes drawn before the agent starts (e.g. none). */
  initialShapes?: readonly Shape[];
  exportImage?: ExportImage;
  /** Called once the image is first drawn (the capture-to-editor timing). */
  onShown?: () => void;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('image'));
    img.src = src;
  });
}

/** The default exporter: a canvas at the image's own size, `toBlob` PNG. */
export const canvasExport: ExportImage = async (image, shapes) => {
  const img = await loadImage(image.src);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.drawImage(img, 0, 0, image.width, image.height);
  drawShapes(ctx, shapes, image);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/png'),
  );
};

const TOOLS: readonly { id: ShapeKind; key: string }[] = [
  { id: 'redact', key: 'evToolRedact' },
  { id: 'box', key: 'evToolBox' },
  { id: 'arrow', key: 'evToolArrow' },
];

export function ScreenshotEditor({
  image,
  onSave,
  onCancel,
  initialShapes = [],
  exportImage = canvasExport,
  onShown,
}: ScreenshotEditorProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [decoded, setDecoded] = useState<HTMLImageElement | null>(null);
  const [tool, setTool] = useState<ShapeKind>('redact');
  const [shapes, setShapes] = useState<Shape[]>([...initialShapes]);
  const [drag, setDrag] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(null);
  const [tag, setTag] = useState<ScreenshotTag>('other');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownRef = useRef(onShown);
  shownRef.current = onShown;

  useEffect(() => {
    let live = true;
    loadImage(image.src).then(
      (img) => live && setDecoded(img),
      () => live && setError(t('evEditorLoadError')),
    );
    return () => {
      live = false;
    };
  }, [image.src, t]);

  const preview = drag ? shapeFromDrag(tool, drag.from, drag.to, image) : null;
  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !decoded) return;
    ctx.drawImage(decoded, 0, 0, image.width, image.height);
    drawShapes(ctx, preview ? [...shapes, preview] : shapes, image);
    if (shownRef.current) {
      shownRef.current();
      shownRef.current = undefined;
    }
  }, [decoded, shapes, preview, image]);

  const point = (e: PointerEvent<HTMLCanvasElement>) =>
    toImagePoint({ x: e.clientX, y: e.clientY }, e.currentTarget.getBoundingClientRect(), image);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = point(e);
    setDrag({ from: p, to: p });
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (drag) setDrag({ from: drag.from, to: point(e) });
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drag) return;
    const shape = shapeFromDrag(tool, drag.from, point(e), image);
    setDrag(null);
    if (shape) setShapes((s) => [...s, shape]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = e.altKey ? 1 : 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setShapes((s) => [...s, defaultShape(tool, image)]);
    } else if (moves[e.key] && shapes.length > 0) {
      e.preventDefault();
      const [dx, dy] = moves[e.key]!;
      setShapes((s) => [...s.slice(0, -1), nudge(s[s.length - 1]!, dx, dy, e.shiftKey, image)]);
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const blob = await exportImage(image, shapes);
      await onSave(blob, tag);
    } catch {
      setError(t('evEditorSaveError'));
    } finally {
      setSaving(false);
    }
  };

  const toolLabel = (kind: ShapeKind) => t(TOOLS.find((x) => x.id === kind)!.key);

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded border border-slate-300 p-2 dark:border-slate-600">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t('evEditorTitle')}
      </h4>
      <p className="text-xs text-slate-600 dark:text-slate-300">{t('evEditorOriginalNote')}</p>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="sr-only">{t('evToolLegend')}</legend>
        {TOOLS.map((x) => (
          <label key={x.id} className="flex items-center gap-1">
            <input type="radio" name={`${id}-tool`} value={x.id} checked={tool === x.id} onChange={() => setTool(x.id)} />
            {t(x.key)}
          </label>
        ))}
      </fieldset>
      <canvas
        ref={canvasRef}
        width={image.width}
        height={image.height}
        tabIndex={0}
        role="img"
        aria-label={t('evEditorCanvas')}
        aria-describedby={`${id}-keys`}
        data-testid="screenshot-canvas"
        className="block h-auto w-full cursor-crosshair touch-none border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-700"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-keys`} className="text-xs text-slate-600 dark:text-slate-300">
        {t('evEditorKeys')}
      </p>
      <ol aria-label={t('evShapesLabel')} className="list-decimal pl-5 text-xs" data-testid="editor-shapes">
        {shapes.map((s, i) => (
          <li key={i} data-kind={s.kind} data-rect={`${s.x},${s.y},${s.w},${s.h}`}>
            {t('evShapeItem', [toolLabel(s.kind), String(s.x), String(s.y), String(s.w), String(s.h)])}
          </li>
        ))}
      </ol>
      <div>
        <label htmlFor={`${id}-tag`} className="text-sm font-medium">
          {t('evTagLabel')}
        </label>
        <select id={`${id}-tag`} className={SELECT} value={tag} onChange={(e) => setTag(e.target.value as ScreenshotTag)}>
          {SCREENSHOT_TAGS.map((x) => (
            <option key={x.id} value={x.id}>
              {pick(x.label, locale)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={BUTTON} disabled={shapes.length === 0} onClick={() => setShapes((s) => s.slice(0, -1))}>
          {t('evUndo')}
        </button>
        <button type="button" className={PRIMARY} disabled={saving} onClick={() => void save()}>
          {t('evEditorSave')}
        </button>
        <button type="button" className={BUTTON} onClick={onCancel}>
          {t('evEditorCancel')}
        </button>
      </div>
    </section>
  );
}
