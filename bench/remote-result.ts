/**
 * What the remote section (bench/browser/remote.ts) writes under `remote` in bench/results/latest.json,
 * made from its samples. Apart from the browser code, so that a unit test can check every agreed key.
 */

import { summarize } from './stats';

export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
}

export interface RemoteRun {
  /** `Play here` on one device until the other's audio is paused and this one's plays, ms. */
  readonly handoff: Percentiles;
  /** A queue edit on A until B's screen shows it, ms. */
  readonly queueEdit: Percentiles;
  /** A raw Yjs update from one provider to another through the same server (Node), ms. */
  readonly rawYjs: Percentiles;
  /** After both devices' connections were cut and restored: until B shows A's edit made meanwhile, ms. */
  readonly reconnectMs: number;
  /** After the server was SIGKILLed and started again on its data folder: until B shows A's edit, ms. */
  readonly serverRestartMs: number;
  /** Bytes a device sends for one queue edit, at each queue length. */
  readonly bytesPerEdit: readonly { readonly entries: number; readonly bytes: number }[];
}

export interface RemoteSamples {
  readonly handoffs: readonly number[];
  readonly edits: readonly number[];
  readonly rawYjs: readonly number[];
  readonly reconnectMs: number;
  readonly serverRestartMs: number;
  readonly bytesPerEdit: RemoteRun['bytesPerEdit'];
}

export function percentiles(samples: readonly number[]): Percentiles {
  const summary = summarize(samples);
  return { n: summary.n, p50: hundredths(summary.p50), p99: hundredths(summary.p99) };
}

export function remoteRunOf(samples: RemoteSamples): RemoteRun {
  return {
    handoff: percentiles(samples.handoffs),
    queueEdit: percentiles(samples.edits),
    rawYjs: percentiles(samples.rawYjs),
    reconnectMs: Math.round(samples.reconnectMs),
    serverRestartMs: Math.round(samples.serverRestartMs),
    bytesPerEdit: samples.bytesPerEdit.map(({ entries, bytes }) => ({ entries, bytes })),
  };
}

function hundredths(value: number): number {
  return Math.round(value * 100) / 100;
}
