import { setTimeout as sleep } from "node:timers/promises";
import type { SourceHttpSettings } from "./types.js";
import { PaperbotError } from "../errors.js";
import { VERSION } from "../version.js";

/** The bot names itself to the services it reads, as arXiv's terms ask. */
export const USER_AGENT = `paperbot/${VERSION} (self-hosted research-paper digest bot; node)`;

/**
 * How politely a source is read. arXiv asks for at most one request every 3 seconds; the same
 * spacing applies to retries. Tests shorten the intervals against the local fakes.
 */
export interface HttpPolicy {
  minIntervalMs: number;
  timeoutMs: number;
  /** Attempts after the first, for timeouts, 429, 5xx and unreadable bodies. */
  retries: number;
  /** The first backoff; each further retry doubles it. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the fetch fails and the next run tries again. */
  maxRetryAfterMs: number;
  userAgent: string;
}

export const DEFAULT_POLICY: Omit<HttpPolicy, "minIntervalMs"> = {
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
  maxRetryAfterMs: 120_000,
  userAgent: USER_AGENT,
};

/** The policy for a source's settings; the Retry-After cap and User-Agent are the bot's own. */
export function policyOf(settings: SourceHttpSettings): HttpPolicy {
  return { ...DEFAULT_POLICY, ...pick(settings) };
}

function pick({ minIntervalMs, timeoutMs, retries, backoffMs }: SourceHttpSettings): SourceHttpSettings {
  return { minIntervalMs, timeoutMs, retries, backoffMs };
}

/** A usable answer: 200 with a body the caller accepted, or 304 (unchanged since the ETag sent). */
export interface HttpAnswer {
  status: 200 | 304;
  etag: string | null;
  body: Buffer;
}

export interface GetOptions {
  headers?: Record<string, string>;
  /** Why a 200 body is unusable (an HTML page, a truncated feed), or null when it is fine. */
  check: (body: Buffer) => string | null;
  /** Names a 4xx answer's reason from its body (arXiv's error feed), when the service says one. */
  explain?: (body: string) => string | null;
}

/** Seconds or an HTTP date, as Retry-After may say; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * A GET client for one source: a request starts at least `minIntervalMs` after the previous
 * answer ended (retries included), each is bounded by a timeout, and transient failures — a timeout, a dropped
 * connection, 429 (waiting what Retry-After says), 5xx, a body the caller cannot read — are retried
 * with doubling backoff. Anything else, or running out of attempts, is one SOURCE_FAILED error.
 */
export class PoliteClient {
  private nextAt = 0;
  requests = 0;

  constructor(
    private readonly name: string,
    private readonly policy: HttpPolicy,
    private readonly signal?: AbortSignal,
  ) {}

  async get(url: string, options: GetOptions): Promise<HttpAnswer> {
    let reason = "no attempt made";
    for (let attempt = 0; attempt <= this.policy.retries; attempt += 1) {
      await this.pace();
      const backoff = this.policy.backoffMs * 2 ** attempt;
      const result = await this.once(url, options);
      // Spacing counts from the end of an answer, so the service never sees two requests closer.
      this.nextAt = Date.now() + this.policy.minIntervalMs;
      if ("answer" in result) return result.answer;
      reason = result.reason;
      if (result.permanent || attempt === this.policy.retries) break;
      const wait = result.retryAfter ?? backoff;
      if (wait > this.policy.maxRetryAfterMs) {
        reason = `${reason}; asked to wait ${Math.round(wait / 1000)} s, more than ${Math.round(this.policy.maxRetryAfterMs / 1000)} s`;
        break;
      }
      this.nextAt = Math.max(this.nextAt, Date.now() + wait);
    }
    throw new PaperbotError("SOURCE_FAILED", `${this.name}: ${reason}`, redactQuery(url));
  }

  private async pace(): Promise<void> {
    const wait = this.nextAt - Date.now();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, this.signal === undefined ? {} : { signal: this.signal });
      } catch {
        throw new PaperbotError("SOURCE_FAILED", `${this.name}: stopped`);
      }
    }
    if (this.signal?.aborted === true) throw new PaperbotError("SOURCE_FAILED", `${this.name}: stopped`);
    this.requests += 1;
  }

  private async once(
    url: string,
    options: GetOptions,
  ): Promise<{ answer: HttpAnswer } | { reason: string; permanent: boolean; retryAfter: number | null }> {
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    const signal = this.signal === undefined ? timeout : AbortSignal.any([timeout, this.signal]);
    let response: Response;
    let body: Buffer;
    try {
      response = await fetch(url, {
        headers: { "user-agent": this.policy.userAgent, ...options.headers },
        signal,
        redirect: "follow",
      });
      body = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      if (this.signal?.aborted === true) throw new PaperbotError("SOURCE_FAILED", `${this.name}: stopped`, redactQuery(url));
      const timedOut = timeout.aborted;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = timedOut ? `no answer within ${this.policy.timeoutMs / 1000} s` : `connection failed (${cause?.code ?? cause?.message ?? (error as Error).message})`;
      return { reason: detail, permanent: false, retryAfter: null };
    }
    const etag = response.headers.get("etag");
    if (response.status === 304) return { answer: { status: 304, etag, body } };
    if (response.status === 200) {
      const problem = options.check(body);
      return problem === null ? { answer: { status: 200, etag, body } } : { reason: problem, permanent: false, retryAfter: null };
    }
    const retryAfter = retryAfterMs(response.headers.get("retry-after"), Date.now());
    if (response.status === 429) return { reason: "HTTP 429 (rate limited)", permanent: false, retryAfter };
    if (response.status >= 500) return { reason: `HTTP ${response.status}`, permanent: false, retryAfter };
    const said = options.explain?.(body.toString("utf8")) ?? null;
    return { reason: `HTTP ${response.status}${said === null ? "" : `: ${said}`}`, permanent: true, retryAfter: null };
  }
}

/** URLs here carry no secrets, but keep error lines short: the path and query, capped. */
function redactQuery(url: string): string {
  return url.length > 200 ? `${url.slice(0, 197)}...` : url;
}
