/**
 * The import's baseline in the browser: music-metadata alone, in a module worker of this page, over the
 * folder handle the app's import reads (bench/pages/raw-parse-worker.ts). `rawParse(root, folder)` resolves
 * to the tracks read and the seconds it took, as the worker measured them.
 */

interface RawParseRun {
  readonly tracks: number;
  readonly seconds: number;
}

function rawParse(root: string, folder: string): Promise<RawParseRun> {
  const worker = new Worker(new URL('./raw-parse-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<RawParseRun>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<RawParseRun | { error: string }>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the raw-parse worker failed'));
    worker.postMessage({ root, folder });
  });
}

(window as unknown as { rawParse: typeof rawParse }).rawParse = rawParse;
