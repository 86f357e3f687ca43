/** An append-only list that tests can wait on. */

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const w of [...this.waiters]) {
      if (!w.predicate(item)) continue;
      clearTimeout(w.timer);
      this.waiters.delete(w);
      w.resolve(item);
    }
  }

  /** Resolves with the first item (already recorded or future) matching `predicate`. */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const existing = this.items.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.items.length === 0 ? "none" : JSON.stringify(this.items.slice(-5), null, 1);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last recorded: ${seen}`));
        }, timeoutMs),
      };
      waiter.timer.unref();
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter (used on close). */
  cancelWaiters(reason: string): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(reason));
    }
    this.waiters.clear();
  }

  clear(): void {
    this.items.length = 0;
  }
}
