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
