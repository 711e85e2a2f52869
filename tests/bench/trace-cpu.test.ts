import { describe, expect, it } from 'vitest';
import { CLOCK_MARK, cpuIn, readTrace, type TraceEvent } from '../../bench/trace-cpu';

const meta = (pid: number, tid: number, process: string, thread: string): TraceEvent[] => [
  { ph: 'M', name: 'process_name', pid, tid, ts: 0, args: { name: process } },
  { ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name: thread } },
];
const task = (pid: number, tid: number, ts: number, dur: number, tdur?: number): TraceEvent => ({
  ph: 'X',
  name: 'ThreadControllerImpl::RunTask',
  cat: 'toplevel',
  pid,
  tid,
  ts,
  dur,
  ...(tdur === undefined ? {} : { tdur }),
});

describe('CPU time from a trace', () => {
  it('names a page’s threads by the clock mark stamped in it, others by their process', () => {
    const { tasks, clocks } = readTrace([
      ...meta(1, 10, 'Renderer', 'CrRendererMain'),
      ...meta(2, 20, 'Browser', 'CrBrowserMain'),
      {
        ph: 'I',
        name: 'TimeStamp',
        cat: 'devtools.timeline',
        pid: 1,
        tid: 10,
        ts: 5_000,
        args: { data: { message: `${CLOCK_MARK}app A:2` } },
      },
      task(1, 10, 100, 50),
      task(2, 20, 100, 50),
    ]);
    expect([...tasks.keys()].sort()).toEqual(['Browser / CrBrowserMain', 'app A / CrRendererMain']);
    // The page's 2 ms (wall) was the trace's 5,000 µs.
    expect(clocks.get('app A')).toEqual({ pid: 1, offsetUs: 3_000 });
  });

  it('counts a nested top-level task once, and only the share of a task inside the window', () => {
    const { tasks } = readTrace([
      ...meta(1, 10, 'Renderer', 'CrRendererMain'),
      task(1, 10, 0, 100, 80),
      // Nested in the first (a nested run loop): its time is the outer task's already.
      task(1, 10, 10, 20, 20),
      task(1, 10, 200, 100),
    ]);
    const inside = cpuIn(tasks, 50, 250);
    // Half of the first task's 80 µs of CPU, and half of the last task (no CPU time recorded: its wall time).
    expect(inside.get('Renderer / CrRendererMain')).toBeCloseTo(40 + 50);
    expect(cpuIn(tasks, 400, 500).size).toBe(0);
  });
});
