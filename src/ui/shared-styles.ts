/**
 * Styles every component shares. Colours come from custom properties set on the app's :host, so a
 * deployer can theme MediaStream by setting `--ms-*` properties on `mediastream-app`.
 */

import { css } from 'lit';

export const controlStyles = css`
  :host {
    color: var(--ms-text);
    font: inherit;
  }
  button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid transparent;
    border-radius: 999px;
    padding: 0.4rem;
    min-width: 2.5rem;
    min-height: 2.5rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35rem;
    cursor: pointer;
  }
  button:hover {
    background: var(--ms-hover);
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--ms-accent);
    outline-offset: 2px;
  }
  button[aria-pressed='true'] {
    color: var(--ms-accent);
  }
  button.primary {
    background: var(--ms-accent);
    color: var(--ms-on-accent);
  }
  button.primary:hover {
    background: var(--ms-accent-strong);
  }
  svg {
    width: 1.25rem;
    height: 1.25rem;
    fill: currentColor;
    flex: none;
  }
  .muted {
    color: var(--ms-text-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  input[type='range'] {
    accent-color: var(--ms-accent);
  }
`;

/** The app's modal dialogs (shortcuts, offline music). */
export const dialogStyles = css`
  dialog {
    color: var(--ms-text);
    background: var(--ms-surface);
    border: 1px solid var(--ms-border);
    border-radius: 1rem;
    padding: 1.25rem 1.5rem;
    max-width: min(30rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }
  /* A dialog's buttons, in a row under what it says. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  .actions button {
    border-color: var(--ms-border);
    padding-inline: 1rem;
  }
`;

/** A panel that is a heading row over a list that scrolls (the library, the queue). */
export const listPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding-bottom: 0.5rem;
  }
  h2 {
    font-size: 1rem;
    margin: 0;
    flex: none;
  }
  .list {
    flex: 1;
    /* A short list scrolls itself; a long one is virtualized, and the virtualizer scrolls it. */
    overflow: auto;
  }
  .empty {
    padding: 0.5rem;
  }
  /* A row's title and the line under it: one line each, cut with an ellipsis. */
  .text {
    min-width: 0;
  }
  .title,
  .meta {
    margin: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;

/** The app's text boxes (filter, search, a playlist's name): pill-shaped, and as wide as their row allows. */
export const textFieldStyles = css`
  input[type='search'],
  input[type='text'] {
    flex: 1;
    min-width: 0;
    font: inherit;
    color: inherit;
    background: var(--ms-surface-2);
    border: 1px solid var(--ms-border);
    border-radius: 999px;
    padding: 0.45rem 0.9rem;
  }
`;

/** The app's drop-down choices (Sort by, Playback speed). */
export const selectStyles = css`
  select {
    font: inherit;
    color: inherit;
    background: var(--ms-surface-2);
    border: 1px solid var(--ms-border);
    border-radius: 0.5rem;
    padding: 0.25rem 0.4rem;
  }
  select:focus-visible {
    outline: 2px solid var(--ms-accent);
    outline-offset: 2px;
  }
`;
