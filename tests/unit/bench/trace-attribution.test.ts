// Long-task attribution from a Chrome trace (issue 15: "100,000 rows: no long task of ours"), on small
// synthetic traces shaped like Chromium 156's (event names and args as recorded on the inventory page).
import { describe, expect, it } from 'vitest';
import {
  attributeLongTasks,
  cpuSamples,
  describeLongTask,
  findRenderer,
  type TraceEvent,
} from '../../bench/trace-attribution.mjs';

const PAGE = 'http://127.0.0.1:4000/portal/inventory.html?rows=100000';
const OURS = 'chrome-extension://abcdefghijklmnop/portal.js';
const TAB = 10; // the tab's renderer (pid = main thread tid, as in Chromium traces)
const OTHER = 20; // another renderer (e.g. the sidebar frame or a previous tab)
const ms = (n: number) => n * 1000; // trace times are µs

function meta(): TraceEvent[] {
  return [
    { name: 'thread_name', ph: 'M', pid: TAB, tid: TAB, ts: 0, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', pid: TAB, tid: TAB + 1, ts: 0, args: { name: 'Compositor' } },
    { name: 'thread_name', ph: 'M', pid: OTHER, tid: OTHER, ts: 0, args: { name: 'CrRendererMain' } },
    {
      name: 'FrameCommittedInBrowser',
      ph: 'I',
      pid: 1,
      tid: 1,
      ts: 0,
      args: { data: { isOutermostMainFrame: true, processId: TAB, url: PAGE } },
    },
  ];
}

/** A top-level task on a thread: RunTask around ThreadControllerImpl::RunTask, as Chromium writes it. */
function task(start: number, dur: number, src: string, inner: TraceEvent[] = [], pid = TAB): TraceEvent[] {
  return [
    { name: 'RunTask', ph: 'X', pid, tid: pid, ts: ms(start), dur: ms(dur), args: {} },
    {
      name: 'ThreadControllerImpl::RunTask',
      ph: 'X',
      pid,
      tid: pid,
      ts: ms(start),
      dur: ms(dur),
      args: { src_func: src },
    },
    ...inner,
  ];
}

function x(
  name: string,
  start: number,
  dur: number,
  args: Record<string, unknown> = {},
  pid = TAB,
): TraceEvent {
  return { name, ph: 'X', pid, tid: pid, ts: ms(start), dur: ms(dur), args };
}

const ourCall = (start: number, dur: number, pid = TAB) =>
  x('FunctionCall', start, dur, { data: { functionName: 'scanSlice', url: OURS } }, pid);
const world = { worldId: 5, worldName: 'Helpdesk Assistant' };

describe('long-task attribution from a trace', () => {
  it('counts a long task with a FunctionCall of the extension inside, and names it', () => {
    const events = [
      ...meta(),
      ...task(100, 80, 'PostSchedulerIdleTask', [
        x('FireIdleCallback', 101, 78, { data: { id: 1 } }),
        x('v8.callFunction', 101, 78, world),
        ourCall(101, 70),
        // a layout our function forced (Chromium puts the JS stack in beginData.stackTrace)
        x('Layout', 120, 40, { beginData: { stackTrace: [{ functionName: 'place', url: OURS }] } }),
      ]),
    ];
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.longTasks).toBe(1);
    expect(a.oursLongTasks).toBe(1);
    expect(a.longestOursMs).toBe(80);
    expect(a.madeLongByUs).toBe(1); // 80 − 70 ms ≤ 50: long because of us
    const t = a.long[0]!;
    expect(t.source).toBe('PostSchedulerIdleTask');
    expect(t.oursEvents[0]).toMatchObject({ name: 'FunctionCall', functionName: 'scanSlice', url: OURS });
    expect(describeLongTask(t)).toContain('FunctionCall scanSlice portal.js 70 ms');
    expect(t.oursForcedLayoutMs).toBe(40);
    expect(a.oursFunctionCallMs).toBe(70);
  });

  it('does not count a long task with only page script, however long', () => {
    const events = [
      ...meta(),
      ...task(100, 900, 'SchedulePumpTokenizer', [
        x('ParseHTML', 100, 900, { beginData: { url: PAGE } }),
        x('EvaluateScript', 120, 700, { data: { url: 'http://127.0.0.1:4000/portal/data.js' } }),
        x('FunctionCall', 130, 600, { data: { functionName: 'inventory', url: PAGE } }),
        x('v8.callFunction', 130, 600, { worldId: 0 }),
      ]),
    ];
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.longTasks).toBe(1);
    expect(a.oursLongTasks).toBe(0);
    expect(a.long[0]!.ours).toBe(false);
    expect(a.oursScriptMs).toBe(0);
  });

  it('ignores a short task of ours (≤ 50 ms) but counts its script time', () => {
    const events = [
      ...meta(),
      ...task(100, 50, 'PostSchedulerIdleTask', [x('v8.callFunction', 100, 45, world), ourCall(100, 45)]),
    ];
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.longTasks).toBe(0);
    expect(a.oursLongTasks).toBe(0);
    expect(a.oursScriptMs).toBe(45); // the outermost event of ours, not 45 + 45
  });

  it('attributes by our isolated world (v8.callFunction without a URL) and not by another world', () => {
    const events = [
      ...meta(),
      x('v8.compile', 10, 2, { data: { url: OURS }, fileName: OURS, ...world }),
      ...task(100, 60, 'ScheduledActionSendBeginMainFrame', [
        x('FireAnimationFrame', 100, 20, { data: { id: 3 } }),
        x('v8.callFunction', 100, 20, world),
      ]),
      ...task(200, 60, 'ScheduledActionSendBeginMainFrame', [
        x('v8.callFunction', 200, 20, { worldId: 7, worldName: '__playwright_utility_world__' }),
      ]),
    ];
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.ourWorlds).toEqual([5]);
    expect(a.long[0]!.cpuMs).toBeNull();
    expect(a.oursLongOnCpu).toBe(1); // no CPU time in this trace: judged on the wall clock
    expect(a.long.map((t) => t.ours)).toEqual([true, false]);
    expect(a.long[0]!.longWithoutUs).toBe(false); // 60 − 20 ≤ 50
  });

  it('counts a microtask-only long task by the CPU samples with a frame of ours', () => {
    // An async function resumed after scheduler.yield(): RunMicrotasks carries no URL and no world.
    const nodes = [
      { id: 1, callFrame: { functionName: '(root)', url: '' } },
      { id: 2, parent: 1, callFrame: { functionName: 'scan', url: OURS } },
      { id: 3, parent: 2, callFrame: { functionName: 'walk', url: OURS } },
      { id: 4, parent: 1, callFrame: { functionName: 'render', url: PAGE } },
    ];
    const events = [
      ...meta(),
      ...task(100, 70, 'DOMTaskContinuation', [
        x('BlinkScheduler_PerformMicrotaskCheckpoint', 100, 70),
        x('RunMicrotasks', 100, 70, { microtask_count: 1 }),
      ]),
      ...task(300, 70, 'DOMTaskContinuation', [x('RunMicrotasks', 300, 70)]),
      { name: 'Profile', ph: 'P', pid: TAB, tid: TAB, ts: 0, id: '0x1', args: { data: { startTime: 0 } } },
      {
        name: 'ProfileChunk',
        ph: 'P',
        pid: TAB,
        tid: 99, // the sampler thread writes the chunks; the Profile event names the sampled thread
        ts: 0,
        id: '0x1',
        args: {
          data: {
            cpuProfile: { nodes, samples: [3, 3, 3, 4, 4] },
            // samples at 110, 130, 150 ms (ours), 310, 330 ms (page)
            timeDeltas: [ms(110), ms(20), ms(20), ms(160), ms(20)],
          },
        },
      },
    ];
    const samples = cpuSamples(events, { pid: TAB, tid: TAB }, 'chrome-extension://');
    expect(samples.map((s) => s.ours)).toEqual([true, true, true, false, false]);
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.long.map((t) => t.ours)).toEqual([true, false]);
    expect(a.oursLongTasks).toBe(1);
    expect(a.oursSampledMs).toBeGreaterThan(0);
  });

  it("reads only the tab's renderer main thread, and pairs B/E task events", () => {
    const events = [
      ...meta(),
      // another renderer's long task of ours: not this tab
      ...task(100, 90, 'PostSchedulerIdleTask', [ourCall(100, 80, OTHER)], OTHER),
      // the tab's compositor thread: not the main thread
      { ...x('RunTask', 100, 90), tid: TAB + 1 },
      { ...ourCall(100, 80), tid: TAB + 1 },
      // a B/E long task of ours on the main thread
      { name: 'RunTask', ph: 'B', pid: TAB, tid: TAB, ts: ms(500), args: {} },
      ourCall(510, 60),
      { name: 'RunTask', ph: 'E', pid: TAB, tid: TAB, ts: ms(575), args: {} },
    ];
    expect(findRenderer(events, PAGE)).toEqual({ pid: TAB, tid: TAB });
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.tasks).toBe(1);
    expect(a.longTasks).toBe(1);
    expect(a.oursLongTasks).toBe(1);
    expect(a.longestOursMs).toBe(75);
  });

  it('gives the CPU time of a long task, and tells a task long only on the wall clock', () => {
    // 120 ms on the wall clock but 30 ms of CPU: the renderer waited for a core most of the time.
    const events = [
      ...meta(),
      ...task(100, 120, 'PostSchedulerIdleTask', [
        x('v8.callFunction', 100, 100, world),
        ourCall(100, 100),
      ]).map((e) => (e.name === 'RunTask' ? { ...e, tdur: ms(30) } : e)),
      ...task(300, 90, 'PostSchedulerIdleTask', [ourCall(300, 80)]).map((e) =>
        e.name === 'RunTask' ? { ...e, tdur: ms(85) } : e,
      ),
    ];
    const a = attributeLongTasks(events, { pageUrl: PAGE })!;
    expect(a.long.map((t) => t.cpuMs)).toEqual([30, 85]);
    expect(a.oursLongTasks).toBe(2);
    expect(a.oursLongOnCpu).toBe(1);
    expect(describeLongTask(a.long[0]!)).toMatch(/^120 ms, CPU 30 ms /);
  });

  it('returns null when the trace has no renderer for the page', () => {
    const events = meta().filter((e) => e.name !== 'thread_name');
    expect(attributeLongTasks(events, { pageUrl: PAGE })).toBeNull();
  });
});
