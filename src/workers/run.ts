import { Worker } from "node:worker_threads";

/**
 * Runs one job on a fresh worker thread and resolves with the message it posts back, so a long
 * computation (reading a 30 MB dump) never holds the event loop. The worker is ended afterwards;
 * an abort ends it at once and resolves with null.
 */
export function runInWorker<T>(entry: URL, input: unknown, signal?: AbortSignal): Promise<T | null> {
  if (signal?.aborted === true) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const worker = new Worker(entry, { workerData: input });
    let settled = false;
    const abort = (): void => {
      settled = true;
      resolve(null);
      void worker.terminate();
    };
    signal?.addEventListener("abort", abort, { once: true });
    worker.once("message", (message: T) => {
      settled = true;
      signal?.removeEventListener("abort", abort);
      resolve(message);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      signal?.removeEventListener("abort", abort);
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`worker ${entry.pathname} exited with code ${code} before answering`));
    });
  });
}
