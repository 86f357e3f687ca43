import { isPaperbotError } from "./errors.js";
import type { Logger } from "./log.js";
import type { PlatformStates } from "./observe/platforms.js";

/** What the supervisor needs of a platform adapter: a name and a start that throws when it cannot connect. */
export interface Connectable {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One platform to keep connected; `make` builds a fresh adapter for each attempt. */
export interface Supervised<T extends Connectable> {
  /** The platform's name in health checks and metrics (`discord`, `slack`). */
  key: string;
  make(): T;
}

export interface SupervisorOptions<T extends Connectable> {
  log: Logger;
  states: PlatformStates;
  /** An adapter just connected: its publisher may join delivery now. */
  connected(adapter: T): void;
  /** A refusal that came after start() returned (a token revoked while retrying): the bot must stop. */
  fatal(error: unknown): void;
  /** First retry after this long, doubling up to capMs; jittered by ±25 %. */
  backoff?: { firstMs: number; capMs: number };
  /** How long start() waits for first attempts before letting the scheduler run without them. */
  graceMs?: number;
  random?: () => number;
}

const DEFAULT_BACKOFF = { firstMs: 2_000, capMs: 5 * 60_000 };
const DEFAULT_GRACE_MS = 15_000;
const STOP_WAIT_MS = 3_000;

/**
 * A start failure that retrying cannot fix: a refused token or an unusable setting. Everything
 * else (DNS failure, refused connection, 5xx, timeout) is worth another try.
 */
export function isFatalStart(error: unknown): boolean {
  return isPaperbotError(error) && (error.code === "PLATFORM_REFUSED" || error.code === "CONFIG_INVALID");
}

function oneLine(error: unknown): string {
  const text = isPaperbotError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ");
}

/**
 * Connects the chat platforms and keeps trying those that cannot be reached, with capped
 * exponential backoff, while the rest of the bot runs. Only a refused token stops the start.
 */
export class PlatformSupervisor<T extends Connectable> {
  readonly #running: T[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #attempts = new Set<Promise<void>>();
  #stopped = false;

  constructor(private readonly options: SupervisorOptions<T>) {}

  /**
   * First attempts, side by side. Resolves once each platform has connected or failed once (its
   * retries go on in the background), or after the grace period; throws a refusal from this period.
   */
  async start(platforms: readonly Supervised<T>[]): Promise<void> {
    let refused: unknown = null;
    const first = platforms.map((p) =>
      this.#track(this.#attempt(p, 1)).catch((error: unknown) => {
        refused ??= error;
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.graceMs ?? DEFAULT_GRACE_MS);
    });
    let settled = false;
    await Promise.race([Promise.all(first).then(() => (settled = true)), grace]);
    clearTimeout(timer);
    if (refused !== null) throw refused;
    if (!settled) {
      // Still trying: a refusal from here on stops the running bot instead.
      void Promise.all(first).then(() => {
        if (refused !== null && !this.#stopped) this.options.fatal(refused);
      });
    }
  }

  /** Platforms connected so far. */
  get running(): readonly T[] {
    return this.#running;
  }

  /** Cancels pending retries, waits for attempts in progress, then stops every connected adapter. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    // An attempt sitting in a library's own retries is not waited out: if it connects later, it is stopped then.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.#attempts]), new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    for (const adapter of this.#running.splice(0).reverse()) {
      await adapter.stop().catch((error: unknown) => this.options.log.warn(`${adapter.name} stop failed: ${oneLine(error)}`));
    }
  }

  #track(attempt: Promise<void>): Promise<void> {
    this.#attempts.add(attempt);
    return attempt.finally(() => this.#attempts.delete(attempt));
  }

  async #attempt(platform: Supervised<T>, attempt: number): Promise<void> {
    if (this.#stopped) return;
    const { log, states } = this.options;
    const adapter = platform.make();
    if (attempt === 1) states.set(platform.key, "connecting");
    try {
      await adapter.start();
    } catch (error) {
      if (isFatalStart(error)) {
        states.set(platform.key, "stopped", oneLine(error));
        throw error;
      }
      if (this.#stopped) return;
      const delay = this.#delay(attempt);
      states.set(platform.key, "retrying", oneLine(error));
      const wait = delay < 10_000 ? (delay / 1000).toFixed(1) : String(Math.round(delay / 1000));
      log.warn(`${adapter.name} unreachable: ${oneLine(error)}; retrying in ${wait} s`, { platform: platform.key, attempt });
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        void this.#track(this.#attempt(platform, attempt + 1)).catch((later: unknown) => {
          if (!this.#stopped) this.options.fatal(later);
        });
      }, delay);
      this.#timers.add(timer);
      return;
    }
    if (this.#stopped) {
      await adapter.stop().catch((error: unknown) => log.debug(`${adapter.name} stop after a late connect failed: ${oneLine(error)}`));
      return;
    }
    this.#running.push(adapter);
    states.set(platform.key, "connected");
    log.info(`${adapter.name} connected${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
    this.options.connected(adapter);
  }

  #delay(attempt: number): number {
    const { firstMs, capMs } = this.options.backoff ?? DEFAULT_BACKOFF;
    const base = Math.min(capMs, firstMs * 2 ** (attempt - 1));
    const jitter = 0.75 + (this.options.random ?? Math.random)() * 0.5;
    return Math.round(base * jitter);
  }
}
