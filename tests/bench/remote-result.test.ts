/** The remote section's figures as written under `remote` in bench/results/latest.json: every agreed key. */

import { describe, expect, it } from 'vitest';
import { remoteRunOf } from '../../bench/remote-result';

describe('the remote bench figures', () => {
  const run = remoteRunOf({
    handoffs: [30, 10, 20, 40, 500],
    edits: [12.345, 18, 15],
    rawYjs: [0.5, 0.75, 0.6],
    reconnectMs: 94.4,
    serverRestartMs: 101.6,
    bytesPerEdit: [
      { entries: 10, bytes: 99 },
      { entries: 10_000, bytes: 105 },
    ],
  });

  it('has remote: { handoff, queueEdit, rawYjs: { n, p50, p99 }, reconnectMs, serverRestartMs, bytesPerEdit: [{ entries, bytes }] }', () => {
    const written = JSON.parse(JSON.stringify(run)) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(['bytesPerEdit', 'handoff', 'queueEdit', 'rawYjs', 'reconnectMs', 'serverRestartMs']);
    for (const key of ['handoff', 'queueEdit', 'rawYjs'] as const) {
      expect(Object.keys(run[key]).sort(), key).toEqual(['n', 'p50', 'p99']);
      for (const value of Object.values(run[key])) expect(Number.isFinite(value), key).toBe(true);
    }
    expect(run.bytesPerEdit).toEqual([
      { entries: 10, bytes: 99 },
      { entries: 10_000, bytes: 105 },
    ]);
  });

  it('computes the percentiles of each sample set, and whole milliseconds for convergence', () => {
    expect(run.handoff.n).toBe(5);
    expect(run.handoff.p50).toBe(30);
    expect(run.handoff.p99).toBeGreaterThan(run.handoff.p50);
    expect(run.queueEdit).toMatchObject({ n: 3, p50: 15 });
    expect(run.rawYjs).toMatchObject({ n: 3, p50: 0.6 });
    expect(run.reconnectMs).toBe(94);
    expect(run.serverRestartMs).toBe(102);
  });
});
