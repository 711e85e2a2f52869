/**
 * A Chromium trace read for CPU time: every thread's top-level tasks, and how much of each falls inside a
 * window. Pure, so that the arithmetic is tested (tests/bench/trace-cpu.test.ts); bench/browser/sync-trace.ts
 * takes the trace.
 */

/** What a page stamps into the trace (console.timeStamp) to tie its clock to the trace's. */
export const CLOCK_MARK = 'ms-clock:';

export interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly cat?: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** The thread's CPU time in the event, µs (where the platform records it). */
  readonly tdur?: number;
  readonly args?: {
    readonly name?: string;
    readonly data?: { readonly message?: string };
    /** Where a top-level task was posted from. */
    readonly src_file?: string;
    readonly src_func?: string;
  };
}

/** A thread's top-level tasks: each one's wall span and CPU time, µs on the trace's clock. */
export interface Task {
  readonly start: number;
  readonly end: number;
  readonly cpu: number;
  /** Where it was posted from (`file:function`), when the trace says. */
  readonly origin?: string;
}

/** Every thread's top-level tasks, with a name for each thread that says whose it is. */
export function readTrace(events: readonly TraceEvent[]) {
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  const clocks = new Map<string, { pid: number; offsetUs: number }>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'process_name') processNames.set(event.pid, event.args?.name ?? '?');
    if (event.ph === 'M' && event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
    const message = event.name === 'TimeStamp' ? event.args?.data?.message : undefined;
    if (message?.startsWith(CLOCK_MARK)) {
      const [label, wall] = message.slice(CLOCK_MARK.length).split(':');
      clocks.set(label!, { pid: event.pid, offsetUs: event.ts - Number(wall) * 1000 });
    }
  }
  const pageOf = new Map([...clocks].map(([label, { pid }]) => [pid, label]));
  const tasks = new Map<string, Task[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.cat !== 'toplevel' || event.dur === undefined) continue;
    const process = pageOf.get(event.pid) ?? processNames.get(event.pid) ?? `pid ${event.pid}`;
    const thread = `${process} / ${threadNames.get(`${event.pid}:${event.tid}`) ?? `tid ${event.tid}`}`;
    const list = tasks.get(thread) ?? [];
    tasks.set(thread, list);
    const origin = event.args?.src_func ? `${event.args.src_file?.split('/').pop() ?? '?'}:${event.args.src_func}` : undefined;
    list.push({ start: event.ts, end: event.ts + event.dur, cpu: event.tdur ?? event.dur, ...(origin ? { origin } : {}) });
  }
  // Nested top-level events (a task that runs a nested loop) would count twice: only the outermost counts.
  for (const [thread, list] of tasks) {
    list.sort((x, y) => x.start - y.start);
    const outer: Task[] = [];
    for (const task of list) if (!outer.length || task.start >= outer.at(-1)!.end) outer.push(task);
    tasks.set(thread, outer);
  }
  return { tasks, clocks };
}

/**
 * CPU µs each thread spent inside [from, to]: a task cut by the window counts its share. `byOrigin` keys
 * it by thread and where each task was posted from (`thread ⟩ file:function`).
 */
export function cpuIn(tasks: Map<string, Task[]>, from: number, to: number, byOrigin = false): Map<string, number> {
  const out = new Map<string, number>();
  for (const [thread, list] of tasks) {
    for (const task of list) {
      if (task.end <= from || task.start >= to) continue;
      const wall = task.end - task.start;
      const inside = Math.min(task.end, to) - Math.max(task.start, from);
      const key = byOrigin ? `${thread} ⟩ ${task.origin ?? '?'}` : thread;
      out.set(key, (out.get(key) ?? 0) + (wall > 0 ? (task.cpu * inside) / wall : 0));
    }
  }
  for (const [key, us] of out) if (us === 0) out.delete(key);
  return out;
}
