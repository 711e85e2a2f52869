/**
 * The reducer, commit planning and the undo history (commit-plan.ts and what it imports) are not
 * needed to show the page, only to change it: stores load them with the first action, and the page
 * fetches them after its first paint.
 */

type Planning = typeof import('./commit-plan');

let loaded: Planning | undefined;

export async function loadPlanning(): Promise<Planning> {
  return (loaded ??= await import('./commit-plan'));
}

/**
 * The planning code, at once if it is loaded. Once it is, a commit must not wait for `import()` again:
 * that answer comes back as a task, which waits behind the page's rendering.
 */
export function planning(): Planning | Promise<Planning> {
  return loaded ?? loadPlanning();
}

/** The planning code if it is loaded already (it is, once anything has been committed). */
export function loadedPlanning(): Planning | undefined {
  return loaded;
}
