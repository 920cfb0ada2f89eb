/**
 * Issue 15: the content script's work runs in slices of a few milliseconds that give the page its
 * main thread back in between, so nothing we do is a long task (> 50 ms, the Long Tasks API's
 * threshold) on any page size. The first slices follow each other closely (`scheduler.yield()`:
 * the page's input and rendering go first, then we continue) so what is on screen is read soon;
 * the rest waits for idle time.
 */

/** Work per slice: well under the 50 ms of a long task, even on a slow, loaded machine. */
const SLICE_MS = 5;
/** Slices run back to back (yielding in between) before the rest waits for idle periods. */
const EAGER_SLICES = 6;
/** Longest wait for an idle period: a page that is never idle still gets read. */
const IDLE_TIMEOUT_MS = 1000;

/** A step function: works until `shouldYield()`; true once the work is done. */
export type Step = (shouldYield: () => boolean) => boolean;

type SchedulerLike = { yield?: () => Promise<void> };

/** Gives the main thread back to the page for a moment (input, rendering, its own tasks). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message posted to ourselves runs as a new task, without setTimeout's 4 ms clamping.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Waits for an idle period (or the timeout); resolves with the milliseconds it offers. */
function idlePeriod(): Promise<number> {
  if (typeof requestIdleCallback !== 'function') return yieldToPage().then(() => SLICE_MS);
  return new Promise((resolve) =>
    requestIdleCallback((d) => resolve(d.didTimeout ? SLICE_MS : d.timeRemaining()), {
      timeout: IDLE_TIMEOUT_MS,
    }),
  );
}

/**
 * Runs `step` in slices until it is done (resolves true) or `cancelled()` (resolves false). Each
 * slice is at most a few milliseconds of work (two slices' worth in a long idle period).
 * `afterEager` runs once when the eager slices are over and the rest is left for idle time (the top
 * of the page, what is on screen at load, has been read by then). `urgent`: someone waits for the
 * result (the agent escalating from this page): every slice is eager, none waits for idle time.
 */
export async function runInSlices(
  step: Step,
  cancelled: () => boolean = () => false,
  afterEager?: () => void,
  urgent = false,
): Promise<boolean> {
  for (let slice = 0; ; slice++) {
    let budget = SLICE_MS;
    if (slice === EAGER_SLICES) afterEager?.();
    if (urgent || slice < EAGER_SLICES) await yieldToPage();
    else budget = Math.max(1, Math.min(2 * SLICE_MS, await idlePeriod()));
    if (cancelled()) return false;
    const deadline = performance.now() + budget;
    if (step(() => performance.now() >= deadline)) return true;
  }
}
