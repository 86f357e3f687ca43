import { discordError } from "./errors.js";
import type { Failure, FailureMatch, HttpReply } from "./types.js";

interface Armed {
  match: FailureMatch;
  failure: Failure;
  remaining: number;
}

export interface RequestFacts {
  method: string;
  path: string;
  route: string | null;
  channelId: string | undefined;
}

function matches(match: FailureMatch, facts: RequestFacts): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== facts.method) return false;
  if (match.route !== undefined && match.route !== facts.route) return false;
  if (match.channelId !== undefined && match.channelId !== facts.channelId) return false;
  if (typeof match.path === "string" && match.path !== facts.path) return false;
  if (match.path instanceof RegExp && !match.path.test(facts.path)) return false;
  return true;
}

/** Failures armed by tests: the next N matching requests get a 429, a 5xx or a Discord error. */
export class FailureInjector {
  readonly #armed: Armed[] = [];

  arm(match: FailureMatch, failure: Failure, times: number): void {
    this.#armed.push({ match, failure, remaining: times });
  }

  clear(): void {
    this.#armed.length = 0;
  }

  /** Consumes one armed failure matching the request, if any. */
  take(facts: RequestFacts): Failure | undefined {
    const armed = this.#armed.find((a) => a.remaining > 0 && matches(a.match, facts));
    if (!armed) return undefined;
    armed.remaining -= 1;
    return armed.failure;
  }

  pending(): number {
    return this.#armed.reduce((sum, a) => sum + a.remaining, 0);
  }
}

/** The HTTP answer for a failure, with the headers @discordjs/rest reads. */
export function failureReply(failure: Failure, facts: RequestFacts): HttpReply {
  if (failure.kind === "server") {
    const status = failure.status ?? 500;
    return { status, body: { message: status === 502 ? "502: Bad Gateway" : "500: Internal Server Error", code: 0 } };
  }
  if (failure.kind === "discord") return discordError(failure.code, failure.status, failure.message);
  const retryAfter = failure.retryAfter ?? 0.2;
  const global = failure.global === true;
  const scope = global ? "global" : (failure.scope ?? "user");
  const headers: Record<string, string> = {
    "retry-after": String(retryAfter),
    "x-ratelimit-scope": scope,
  };
  if (global) {
    headers["x-ratelimit-global"] = "true";
  } else {
    headers["x-ratelimit-limit"] = "5";
    headers["x-ratelimit-remaining"] = "0";
    headers["x-ratelimit-reset"] = ((Date.now() / 1000) + retryAfter).toFixed(3);
    headers["x-ratelimit-reset-after"] = retryAfter.toFixed(3);
    headers["x-ratelimit-bucket"] = failure.bucket ?? bucketHash(facts.route ?? facts.path);
  }
  return {
    status: 429,
    headers,
    body: { message: "You are being rate limited.", retry_after: retryAfter, global },
  };
}

function bucketHash(route: string): string {
  let hash = 0;
  for (const char of route) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `fake${(hash >>> 0).toString(16)}`;
}
