/**
 * The player's keyboard shortcuts. A key typed into a field, or one that a focused control handles
 * itself (space on a button, arrows on a slider), is left to that control; so is every key while a
 * dialog is open.
 */

import { type PlayerIntent, skipIntent } from './intents';

export interface Shortcut {
  readonly keys: string;
  readonly does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Space', does: 'Play or pause' },
  { keys: '← / →', does: 'Back or forward 5 seconds' },
  { keys: '↑ / ↓', does: 'Volume up or down' },
  { keys: 'N / P', does: 'Next or previous track' },
  { keys: 'M', does: 'Mute or unmute' },
  { keys: 'Ctrl Z / Ctrl Shift Z', does: 'Undo or redo a change to the queue (⌘ on a Mac)' },
  { keys: '?', does: 'Show these shortcuts' },
];

export type ShortcutResult = PlayerIntent | 'show-shortcuts' | null;

export interface ShortcutContext {
  readonly volume: number;
  readonly muted: boolean;
  /** The current track's length in seconds, when known, so a skip forward stops at its end. */
  readonly durationSeconds?: number;
}

/** Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z or Ctrl+Y redoes; other modified keys belong to the browser. */
function undoShortcut(event: KeyboardEvent): ShortcutResult {
  const key = event.key.toLowerCase();
  if (key === 'z') return { type: event.shiftKey ? 'redo' : 'undo' };
  if (key === 'y' && event.ctrlKey) return { type: 'redo' };
  return null;
}

/** What the rules need of the element a key was pressed in (duck-typed, so they run anywhere). */
interface KeyTarget {
  readonly tagName?: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
  /** A <dialog>'s. */
  readonly open?: boolean;
  getAttribute?(name: string): string | null;
}

function insideOpenDialog(path: readonly EventTarget[]): boolean {
  return path.some((node) => (node as KeyTarget).tagName === 'DIALOG' && (node as KeyTarget).open === true);
}

function handledByTarget(target: EventTarget | null, key: string): boolean {
  const element = target as KeyTarget | null;
  const tag = element?.tagName;
  if (!element || !tag) return false;
  if (element.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return element.type !== 'range' || key.startsWith('Arrow') || key === ' ';
  const isButton = tag === 'BUTTON' || element.getAttribute?.('role') === 'button';
  return isButton && (key === ' ' || key === 'Enter');
}

export function shortcutFor(event: KeyboardEvent, context: ShortcutContext): ShortcutResult {
  const path = event.composedPath();
  if (insideOpenDialog(path) || handledByTarget(path[0] ?? null, event.key)) return null;
  if (event.ctrlKey || event.metaKey) return undoShortcut(event);
  if (event.altKey) return null;
  switch (event.key) {
    case ' ':
      return { type: 'togglePlay' };
    case 'ArrowLeft':
      return skipIntent(-5, context.durationSeconds);
    case 'ArrowRight':
      return skipIntent(5, context.durationSeconds);
    case 'ArrowUp':
      return { type: 'setVolume', volume: Math.min(1, Math.round((context.volume + 0.05) * 100) / 100) };
    case 'ArrowDown':
      return { type: 'setVolume', volume: Math.max(0, Math.round((context.volume - 0.05) * 100) / 100) };
    case 'n':
    case 'N':
      return { type: 'next' };
    case 'p':
    case 'P':
      return { type: 'previous' };
    case 'm':
    case 'M':
      return { type: 'setMuted', muted: !context.muted };
    case '?':
      return 'show-shortcuts';
    default:
      return null;
  }
}
