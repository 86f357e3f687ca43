import { setTimeout as sleep } from "node:timers/promises";

/** At most `count` sends in any `windowMs`. */
export interface PacingRule {
  count: number;
  windowMs: number;
}

/** A platform's sending limits: per destination (channel) and across the whole bot. */
export interface Pacing {
  perDestination: PacingRule;
  global: PacingRule;
}

/** Discord: 5 messages per 5 s per channel, 50 requests per second in all. */
export const DISCORD_PACING: Pacing = {
  perDestination: { count: 5, windowMs: 5_000 },
  global: { count: 50, windowMs: 1_000 },
};

/** Slack: about one message per second per channel; Tier 4-ish overall. */
export const SLACK_PACING: Pacing = {
  perDestination: { count: 1, windowMs: 1_000 },
  global: { count: 50, windowMs: 1_000 },
};

class Window {
  private readonly times: number[] = [];
  constructor(private readonly rule: PacingRule) {}

  /** Milliseconds to wait before another send fits, 0 when it fits now. */
  waitAt(now: number): number {
    while (this.times.length > 0 && now - (this.times[0] ?? 0) >= this.rule.windowMs) this.times.shift();
    if (this.times.length < this.rule.count) return 0;
    return (this.times[0] ?? now) + this.rule.windowMs - now;
  }

  record(now: number): void {
    this.times.push(now);
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
