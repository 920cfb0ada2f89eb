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
    await reader.firstRead();
    vi.useFakeTimers();
    expect(sent).toHaveLength(1); // the first read goes out at once
    for (let i = 0; i < 200; i++)
      reader.recordGuardEvent({ kind: 'blocked', form: 'add-plan', at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, reason: `r${i}` });
    expect(sent).toHaveLength(1); // still in flight: the rest waits, coalesced
    replies.shift()!();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.guardEvents).toHaveLength(50);
    expect(sent[1]!.guardEvents[0]!.reason).toBe('r199');
    reader.stop();
  });
});
