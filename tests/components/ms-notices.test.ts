import { describe, expect, test, vi } from 'vitest';
import '../../src/ui/ms-notices';
import { DismissEvent } from '../../src/ui/events';
import type { Notice } from '../../src/ui/ms-notices';
import { mount } from './support/fixture';

const saved: Notice = { id: 1, message: 'Your session was repaired.', kind: 'info' };
const failed: Notice = { id: 2, message: 'Could not play “Neon Avenue”.', kind: 'error' };

/** The notice ids the dismiss events carry (anything else by its type, so a stray event shows). */
function dismissedIds(events: readonly Event[]): unknown[] {
  return events.map((event) => (event instanceof DismissEvent ? event.noticeId : event.type));
}

describe('ms-notices: what it shows', () => {
  test('should show an error as an alert and anything else as a status', async () => {
    const { screen } = await mount('ms-notices', { notices: [saved, failed] });

    await expect.element(screen.getByRole('status')).toHaveTextContent(saved.message);
    await expect.element(screen.getByRole('alert')).toHaveTextContent(failed.message);
  });

  test('should show nothing when there are no notices', async () => {
    const { screen } = await mount('ms-notices', { notices: [] });

    expect(screen.getByRole('alert').query()).toBeNull();
    expect(screen.getByRole('status').query()).toBeNull();
  });

  test('should show a message as text, never as markup', async () => {
    const { screen, element } = await mount('ms-notices', {
      notices: [{ id: 3, message: '<img src=x onerror="window.__injected=1">', kind: 'error' }],
    });

    await expect.element(screen.getByRole('alert')).toHaveTextContent('<img src=x onerror=');
    expect(element.shadowRoot?.querySelector('img')).toBeNull();
  });

  test('should offer a notice’s action as a button named by its label', async () => {
    const { screen } = await mount('ms-notices', { notices: [{ ...failed, action: { label: 'Reload', run: () => {} } }] });

    await expect.element(screen.getByRole('alert').getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect.element(screen.getByRole('alert').getByRole('button', { name: 'Dismiss' })).toBeVisible();
  });
});

describe('ms-notices: what it asks for', () => {
  test('should emit one dismiss with the notice’s id when Dismiss is clicked', async () => {
    const { screen, events } = await mount('ms-notices', { notices: [saved, failed] });

    await screen.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

    expect(dismissedIds(events)).toEqual([failed.id]);
  });

  test('should run the action once and emit one dismiss when the action is clicked', async () => {
    const run = vi.fn();
    const { screen, events } = await mount('ms-notices', { notices: [{ ...failed, action: { label: 'Reload', run } }] });

    await screen.getByRole('button', { name: 'Reload' }).click();

    expect(run).toHaveBeenCalledTimes(1);
    expect(dismissedIds(events)).toEqual([failed.id]);
  });

  test('should fire nothing, and run no action, when its notices are set', async () => {
    const run = vi.fn();
    const { events, set } = await mount('ms-notices', { notices: [] });

    await set({ notices: [saved] });
    await set({ notices: [saved, { ...failed, action: { label: 'Reload', run } }] });
    await set({ notices: [] });

    expect(events).toHaveLength(0);
    expect(run).not.toHaveBeenCalled();
  });
});
