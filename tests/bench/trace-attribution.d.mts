// Types for the framework-free trace attribution (trace-attribution.mjs), for the unit test.
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  cat?: string;
  args?: Record<string, unknown>;
}
export interface OursEvent {
  name: string;
  durMs: number;
  url: string | null;
  functionName: string | null;
  world: string | null;
}
export interface LongTask {
  start: number;
  durMs: number;
  cpuMs: number | null;
  source: string | null;
  ours: boolean;
  oursMs: number;
  longWithoutUs: boolean;
  oursEvents: OursEvent[];
  oursSampledMs: number;
  oursFunctions: { fn: string; ms: number }[];
  oursForcedLayoutMs: number;
  sampledMs: number;
  parts: { name: string; durMs: number }[];
  unclosed: boolean;
}
export interface Attribution {
  pid: number;
  tid: number;
  tasks: number;
  longTasks: number;
  oursLongTasks: number;
  madeLongByUs: number;
  oursLongOnCpu: number;
  longestMs: number;
  longestOursMs: number;
  oursScriptMs: number;
  oursScriptCpuMs: number;
  oursFunctionCallMs: number;
  oursSampledMs: number;
  samples: number;
  ourWorlds: number[];
  long: LongTask[];
}
export const TRACE_CATEGORIES: string[];
export const LONG_TASK_MS: number;
export function findRenderer(
  events: readonly TraceEvent[],
  pageUrl?: string | null,
): { pid: number; tid: number } | null;
export function cpuSamples(
  events: readonly TraceEvent[],
  thread: { pid: number; tid?: number },
  urlPrefix: string,
  options?: { maxWeightUs?: number },
): { ts: number; weight: number; ours: boolean; fn: string | null }[];
export function attributeLongTasks(
  events: readonly TraceEvent[],
  options?: {
    pageUrl?: string | null;
    urlPrefix?: string;
    longMs?: number;
    from?: number;
    to?: number;
  },
): Attribution | null;
export function describeLongTask(t: LongTask): string;
