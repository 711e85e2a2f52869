import { afterEach, describe, expect, it } from 'vitest';
import { topicFor } from '../../src/engine/model/events';
import { openPlaybackDatabase } from '../../src/engine/storage/database';
import { type ConditionalWriter, type PlannedWrite, type WriteOutcome, writeIfCurrent } from '../../src/engine/storage/record-writes';
import { inSync, visible } from '../support/in-sync';
import { type Browser, eventually, newBrowser } from '../support/tabs';

const noDatabaseTrouble = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };

/**
 * A writer that works as the commit worker does (it writes, announces on the channel, and writes a change
 * planned on an earlier one only once that one is written), and can hold back what it tells the tab:
 * the start of the next write, or the answer to it, until `release()`.
 */
class HoldingWriter implements ConditionalWriter {
  readonly announces = true;
  holdNextStart = false;
  holdNextAnswer = false;
  private readonly outcomes = new WeakMap<Promise<WriteOutcome>, Promise<WriteOutcome>>();
  private readonly held: (() => void)[] = [];

  private constructor(
    private readonly db: Awaited<ReturnType<typeof openPlaybackDatabase>>,
    private readonly channel: BroadcastChannel,
  ) {}

  static async open(deviceId: string): Promise<HoldingWriter> {
    return new HoldingWriter(await openPlaybackDatabase(noDatabaseTrouble), new BroadcastChannel(topicFor(deviceId)));
  }

  write(planned: PlannedWrite, after?: Promise<WriteOutcome>): Promise<WriteOutcome> {
    const start = this.gate('holdNextStart');
    const answered = this.gate('holdNextAnswer');
    // The earlier write's own outcome, not the answer the tab is still waiting for.
    const earlier = after && (this.outcomes.get(after) ?? after);
    const outcome = (async (): Promise<WriteOutcome> => {
      await start;
      if (earlier && (await earlier) !== 'written') return 'stale';
      const written = await writeIfCurrent(this.db, planned);
      if (written === 'written') this.channel.postMessage(planned.event);
      return written;
    })();
    const answer = outcome.then(async (result) => {
      await answered;
      return result;
    });
    this.outcomes.set(answer, outcome);
    return answer;
  }

  release(): void {
    for (const release of this.held.splice(0)) release();
  }

  close(): void {
    this.channel.close();
    this.db.close();
  }

  private gate(which: 'holdNextStart' | 'holdNextAnswer'): Promise<void> {
    if (!this[which]) return Promise.resolve();
    this[which] = false;
    return new Promise((resolve) => this.held.push(resolve));
  }
}

describe('a person’s action and the sound tab’s checkpoint on its way', () => {
  let browser: Browser;
  let writer: HoldingWriter;
  afterEach(() => {
    browser.close();
    writer.close();
  });

  /** Tab A plays and writes through the holding writer; tab B is an ordinary tab. */
  async function playingTabs() {
    browser = newBrowser();
    writer = await HoldingWriter.open(browser.deviceId);
    const store = await browser.openStore();
    store.useWriter(writer);
    const a = await browser.openTab({ store });
    const b = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't1' });
    return { a, b };
  }

  it('the action reaches the other tab without waiting for the checkpoint’s answer', async () => {
    const { a, b } = await playingTabs();
    writer.holdNextAnswer = true;
    let checkpointAnswered = false;
    const checkpoint = a.checkpoint('t1', 5, true)!.then(() => (checkpointAnswered = true));

    const added = a.dispatch({ type: 'enqueue', trackIds: ['t9'] });

    await eventually(() => b.state.queue.some((entry) => entry.trackId === 't9'), 'B shows the new entry');
    expect(checkpointAnswered).toBe(false);
    expect(b.state.positionSeconds).toBe(5);
    writer.release();
    await Promise.all([checkpoint, added]);
    expect(a.state.queue.map((entry) => entry.trackId)).toEqual(['t9']);
    await inSync(a, b);
  });

  it('when the checkpoint is overtaken by another tab’s change, the action behind it still commits and nothing is lost', async () => {
    const { a, b } = await playingTabs();
    writer.holdNextStart = true;
    const checkpoint = a.checkpoint('t1', 5, true)!;
    const added = a.dispatch({ type: 'enqueue', trackIds: ['from-a'] });

    await b.dispatch({ type: 'enqueue', trackIds: ['from-b'] });
    writer.release();
    await Promise.all([checkpoint, added]);

    await inSync(a, b);
    expect(a.state.queue.map((entry) => entry.trackId)).toEqual(['from-b', 'from-a']);
    expect(a.state.positionSeconds).toBe(5);
    const stored = await (await browser.openStore()).readSince(a.state, Date.now());
    expect(visible(stored)).toEqual(visible(a.state));
  });
});
