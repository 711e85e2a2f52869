/** Resolves once the browser has rendered a frame; a hidden page renders none, so at most 100 ms later. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
