import { describe, expect, it } from 'vitest';
import { watchPageLifecycle } from '../../src/engine/sync/page-lifecycle';

/** Just enough of a window and its document to dispatch lifecycle events in Node. */
function fakePage() {
  const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
  return Object.assign(new EventTarget(), { document });
}

function pageshow(persisted: boolean): Event {
  return Object.assign(new Event('pageshow'), { persisted });
}

describe('watchPageLifecycle', () => {
  it('re-reads the store when the page comes back from the back/forward cache, and only then', () => {
    const page = fakePage();
    let resyncs = 0;
    watchPageLifecycle({ resync: async () => void resyncs++ }, page);

    page.dispatchEvent(pageshow(false));
    expect(resyncs).toBe(0);
    page.dispatchEvent(pageshow(true));
    expect(resyncs).toBe(1);
  });

  it('re-reads the store when the page becomes visible, not when it is hidden', () => {
    const page = fakePage();
    let resyncs = 0;
    watchPageLifecycle({ resync: async () => void resyncs++ }, page);

    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(resyncs).toBe(0);
    page.document.visibilityState = 'visible';
    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(resyncs).toBe(1);
  });

  it('stops watching when told to', () => {
    const page = fakePage();
    let resyncs = 0;
    const stop = watchPageLifecycle({ resync: async () => void resyncs++ }, page);

    stop();
    page.dispatchEvent(pageshow(true));
    page.document.visibilityState = 'visible';
    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(resyncs).toBe(0);
  });
});
