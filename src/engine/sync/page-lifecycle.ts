/**
 * The moments a tab may have missed changes, from the page's own lifecycle: coming back from the
 * back/forward cache (WebKit drops channel messages to such pages), becoming visible again (a frozen
 * background tab hears nothing). Each one re-reads the store.
 */

import type { PlaybackEngine } from '../playback-engine';

interface PageLike extends EventTarget {
  readonly document: { readonly visibilityState: DocumentVisibilityState } & EventTarget;
}

export function watchPageLifecycle(engine: Pick<PlaybackEngine, 'resync'>, page: PageLike): () => void {
  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) void engine.resync();
  };
  const onVisibilityChange = () => {
    if (page.document.visibilityState === 'visible') void engine.resync();
  };
  page.addEventListener('pageshow', onPageShow);
  page.document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    page.removeEventListener('pageshow', onPageShow);
    page.document.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
