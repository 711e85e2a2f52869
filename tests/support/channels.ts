/** Channels that misbehave on purpose, to show the store — not the channel — is what tabs rely on. */

import type { ChannelLike } from '../../src/engine/sync/sync-channel';

/** A BroadcastChannel whose incoming messages can be dropped, like a tab that missed some. */
export class DeafenableChannel implements ChannelLike {
  deaf = false;
  private readonly inner: BroadcastChannel;

  constructor(name: string) {
    this.inner = new BroadcastChannel(name);
  }

  postMessage(message: unknown): void {
    this.inner.postMessage(message);
  }

  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void {
    this.inner.addEventListener(type, (event) => {
      if (!this.deaf) listener(event as MessageEvent);
    });
  }

  close(): void {
    this.inner.close();
  }
}

/** A channel whose posts never leave: a tab that died after committing, before broadcasting. */
export class MuteChannel extends DeafenableChannel {
  override postMessage(): void {}
}

/** Records every message on a channel, in arrival order. */
export function recordChannel(name: string): { messages: unknown[]; close(): void } {
  const channel = new BroadcastChannel(name);
  const messages: unknown[] = [];
  channel.addEventListener('message', (event) => messages.push((event as MessageEvent).data));
  return { messages, close: () => channel.close() };
}
