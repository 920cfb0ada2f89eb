// @vitest-environment jsdom
/**
 * Attachments of a draft (issue 7): the limits refuse a file with a clear message, a screenshot gets a
 * tag that feeds completeness, a file can be removed, and text files never reach the database with
 * their secrets.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvidencePanel } from '../../../components/evidence/evidence-panel';
import type { EvidenceState } from '../../../components/evidence/evidence-store';
import { getVendor } from '../../../lib/escalation/vendors';
import { renderWithI18n } from '../render';
import { draftDb, dumpAttachments, fileOfSize } from './helpers';

// jsdom's Blob cannot be stored by fake-indexeddb (it clones with Node's structuredClone) and has no
// `text()`: use Node's Blob and File, as a browser's own Blob would behave. Hoisted above the imports,
// because the attachment schema captures `Blob` when its module loads.
await vi.hoisted(async () => {
  const buffer = await import('node:buffer');
  Object.assign(globalThis, { Blob: buffer.Blob, File: buffer.File });
});

const vendor = getVendor('esim-go')!;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

afterEach(cleanup);

async function setup() {
  const { db, drafts, draftId } = await draftDb();
  const states: EvidenceState[] = [];
  const view = renderWithI18n(
    <EvidencePanel drafts={drafts} draftId={draftId} vendor={vendor} onEvidenceChange={(s) => states.push(s)} timeZone="Europe/Paris" />,
  );
  await waitFor(() => expect(states.length).toBeGreaterThan(0));
  const picker = screen.getByLabelText('Choose files to attach') as HTMLInputElement;
  const add = (...files: File[]) => fireEvent.change(picker, { target: { files } });
  return { db, draftId, states, view, add, last: () => states[states.length - 1]! };
}

describe('attachments', () => {
  it('refuses a file over the per-file limit, and an unsupported type, with a clear message', async () => {
    const { add, db } = await setup();
    add(fileOfSize('huge.png', 'image/png', 11 * 1024 * 1024), new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }));
    const alerts = await screen.findAllByRole('alert');
    const text = alerts.map((a) => a.textContent).join('\n');
    expect(text).toContain('huge.png was not attached: it is 11 MB and a file can be at most 10 MB.');
    expect(text).toContain('tool.exe was not attached');
    expect(await db.attachments.count()).toBe(0);
  });

  it('refuses a file that would take the draft over its total', async () => {
    const { add } = await setup();
    // Real bytes here: the stored Blob's size must match its metadata.
    const bytes = new Uint8Array(9.5 * 1024 * 1024);
    add(...[0, 1, 2, 3].map((i) => new File([bytes], `shot-${i}.png`, { type: 'image/png' })));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(4));
    add(fileOfSize('one-more.png', 'image/png', 3 * 1024 * 1024));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "one-more.png was not attached: a draft's attachments can total at most 40 MB. Remove one first.",
    );
  });

  it('tags a screenshot (completeness sees the tag) and removes it', async () => {
    const { add, last, db } = await setup();
    add(new File([PNG], 'settings.png', { type: 'image/png' }));
    const tag = await screen.findByLabelText('What settings.png shows');
    expect(last().summary).toEqual({ screenshots: 1, screenshotTags: [], apiCalls: 0 });

    fireEvent.change(tag, { target: { value: 'esim-settings' } });
    await waitFor(() => expect(last().attachments).toEqual([{ name: 'settings.png', tag: 'esim-settings' }]));
    expect(last().summary).toEqual({ screenshots: 1, screenshotTags: ['esim-settings'], apiCalls: 0 });
    expect((await db.attachments.toArray())[0]?.tag).toBe('esim-settings');

    fireEvent.click(screen.getByRole('button', { name: 'Remove settings.png' }));
    await waitFor(() => expect(last().summary.screenshots).toBe(0));
    expect(await db.attachments.count()).toBe(0);
  });

  it('adds a screenshot pasted into the drop zone', async () => {
    const { last } = await setup();
    const zone = screen.getByTestId('attach-zone');
    const file = new File([PNG], 'image.png', { type: 'image/png' });
    fireEvent.paste(zone, { clipboardData: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(last().summary.screenshots).toBe(1));
    expect(last().attachments[0]?.name).toMatch(/^pasted-\d+-1\.png$/);
  });

  it('stores a text log with its secrets removed', async () => {
    const { add, db } = await setup();
    add(new File(['GET /api/v2/esims/1?api_key=demo-secret-key-123\nAuthorization: Bearer abcdefghijklmnop'], 'trace.log', { type: 'text/plain' }));
    await screen.findByText(/trace\.log: 2 secrets removed/);
    const dump = await dumpAttachments(db);
    expect(dump).toContain('[REDACTED]');
    expect(dump).not.toContain('demo-secret-key-123');
    expect(dump).not.toContain('abcdefghijklmnop');
  });

  it('has no axe violations and revokes thumbnails on unmount', async () => {
    const created: string[] = [];
    const revoked: string[] = [];
    URL.createObjectURL = vi.fn(() => {
      const url = `blob:test/${created.length}`;
      created.push(url);
      return url;
    });
    URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
    const { add, view } = await setup();
    add(new File([PNG], 'networks.png', { type: 'image/png' }));
    const list = await screen.findByRole('list', { name: 'Attached files' });
    expect(await within(list).findByRole('img', { name: 'Preview of networks.png' })).toBeTruthy();
    const result = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
    view.unmount();
    expect(created.length).toBeGreaterThan(0);
    expect(revoked).toEqual(expect.arrayContaining(created));
  });
});
