// @vitest-environment jsdom
/**
 * The screenshot editor (issue 7). jsdom cannot decode or draw images, so this checks the geometry and
 * the state: a drag on the scaled canvas becomes a black box in IMAGE pixels, undo removes it, the
 * keyboard adds and moves shapes, and saving hands the exporter exactly the shapes drawn. That the
 * saved pixels are solid black is checked in a real browser (tests/e2e/evidence.spec.ts).
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawShapes, shapeFromDrag, type Ctx2D, type Shape } from '../../../components/evidence/editor-shapes';
import { ScreenshotEditor, type ExportImage } from '../../../components/evidence/screenshot-editor';
import { renderWithI18n } from '../render';

const image = { src: 'data:image/png;base64,iVBORw0KGgo=', width: 800, height: 400 };

beforeEach(() => {
  // No canvas in jsdom: drawing is skipped, the geometry is what is under test.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});
afterEach(cleanup);

function shapes(): string[] {
  return Array.from(screen.getByTestId('editor-shapes').querySelectorAll('li')).map(
    (li) => `${li.getAttribute('data-kind')}:${li.getAttribute('data-rect')}`,
  );
}

function setup(exportImage: ExportImage = async () => new Blob(['png'], { type: 'image/png' })) {
  const onSave = vi.fn();
  const view = renderWithI18n(<ScreenshotEditor image={image} onSave={onSave} onCancel={() => undefined} exportImage={exportImage} />);
  const canvas = screen.getByRole('img', { name: 'Screenshot being edited' }) as HTMLCanvasElement;
  // Shown at half size: 400 × 200 CSS pixels at (100, 50).
  canvas.getBoundingClientRect = () => ({ left: 100, top: 50, width: 400, height: 200, right: 500, bottom: 250, x: 100, y: 50, toJSON: () => ({}) });
  return { view, canvas, onSave };
}

function drag(canvas: HTMLElement, from: [number, number], to: [number, number]) {
  fireEvent.pointerDown(canvas, { clientX: from[0], clientY: from[1], pointerId: 1 });
  fireEvent.pointerMove(canvas, { clientX: to[0], clientY: to[1], pointerId: 1 });
  fireEvent.pointerUp(canvas, { clientX: to[0], clientY: to[1], pointerId: 1 });
}

describe('screenshot editor', () => {
  it('turns a drag on the scaled canvas into a black box in image pixels, and undoes it', () => {
    const { canvas } = setup();
    drag(canvas, [110, 60], [160, 80]);
    expect(shapes()).toEqual(['redact:20,20,100,40']);
    // Dragging up-left gives the same normalised box.
    drag(canvas, [160, 80], [110, 60]);
    expect(shapes()).toEqual(['redact:20,20,100,40', 'redact:20,20,100,40']);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(shapes()).toEqual(['redact:20,20,100,40']);
  });

  it('ignores a click (no shape) and clamps a drag that leaves the image', () => {
    const { canvas } = setup();
    drag(canvas, [200, 100], [200, 100]);
    expect(shapes()).toEqual([]);
    drag(canvas, [450, 200], [900, 900]);
    expect(shapes()).toEqual(['redact:700,300,100,100']);
  });

  it('draws highlight boxes and arrows with the chosen tool', () => {
    const { canvas } = setup();
    fireEvent.click(screen.getByRole('radio', { name: 'Highlight box' }));
    drag(canvas, [100, 50], [200, 100]);
    fireEvent.click(screen.getByRole('radio', { name: 'Arrow' }));
    drag(canvas, [300, 200], [250, 150]);
    expect(shapes()).toEqual(['box:0,0,200,100', 'arrow:400,300,-100,-100']);
  });

  it('is usable from the keyboard: Enter adds a box, arrows move it, Shift+arrows resize it', () => {
    const { canvas } = setup();
    canvas.focus();
    fireEvent.keyDown(canvas, { key: 'Enter' });
    expect(shapes()).toEqual(['redact:300,175,200,50']);
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    fireEvent.keyDown(canvas, { key: 'ArrowDown', shiftKey: true });
    expect(shapes()).toEqual(['redact:310,175,200,60']);
  });

  it('saves only what the exporter made from the shapes drawn, with the chosen tag', async () => {
    const exported: Shape[][] = [];
    const edited = new Blob(['edited'], { type: 'image/png' });
    const { canvas, onSave, view } = setup(async (_img, s) => {
      exported.push([...s]);
      return edited;
    });
    drag(canvas, [110, 60], [160, 80]);
    fireEvent.change(screen.getByLabelText('What the screenshot shows'), { target: { value: 'connected-networks' } });
    const result = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save edited image' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith(edited, 'connected-networks');
    expect(exported).toEqual([[{ kind: 'redact', x: 20, y: 20, w: 100, h: 40 }]]);
  });
});

describe('drawShapes', () => {
  it('fills a black box solid black over its rectangle, rounded outwards to whole pixels', () => {
    const calls: string[] = [];
    const ctx = {
      fillStyle: '' as unknown,
      strokeStyle: '' as unknown,
      lineWidth: 1,
      lineJoin: 'miter' as CanvasLineJoin,
      save: () => calls.push('save'),
      restore: () => calls.push('restore'),
      fillRect(x: number, y: number, w: number, h: number) {
        calls.push(`fillRect ${String(this.fillStyle)} ${x},${y},${w},${h}`);
      },
      strokeRect: () => calls.push('strokeRect'),
      beginPath: () => undefined,
      moveTo: () => undefined,
      lineTo: () => undefined,
      stroke: () => undefined,
      fill: () => undefined,
      closePath: () => undefined,
    } satisfies Ctx2D;
    const box = shapeFromDrag('redact', { x: 30.4, y: 10.6 }, { x: 5, y: 90 }, { width: 100, height: 80 })!;
    drawShapes(ctx, [box], { width: 100, height: 80 });
    expect(calls).toEqual(['save', 'fillRect #000000 5,10,26,70', 'restore']);
  });
});
