/**
 * Names the page and the service worker share (the page's tabs too). The audio cache carries a version: a change in how audio
 * is cached gets a new name, and the service worker removes caches of older versions on activate.
 */

export const AUDIO_CACHE_PREFIX = 'mediastream-audio-';
export const AUDIO_CACHE = `${AUDIO_CACHE_PREFIX}v1`;

/** Tabs tell each other on this channel that the offline audio changed. */
export const OFFLINE_CHANNEL = 'mediastream.offline';
