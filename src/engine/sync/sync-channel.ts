/**
 * The BroadcastChannel `playback:<deviceId>`: posts committed events and hands on the valid ones it
 * receives. Anything else is counted and dropped; nothing that arrives can make it throw.
 */

import type { ParseEvent, RejectReason } from '../model/event-validation';
import type { ChannelEvent } from '../model/events';

/** What the engine needs of a BroadcastChannel, so tests can hand in Node's or a fake. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'messageerror', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface SyncChannelHandlers {
  onEvent(event: ChannelEvent): void;
  /** A well-formed event from a newer major protocol version: a newer app is running. */
  onNewerVersion(version: number): void;
}

export type RejectCounts = Record<RejectReason | 'undeliverable', number>;

let validator: Promise<ParseEvent> | null = null;

/**
 * The event validator, loaded the first time it is asked for: by the first message that arrives, or by
 * the page once it has painted (the first paint needs none of it).
 */
export function loadEventValidation(): Promise<ParseEvent> {
  validator ??= import('../model/event-validation').then(({ parseEvent }) => parseEvent);
  return validator;
}

export class SyncChannel {
  readonly rejected: RejectCounts = {
    'not-an-object': 0,
    'bad-envelope': 0,
    'wrong-topic': 0,
    'unknown-type': 0,
    'bad-data': 0,
    'newer-version': 0,
    undeliverable: 0,
  };
  received = 0;
  sent = 0;
  bytesSent = 0;
  private parse: ParseEvent | null = null;
  /** What arrived before the validator loaded, handed on in order once it has. */
  private readonly early: unknown[] = [];

  constructor(
    private readonly channel: ChannelLike,
    readonly topic: string,
    private readonly handlers: SyncChannelHandlers,
  ) {
    channel.addEventListener('message', (message) => this.receive(message.data));
    channel.addEventListener('messageerror', () => this.rejected.undeliverable++);
  }

  post(event: ChannelEvent): void {
    this.channel.postMessage(event);
    this.sent++;
    this.bytesSent += JSON.stringify(event).length;
  }

  close(): void {
    this.channel.close();
  }

  private receive(data: unknown): void {
    if (!this.parse) {
      // Kept, in order, until the validator is here.
      if (this.early.push(data) === 1) {
        void loadEventValidation().then((parse) => {
          this.parse = parse;
          for (const early of this.early.splice(0)) this.receive(early);
        });
      }
      return;
    }
    this.received++;
    const parsed = this.parse(data, this.topic);
    if (parsed.ok) {
      this.handlers.onEvent(parsed.event);
      return;
    }
    this.rejected[parsed.reason]++;
    if (parsed.reason === 'newer-version') this.handlers.onNewerVersion(parsed.version!);
  }
}
