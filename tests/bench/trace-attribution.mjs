// Per-task attribution of long tasks in a Chrome trace (issue 15: "100,000 rows: no long task of ours").
// Framework-free, no dependencies: bench.mjs records the trace over CDP and hands the events here; the
// unit test (tests/unit/bench/trace-attribution.test.ts) feeds it small synthetic traces.
//
// Why a trace: the Long Animation Frame API (LoAF) reports scripts of the page's main world only; the
// content script runs in an isolated world and never appeared there (0 in every load), so LoAF could not
// tell a long task of ours from the page's. The trace sees every world. Event names and fields below are
// the ones Chromium 156 writes (checked on a recorded trace of the inventory page, not guessed):
//
// - the tab's renderer: `FrameCommittedInBrowser` (browser process) → args.data.processId, url;
//   its main thread: metadata `thread_name` = `CrRendererMain` in that pid;
// - a task: complete events ('X', dur in µs) `RunTask` (disabled-by-default-devtools.timeline) and
//   `ThreadControllerImpl::RunTask` (toplevel); they nest or stand alone (a microtask checkpoint is a
//   `RunTask` with no ThreadControllerImpl inside), so a task is an outermost one of either;
// - script inside a task: `EvaluateScript` / `FunctionCall` / `v8.compile` carry args.data.url
//   (`chrome-extension://<id>/portal.js` for the content script, injected at run time), `v8.run` and
//   `v8.compile` carry args.fileName plus args.worldId / worldName (the content script's isolated world is
//   named after the extension, e.g. "Helpdesk Assistant"), `v8.callFunction` carries only worldId /
//   worldName (rAF, idle callbacks, observers calling into our world), layout/style events forced from
//   script carry args.beginData.stackTrace[].url;
// - microtasks (`RunMicrotasks`, e.g. an async function resumed after `scheduler.yield()` or a message
//   reply) carry no URL and no world: only the sampling profiler (`Profile` / `ProfileChunk` events of
//   category disabled-by-default-v8.cpu_profiler, call frames with a url) can attribute them, so a task
//   also counts as ours when a CPU sample inside it has a frame of ours on its stack.

/** Trace categories the bench records (the profiler for samples, the rest for tasks and script events). */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.stack',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

/** A top-level task longer than this is a long task (the Long Tasks API threshold: > 50 ms). */
export const LONG_TASK_MS = 50;

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Script-running events: their (outermost, ours) durations sum to our script time. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.callFunction', 'v8.run', 'v8.compile']);

/** URLs an event points at: the script it runs or compiles, and the stack that caused it. */
function urlsOf(e) {
  const a = e.args ?? {};
  const out = [];
  for (const d of [a.data, a.beginData]) {
    if (!d) continue;
    if (typeof d.url === 'string') out.push(d.url);
    if (typeof d.scriptName === 'string') out.push(d.scriptName);
    if (Array.isArray(d.stackTrace)) for (const f of d.stackTrace) if (f?.url) out.push(String(f.url));
  }
  if (typeof a.fileName === 'string') out.push(a.fileName);
  return out;
}

