/**
 * The time source of the escalation clocks (issue 18): the system time plus an offset kept in
 * `storage.session` under {@link CLOCK_OFFSET_KEY}. Session storage is reachable from the extension's own
 * contexts only (not from content scripts, so no page can move it) and is forgotten when the browser
 * closes. The end-to-end suite sets the offset to move time past a due instant without waiting; nothing
 * in the product writes it.
 */
import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';

/** The storage.session key of the offset, in milliseconds. */
export const CLOCK_OFFSET_KEY = 'escClockOffsetMs';

const OffsetSchema = z.number().finite();

let offsetMs = 0;
let started = false;

function follow(): void {
  if (started) return;
  started = true;
  const session = browser.storage.session as Browser.storage.StorageArea | undefined;
  if (!session) return;
  void session.get(CLOCK_OFFSET_KEY).then((got) => {
    const parsed = OffsetSchema.safeParse(got[CLOCK_OFFSET_KEY]);
    offsetMs = parsed.success ? parsed.data : 0;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'session' || !(CLOCK_OFFSET_KEY in changes)) return;
    const parsed = OffsetSchema.safeParse(changes[CLOCK_OFFSET_KEY]?.newValue);
    offsetMs = parsed.success ? parsed.data : 0;
  });
}

/** The extension's clock: the system time moved by the session offset (0 unless a test set one). */
export function escalationClock(): Date {
  follow();
  return new Date(Date.now() + offsetMs);
}

/** Reads the offset once (the background, before planning reminders). */
export async function readClockOffset(): Promise<number> {
  const session = browser.storage.session as Browser.storage.StorageArea | undefined;
  if (!session) return 0;
  const got = await session.get(CLOCK_OFFSET_KEY);
  const parsed = OffsetSchema.safeParse(got[CLOCK_OFFSET_KEY]);
  offsetMs = parsed.success ? parsed.data : 0;
  return offsetMs;
}
