interface Pending {
  check: () => boolean;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Promises that resolve once a condition over the fake's state holds; re-checked on every state change. */
export class Waiters {
  readonly #pending = new Set<Pending>();

  wait<T>(probe: () => T | undefined, timeoutMs: number, describe: string): Promise<T> {
    const immediate = probe();
    if (immediate !== undefined) return Promise.resolve(immediate);
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          this.#finish(entry);
          resolve(value);
          return true;
        },
        reject: (error) => {
          this.#finish(entry);
          reject(error);
        },
        timer: setTimeout(() => {
          entry.reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${describe}`));
        }, timeoutMs),
      };
      this.#pending.add(entry);
    });
  }

  /** Call after every state change. */
  notify(): void {
    for (const entry of [...this.#pending]) entry.check();
  }

  rejectAll(reason: string): void {
    for (const entry of [...this.#pending]) entry.reject(new Error(reason));
  }

  #finish(entry: Pending): void {
    clearTimeout(entry.timer);
    this.#pending.delete(entry);
  }
}
