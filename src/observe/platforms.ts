/** Where a platform's connection stands, as health checks and metrics report it. */
export type ConnectionState = "connecting" | "connected" | "retrying" | "stopped";

export interface PlatformStatus {
  state: ConnectionState;
  /** Why it is not connected (the last error), when it is not. */
  reason: string | null;
  since: Date;
}

/**
 * The connection state of every configured platform, written by the code that connects them and
 * read by `/healthz` and `/metrics`. A platform is healthy only once connected.
 */
export class PlatformStates {
  readonly #states = new Map<string, PlatformStatus>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  set(platform: string, state: ConnectionState, reason: string | null = null): void {
    this.#states.set(platform, { state, reason, since: this.now() });
  }

  get(platform: string): PlatformStatus | undefined {
    return this.#states.get(platform);
  }

  all(): [string, PlatformStatus][] {
    return [...this.#states.entries()];
  }

  /** Why the bot is not fully connected: one line per platform that is not, empty when all are. */
  problems(): string[] {
    return this.all()
      .filter(([, s]) => s.state !== "connected")
      .map(([name, s]) => `${name} ${s.state}${s.reason === null ? "" : `: ${s.reason}`}`);
  }
}
