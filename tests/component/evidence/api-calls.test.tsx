// @vitest-environment jsdom
/**
 * API call details (issue 7): a pasted HAR with an X-API-Key is read, the removed secrets are counted,
 * the selected call is stored — and the key is nowhere in what the database holds. A HAR attached as a
 * file takes the same path. Captured calls (opt-in) are listed, labelled and stored the same way.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvidencePanel, type EvidencePlatform } from '../../../components/evidence/evidence-panel';
import type { EvidenceState } from '../../../components/evidence/evidence-store';
import type { ApiCall } from '../../../lib/evidence';
import { getVendor } from '../../../lib/escalation/vendors';
import { renderWithI18n } from '../render';
import { draftDb, dumpAttachments } from './helpers';

await vi.hoisted(async () => {
  const buffer = await import('node:buffer');
  Object.assign(globalThis, { Blob: buffer.Blob, File: buffer.File });
});

const vendor = getVendor('esim-go')!;
const KEY = 'demo-secret-key-123';
const ICCID = '89445000122510010013';

const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2026-11-21T10:15:00.000+01:00',
        time: 42,
        request: {
          method: 'GET',
          url: `http://127.0.0.1:4000/api/v2/esims/${ICCID}?api_key=${KEY}`,
          headers: [
            { name: 'X-API-Key', value: KEY },
            { name: 'Accept', value: 'application/json' },
          ],
        },
        response: {
          status: 200,
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          content: { mimeType: 'application/json', text: JSON.stringify({ iccid: ICCID, profileStatus: 'Installed' }) },
        },
      },
    ],
  },
});

afterEach(cleanup);

async function setup(platform?: EvidencePlatform) {
  const { db, drafts, draftId } = await draftDb();
  const states: EvidenceState[] = [];
  const view = renderWithI18n(
    <EvidencePanel
      drafts={drafts}
      draftId={draftId}
      vendor={vendor}
      onEvidenceChange={(s) => states.push(s)}
      timeZone="Europe/Paris"
      clock={() => new Date('2026-11-21T10:30:00Z')}
      platform={platform}
      context={{ url: 'http://127.0.0.1:4000/portal/subscribers/S-1001' } as never}
    />,
  );
  await waitFor(() => expect(states.length).toBeGreaterThan(0));
  return { db, states, view, last: () => states[states.length - 1]! };
}

describe('API call details', () => {
  it('reads a pasted HAR, counts the secrets removed, and stores the call without the key', async () => {
    const { db, last, view } = await setup();
    fireEvent.change(screen.getByLabelText(/Paste a curl command/), { target: { value: har } });
    fireEvent.click(screen.getByRole('button', { name: 'Read the calls' }));
    expect((await screen.findByRole('status')).textContent).toBe('1 calls found; 2 secrets removed.');
    const found = screen.getByRole('list', { name: 'Calls found' });
    expect(within(found).getByText(/GET http:\/\/127\.0\.0\.1:4000\/api\/v2\/esims\/89445000122510010013\?api_key=\[REDACTED\] → 200/)).toBeTruthy();
    expect(within(found).getByText(/2026-11-21T10:15:00\.000\+01:00 \(from the HAR file\) · pasted/)).toBeTruthy();

    const axeResult = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(axeResult.violations.map((v) => v.id)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Add 1 selected to the ticket' }));
    await waitFor(() => expect(last().summary.apiCalls).toBe(1));
    expect(last().apiCalls[0]).toMatchObject({ method: 'GET', status: 200, startedAt: '2026-11-21T10:15:00.000+01:00' });
    expect(last().attachments).toEqual([]); // API-call files are rendered as calls, not listed as files

    const dump = await dumpAttachments(db);
    expect(dump).toContain('"tag":"api-call"');
    expect(dump).toContain('Installed');
    expect(dump).not.toContain(KEY);
    // The pasted text (which held the key) is cleared once stored.
    expect((screen.getByLabelText(/Paste a curl command/) as HTMLTextAreaElement).value).toBe('');
  });

  it('turns a HAR attached as a file into redacted calls, never storing the file as given', async () => {
    const { db, last } = await setup();
    const picker = screen.getByLabelText('Choose files to attach');
    fireEvent.change(picker, { target: { files: [new File([har], 'session.har', { type: '' })] } });
    await screen.findByText('session.har: 1 API calls stored, 2 secrets removed.');
    expect(last().summary.apiCalls).toBe(1);
    const dump = await dumpAttachments(db);
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain('session.har');
  });

  it('says why a paste is not API evidence', async () => {
    await setup();
    fireEvent.change(screen.getByLabelText(/Paste a curl command/), { target: { value: 'hello there' } });
    fireEvent.click(screen.getByRole('button', { name: 'Read the calls' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not recognised/);
  });

  it('records on demand, lists captured calls as reported by the page, and stores the selected one', async () => {
    const captured: ApiCall = {
      method: 'GET',
      endpoint: `http://127.0.0.1:4000/api/v2/esims/${ICCID}`,
      status: 200,
      requestHeaders: [{ name: 'X-API-Key', value: '[REDACTED]' }],
      responseHeaders: [],
      responseBody: '{"profileStatus":"Installed"}',
      startedAt: '2026-11-21T09:31:00.000Z',
      timestampSource: 'page',
      source: 'reported-by-page',
      truncated: false,
    };
    let recording = false;
    const start = vi.fn(async (hosts: string[]) => ((recording = true), { recording, hosts }));
    const platform: EvidencePlatform = {
      captureTab: vi.fn(),
      capture: {
        status: async () => ({ recording, hosts: [] }),
        start,
        stop: async () => ((recording = false), { recording, hosts: [] }),
        list: async () => (recording ? [captured] : []),
      },
    };
    const { db, last } = await setup(platform);
    expect(screen.queryByText(/Recording API calls/)).toBeNull(); // off by default
    expect((screen.getByLabelText('API hosts') as HTMLInputElement).value).toBe('127.0.0.1');
    fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    await screen.findByText(/Recording API calls/);
    expect(start).toHaveBeenCalledWith(['127.0.0.1']);
    const list = await screen.findByRole('list', { name: 'Captured calls' });
    expect(within(list).getByText(/reported by the page/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add 1 selected to the ticket' }));
    await waitFor(() => expect(last().summary.apiCalls).toBe(1));
    expect(last().apiCalls[0]?.source).toBe('reported-by-page');
    expect(await dumpAttachments(db)).not.toContain(KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    await waitFor(() => expect(screen.queryByText(/Recording API calls/)).toBeNull());
  });

  // Issue 14: "recording" comes from the page hook's heartbeat; when it stopped, the panel says so.
  it('says recording was interrupted (not "Recording API calls") and keeps the calls captured before', async () => {
    const captured: ApiCall = {
      method: 'GET',
      endpoint: `http://127.0.0.1:4000/api/v2/esims/${ICCID}`,
      status: 200,
      requestHeaders: [],
      responseHeaders: [],
      startedAt: '2026-11-21T09:31:00.000Z',
      timestampSource: 'page',
      source: 'reported-by-page',
      truncated: false,
    };
    let on = true;
    const stop = vi.fn(async () => ((on = false), { recording: false, hosts: [] }));
    const platform: EvidencePlatform = {
      captureTab: vi.fn(),
      capture: {
        status: async () =>
          on ? { recording: false, hosts: ['127.0.0.1'], interrupted: 'silent' as const } : { recording: false, hosts: [] },
        start: vi.fn(),
        stop,
        list: async () => (on ? [captured] : []),
      },
    };
    await setup(platform);
    const alert = await screen.findByText(/Recording interrupted: the page stopped answering/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByText(/Recording API calls/)).toBeNull();
    const list = await screen.findByRole('list', { name: 'Captured calls' });
    expect(within(list).getByText(/reported by the page/)).toBeTruthy();
    // Start again is offered, and Stop forgets the tab's calls.
    expect(screen.getByRole('button', { name: 'Start recording' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    await waitFor(() => expect(screen.queryByText(/Recording interrupted/)).toBeNull());
    expect(stop).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('list', { name: 'Captured calls' })).toBeNull();
  });
});
