// @vitest-environment jsdom
/**
 * Issue 14: page-context messages are rate-limited with coalescing — one in flight at most, at least
 * 250 ms apart, the latest pending context wins — so a page cannot make the content script send
 * hundreds of messages.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageContext } from '../../../lib/portal/page-context';
import { startReader } from '../../../entrypoints/portal/reader';
import { loadFixture } from '../portal/load-fixture';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the reader sends page contexts rate-limited, latest wins', () => {
  it('200 guard events while one message is in flight make two messages, the second with the latest state', async () => {
    const dom = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1001');
    const sent: PageContext[] = [];
    const replies: Array<() => void> = [];
    const reader = await startReader(dom.window.document, {
      send: (m) => {
        sent.push(m.context);
        return new Promise<void>((resolve) => replies.push(resolve));
      },
    });
    // Issue 15: the first read runs in slices after startReader returns; it is sent when done.
    reader.setLive(true);
    await reader.ask();
    vi.useFakeTimers();
    expect(sent).toHaveLength(1); // the first read goes out at once
    for (let i = 0; i < 200; i++)
      reader.recordGuardEvent({
        kind: 'blocked',
        form: 'add-plan',
        at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        reason: `r${i}`,
      });
    expect(sent).toHaveLength(1); // still in flight: the rest waits, coalesced
    replies.shift()!();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.guardEvents).toHaveLength(50);
    expect(sent[1]!.guardEvents[0]!.reason).toBe('r199');
    reader.stop();
  });
});

describe('issue 15: the page is read only when someone needs it', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('a page nobody asks about is not read; asked, it is read and answered with what it shows', async () => {
    const dom = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1001');
    const sent: PageContext[] = [];
    const settled = vi.fn();
    const reader = await startReader(dom.window.document, {
      send: (m) => {
        sent.push(m.context);
        return Promise.resolve();
      },
    });
    reader.onSettled(settled);
    reader.start();
    // The first pass: the guard's form check runs (settled), but nothing is read or sent.
    await vi.waitFor(() => expect(settled).toHaveBeenCalled());
    for (let i = 0; i < 5; i++) await settle();
    expect(sent).toHaveLength(0);
    expect(reader.current().subscriber).toBeNull();

    // Asked (an escalation from this tab): read now, answered with the subscriber the page shows.
    const context = await reader.ask();
    expect(context.subscriber?.id).toBe('S-1001');
    expect(sent).toHaveLength(1);
    // Asked again with nothing changed: the same context, no second read or message.
    expect(await reader.ask()).toBe(context);
    expect(sent).toHaveLength(1);
    reader.stop();
  });

  it('live (sidebar open or a guarded form watched): read at once and after every change', async () => {
    const dom = loadFixture('portal/index.html', 'http://127.0.0.1:8123/portal/subscribers/S-1001');
    const sent: PageContext[] = [];
    const reader = await startReader(dom.window.document, {
      send: (m) => {
        sent.push(m.context);
        return Promise.resolve();
      },
    });
    reader.setLive(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.subscriber?.id).toBe('S-1001');
    // The page changes the subscriber's name: read again after the quiet time, and sent.
    const doc = dom.window.document;
    const shown = Array.from(doc.body.querySelectorAll('*')).filter(
      (el) => el.children.length === 0 && el.textContent === sent[0]!.subscriber?.name,
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const el of shown) el.textContent = 'Renamed Subscriber';
    await vi.waitFor(() => expect(sent.at(-1)!.subscriber?.name).toBe('Renamed Subscriber'), {
      timeout: 3000,
    });
    reader.stop();
  });
});
