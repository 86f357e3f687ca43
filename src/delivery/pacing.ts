import { setTimeout as sleep } from "node:timers/promises";

/** At most `count` sends in any `windowMs`. */
export interface PacingRule {
  count: number;
  windowMs: number;
  /**
   * Also keep sends `windowMs / count` apart instead of letting `count` go at once. For a limit
   * shared by many channels: a burst of 50 requests leaves the client bunched, and bunched requests
   * reach the platform closer together than they were paced (measured in bench/delivery.ts).
   */
  spread?: boolean;
  /**
   * A send counts against the window for `windowMs + marginMs`: the platform measures when a request
   * arrives, which is a little after it was paced (up to tens of ms on a busy process, measured in
   * bench/delivery.ts), so a send paced exactly one window after another can arrive just inside it.
   */
  marginMs?: number;
}

/** A platform's sending limits: per destination (channel) and across the whole bot. */
export interface Pacing {
  perDestination: PacingRule;
  global: PacingRule;
}

class Window {
  private readonly times: number[] = [];
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly rule: PacingRule) {}

  /** Milliseconds to wait before another send fits, 0 when it fits now. */
  waitAt(now: number): number {
    const span = this.rule.windowMs + (this.rule.marginMs ?? 0);
    while (this.times.length > 0 && now - (this.times[0] ?? 0) >= span) this.times.shift();
    const spacing = this.rule.spread === true ? this.last + this.rule.windowMs / this.rule.count - now : 0;
    const full = this.times.length < this.rule.count ? 0 : (this.times[0] ?? now) + span - now;
    return Math.max(0, spacing, full);
  }

  record(now: number): void {
    this.times.push(now);
    this.last = now;
  }

  /** The latest send finished at `now`: from here on it counts from then (never earlier). */
  finish(now: number): void {
    const latest = this.times.length - 1;
    if (latest < 0) return;
    this.times[latest] = Math.max(this.times[latest] ?? now, now);
    this.last = Math.max(this.last, now);
  }
}

/**
 * Paces sends so that normal runs never meet a 429: a sliding window per destination and one
 * for the whole platform. `acquire` resolves when a send may go out and records it.
 */
export class Pacer {
  private readonly perKey = new Map<string, Window>();
  private readonly global: Window;

  constructor(
    private readonly pacing: Pacing,
    private readonly clock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {
    this.global = new Window(pacing.global);
  }

  /**
   * Paces one send to `key` and runs it; the destination's window then counts the send from when it
   * finished. The platform counts a request when it arrives, which on a busy process can be most of
   * a second after it was paced; it has always arrived by the time its answer is back, so the next
   * send to the same destination, a window after that answer, can never land inside its window.
   */
  async send<T>(key: string, send: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await send();
    } finally {
      this.perKey.get(key)?.finish(this.clock());
    }
  }

  /** Check and record happen in one synchronous step, so concurrent callers never overshoot. */
  async acquire(key: string): Promise<void> {
    let window = this.perKey.get(key);
    if (window === undefined) {
      window = new Window(this.pacing.perDestination);
      this.perKey.set(key, window);
    }
    for (;;) {
      const now = this.clock();
      const delay = Math.max(window.waitAt(now), this.global.waitAt(now));
      if (delay <= 0) {
        window.record(now);
        this.global.record(now);
        return;
      }
      await this.wait(delay);
    }
  }
}