/** Begin/end pairs ('B'/'E') on one thread as complete events; an unclosed 'B' ends at `endTs`. */
function completeEvents(events, endTs) {
  const out = [];
  const open = new Map(); // "pid:tid" → stack of B events
  for (const e of events) {
    if (e.ph === 'X' && Number.isFinite(e.dur)) out.push(e);
    else if (e.ph === 'B' || e.ph === 'E') {
      const key = `${e.pid}:${e.tid}`;
      const stack = open.get(key) ?? [];
      open.set(key, stack);
      if (e.ph === 'B') stack.push(e);
      else {
        const b = stack.pop();
        if (b) out.push({ ...b, ph: 'X', dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
      }
    }
  }
  for (const stack of open.values())
    for (const b of stack) out.push({ ...b, ph: 'X', dur: Math.max(0, endTs - b.ts), unclosed: true });
  return out;
}

/**
 * The tab's renderer process: the process the browser committed `pageUrl` in (the last outermost main
 * frame commit whose URL starts with it), else the renderer with the most script events.
 */
export function findRenderer(events, pageUrl) {
  let pid = null;
  for (const e of events)
    if (e.name === 'FrameCommittedInBrowser') {
      const d = e.args?.data ?? {};
      if (d.isOutermostMainFrame !== false && (!pageUrl || String(d.url ?? '').startsWith(pageUrl)))
        pid = d.processId ?? pid;
    }
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (pid === null) {
    const count = new Map();
    for (const e of events)
      if (e.name === 'EvaluateScript' || e.name === 'FunctionCall')
        count.set(e.pid, (count.get(e.pid) ?? 0) + 1);
    pid = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  }
  const main = mains.find((m) => m.pid === pid);
  return pid === null || !main ? null : { pid, tid: main.tid };
}

/**
 * CPU samples of one thread from the sampling profiler: [{ ts (µs), weight (µs), ours, fn }], where ours
 * = a frame on the sample's stack has a URL starting with `urlPrefix`, and fn names the innermost such
 * frame (`name@line:column file`: the build is minified, the position finds it in portal.js). A sample weighs the time to the
 * next one (capped at `maxWeightUs`, so a gap in sampling is not charged to one sample).
 */
export function cpuSamples(events, { pid, tid }, urlPrefix, { maxWeightUs = 5000 } = {}) {
  const profiles = new Map(); // id → { start, nodes: Map(id → { url, parent }), samples: [], deltas: [] }
  for (const e of events)
    if (e.name === 'Profile' && e.pid === pid && (e.tid === tid || tid === undefined))
      profiles.set(e.id, {
        start: e.args?.data?.startTime ?? e.ts,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !profiles.has(e.id)) continue;
    const p = profiles.get(e.id);
    const data = e.args?.data ?? {};
    for (const n of data.cpuProfile?.nodes ?? []) {
      const f = n.callFrame ?? {};
      const file = String(f.url ?? '').slice(String(f.url ?? '').lastIndexOf('/') + 1);
      p.nodes.set(n.id, {
        url: f.url ?? '',
        parent: n.parent ?? null,
        label: `${f.functionName || '(anonymous)'}@${f.lineNumber ?? '?'}:${f.columnNumber ?? '?'} ${file}`,
      });
    }
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  const out = [];
  for (const p of profiles.values()) {
    // node id → its innermost frame of ours (itself or an ancestor), or null
    const oursMemo = new Map();
    const oursFrame = (id) => {
      if (oursMemo.has(id)) return oursMemo.get(id);
      const path = [];
      let cur = id;
      let found = null;
      while (cur !== null && cur !== undefined) {
        if (oursMemo.has(cur)) {
          found = oursMemo.get(cur);
          break;
        }
        path.push(cur);
        const n = p.nodes.get(cur);
        if (!n) break;
        if (n.url.startsWith(urlPrefix)) {
          found = n.label;
          break;
        }
        cur = n.parent;
      }
      for (const x of path) oursMemo.set(x, found);
      return found;
    };
    let ts = p.start;
    const times = p.deltas.map((d) => (ts += d));
    for (let i = 0; i < p.samples.length && i < times.length; i++) {
      const next = i + 1 < times.length ? times[i + 1] : times[i];
      const fn = oursFrame(p.samples[i]);
      out.push({
        ts: times[i],
        weight: Math.min(Math.max(0, next - times[i]), maxWeightUs),
        ours: fn !== null,
        fn,
      });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const ms = (us) => Math.round(us / 10) / 100;

/**
 * Long tasks of the tab's renderer main thread, each told ours or not.
 *
 * options: `pageUrl` (finds the renderer), `urlPrefix` (our scripts: `chrome-extension://<id>/`),
 * `longMs` (50), `from` / `to` (trace µs: only tasks starting in the window count; default all).
 *
 * A long task is "ours" when it contains a script event of ours (URL under `urlPrefix`, or run in an
 * isolated world where a script of ours was compiled or run) or a CPU sample with a frame of ours.
 * Returns null when the renderer cannot be found.
 */
export function attributeLongTasks(events, options = {}) {
  const { pageUrl = null, urlPrefix = 'chrome-extension://', longMs = LONG_TASK_MS } = options;
  const renderer = findRenderer(events, pageUrl);
  if (!renderer) return null;
  const { pid, tid } = renderer;
  const endTs = events.reduce((m, e) => (Number.isFinite(e.ts) ? Math.max(m, e.ts) : m), 0);
  const thread = completeEvents(
    events.filter((e) => e.pid === pid && e.tid === tid),
    endTs,
  ).sort((a, b) => a.ts - b.ts || b.dur - a.dur);

  // Our isolated worlds: where a script of ours was compiled or run (world 0 is the page's main world,
  // shared with the page: never a world "of ours" as a whole).
  const ourWorlds = new Set();
  for (const e of thread)
    if (urlsOf(e).some((u) => u.startsWith(urlPrefix)) && Number(e.args?.worldId) > 0)
      ourWorlds.add(Number(e.args.worldId));
  const isOurs = (e) =>
    urlsOf(e).some((u) => u.startsWith(urlPrefix)) ||
    (Number(e.args?.worldId) > 0 && ourWorlds.has(Number(e.args.worldId)));

  // Outermost tasks.
  const tasks = [];
  let end = -Infinity;
  for (const e of thread)
    if (TASK_NAMES.has(e.name) && e.ts >= end) {
      tasks.push(e);
      end = e.ts + e.dur;
    }
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const inWindow = tasks.filter((t) => t.ts >= from && t.ts <= to);

  const samples = cpuSamples(events, renderer, urlPrefix);
  const samplesIn = (t) => {
    // binary search for the first sample at or after t.ts
    let lo = 0;
    let hi = samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid].ts < t.ts) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < samples.length && samples[i].ts <= t.ts + t.dur; i++) out.push(samples[i]);
    return out;
  };

  // Our script time: outermost script events of ours (nested ones are inside them already).
  let oursScriptUs = 0;
  let oursScriptCpuUs = 0;
  let oursFunctionCallUs = 0;
  let scriptEnd = -Infinity;
  let callEnd = -Infinity;
  for (const e of thread) {
    if (!SCRIPT_EVENTS.has(e.name) || !isOurs(e)) continue;
    if (e.ts >= scriptEnd) {
      oursScriptUs += e.dur;
      oursScriptCpuUs += Number.isFinite(e.tdur) ? e.tdur : e.dur;
      scriptEnd = e.ts + e.dur;
    }
    if (e.name === 'FunctionCall' && e.ts >= callEnd) {
      oursFunctionCallUs += e.dur;
      callEnd = e.ts + e.dur;
    }
  }
  const oursSampledUs = samples.filter((s) => s.ours).reduce((a, s) => a + s.weight, 0);

  const long = [];
  let i0 = 0;
  for (const t of inWindow) {
    if (t.dur <= longMs * 1000) continue;
    while (i0 < thread.length && thread[i0].ts < t.ts) i0++;
    const inside = [];
    for (let i = i0; i < thread.length && thread[i].ts <= t.ts + t.dur; i++)
      if (thread[i] !== t && thread[i].ts + thread[i].dur <= t.ts + t.dur) inside.push(thread[i]);
    // Outermost events of ours inside the task, named for the report.
    const ours = [];
    let oEnd = -Infinity;
    for (const e of inside)
      if (isOurs(e) && e.ts >= oEnd) {
        ours.push(e);
        oEnd = e.ts + e.dur;
      }
    const s = samplesIn(t);
    const oursSamples = s.filter((x) => x.ours);
    const oursSampledTaskUs = oursSamples.reduce((a, x) => a + x.weight, 0);
    // Style and layout our script forced synchronously (their beginData.stackTrace is ours).
    const forcedUs = inside
      .filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && isOurs(e))
      .reduce((a, e) => a + e.dur, 0);
    const byFn = new Map();
    for (const x of oursSamples) byFn.set(x.fn, (byFn.get(x.fn) ?? 0) + x.weight);
    // Our share of the task: the larger of the traced script events of ours and the CPU samples with a
    // frame of ours (microtasks show only in the samples).
    const oursUs = ours.reduce((a, e) => a + e.dur, 0);
    const shareUs = Math.max(oursUs, oursSampledTaskUs);
    // Name an event of ours by itself or, for a world-only event (v8.callFunction), by the first event
    // with a URL of ours inside it (the FunctionCall: function name and script).
    const named = (e) =>
      urlsOf(e).some((u) => u.startsWith(urlPrefix))
        ? e
        : (inside.find(
            (x) =>
              x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur && urlsOf(x).some((u) => u.startsWith(urlPrefix)),
          ) ?? e);
    // What the task is: its largest direct parts (for the report: "which task, which events").
    const children = [];
    let cEnd = -Infinity;
    for (const e of inside)
      if (!TASK_NAMES.has(e.name) && e.ts >= cEnd) {
        children.push(e);
        cEnd = e.ts + e.dur;
      }
    const src = inside.find((e) => e.name === 'ThreadControllerImpl::RunTask')?.args?.src_func;
    long.push({
      start: t.ts,
      durMs: ms(t.dur),
      // The task's thread (CPU) time, when the trace has it: a task long on the wall clock but short on
      // CPU was mostly waiting for a core (a loaded machine), not running.
      cpuMs: Number.isFinite(t.tdur) ? ms(t.tdur) : null,
      source: src ?? t.args?.src_func ?? null,
      ours: ours.length > 0 || oursSamples.length > 0,
      oursMs: ms(oursUs),
      // Would the task still be long without our part? false = our part is what makes it long.
      longWithoutUs: t.dur - shareUs > longMs * 1000,
      oursEvents: ours.map((e) => {
        const n = named(e);
        return {
          name: n === e ? e.name : `${e.name} > ${n.name}`,
          durMs: ms(e.dur),
          url: urlsOf(n).find((u) => u.startsWith(urlPrefix)) ?? null,
          functionName: n.args?.data?.functionName ?? null,
          world: e.args?.worldName ?? null,
        };
      }),
      oursSampledMs: ms(oursSampledTaskUs),
      oursForcedLayoutMs: ms(forcedUs),
      // Where our sampled time went: innermost frames of ours, heaviest first.
      oursFunctions: [...byFn.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([fn, us]) => ({ fn, ms: ms(us) })),
      sampledMs: ms(s.reduce((a, x) => a + x.weight, 0)),
      parts: children
        .sort((a, b) => b.dur - a.dur)
        .slice(0, 5)
        .map((e) => ({ name: e.name, durMs: ms(e.dur) })),
      unclosed: Boolean(t.unclosed),
    });
  }
  const oursLong = long.filter((t) => t.ours);
  return {
    pid,
    tid,
    tasks: inWindow.length,
    longTasks: long.length,
    oursLongTasks: oursLong.length,
    // Long tasks of ours that would not be long without our part (task − our share ≤ longMs).
    madeLongByUs: oursLong.filter((t) => !t.longWithoutUs).length,
    // Long tasks of ours whose CPU time alone is also > longMs (wall time when the trace has no CPU time).
    oursLongOnCpu: oursLong.filter((t) => (t.cpuMs ?? t.durMs) > longMs).length,
    longestMs: long.length ? Math.max(...long.map((t) => t.durMs)) : 0,
    longestOursMs: oursLong.length ? Math.max(...oursLong.map((t) => t.durMs)) : 0,
    oursScriptMs: ms(oursScriptUs),
    oursScriptCpuMs: ms(oursScriptCpuUs),
    oursFunctionCallMs: ms(oursFunctionCallUs),
    oursSampledMs: ms(oursSampledUs),
    samples: samples.length,
    ourWorlds: [...ourWorlds],
    long,
  };
}

/**
 * One long task in a line, for the table's notes: duration, what scheduled it, our share and which
 * events of ours ran in it, e.g. `312 ms (SchedulePumpTokenizer; ours 12 ms: FunctionCall g portal.js
 * 12 ms; sampled 11 ms; parts ParseHTML 300 ms)`.
 */
export function describeLongTask(t) {
  const file = (u) => (u ? u.slice(u.lastIndexOf('/') + 1) : '');
  const ours = t.oursEvents
    .slice(0, 3)
    .map((e) =>
      [e.name, e.functionName || '', file(e.url), `${e.durMs} ms`].filter((x) => x !== '').join(' '),
    );
  const more = t.oursEvents.length > 3 ? ` +${t.oursEvents.length - 3} more` : '';
  const parts = t.parts.map((p) => `${p.name} ${p.durMs} ms`).join(', ');
  const fns = (t.oursFunctions ?? []).map((f) => `${f.fn} ${f.ms} ms`).join(', ');
  const cpu = t.cpuMs === null || t.cpuMs === undefined ? '' : `, CPU ${t.cpuMs} ms`;
  return `${t.durMs} ms${cpu} (${t.source ?? 'task'}; ${t.longWithoutUs ? 'long without us too' : 'long because of us'}; ours ${t.oursMs} ms${ours.length ? `: ${ours.join(', ')}${more}` : ''}; CPU samples of ours ${t.oursSampledMs} ms${fns ? ` (${fns})` : ''}${t.oursForcedLayoutMs ? `; style/layout forced by our script ${t.oursForcedLayoutMs} ms` : ''}; parts ${parts || 'none'})`;
}
