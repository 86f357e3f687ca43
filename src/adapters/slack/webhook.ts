import type { Classified } from "./errors.js";
import { classifyCode } from "./errors.js";

/** What an incoming webhook answers with when the hook, its channel or its workspace is gone. */
const GONE_BODIES = new Set([
  "no_service",
  "no_service_id",
  "no_team",
  "no_active_hooks",
  "invalid_token",
  "team_disabled",
  "channel_not_found",
  "channel_is_archived",
  "action_prohibited",
  "posting_to_general_channel_denied",
  "user_not_found",
]);

export interface WebhookOptions {
  /** Longest Retry-After waited out in-line (once) before reporting the 429 to the worker. */
  maxRateLimitWaitMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  maxRateLimitWaitMs: 30_000,
  timeoutMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

type Outcome = { ok: true } | Classified;

function retryAfterMs(response: Response): number {
  const seconds = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

async function postOnce(url: string, payload: object, timeoutMs: number): Promise<Outcome | { limited: number }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, reason: `network: ${error instanceof Error ? error.message : String(error)}`, permanent: false };
  }
  const body = (await response.text().catch(() => "")).trim().slice(0, 200);
  if (response.ok) return { ok: true };
  if (response.status === 429) return { limited: retryAfterMs(response) };
  if (GONE_BODIES.has(body) || [403, 404, 410].includes(response.status)) {
    return { ok: false, reason: `webhook ${body || `HTTP ${response.status}`}`, permanent: true, destinationGone: true };
  }
  if (response.status >= 500) return { ok: false, reason: `webhook HTTP ${response.status}`, permanent: false };
  const classified = classifyCode(body || `HTTP ${response.status}`);
  return { ...classified, permanent: true, bug: true, reason: `webhook ${classified.reason}` };
}

/**
 * POSTs one message to a Slack incoming webhook (token-less; the URL is the secret, so it never
 * appears in a reason). A short Retry-After is waited out once; a longer one goes back to the worker.
 */
export async function postToWebhook(url: string, payload: object, options: WebhookOptions): Promise<Outcome> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: "webhook address is not an http(s) URL", permanent: true, destinationGone: true };
  const first = await postOnce(url, payload, options.timeoutMs);
  if (!("limited" in first)) return first;
  if (first.limited <= options.maxRateLimitWaitMs) {
    await options.sleep(first.limited);
    const second = await postOnce(url, payload, options.timeoutMs);
    if (!("limited" in second)) return second;
    return { ok: false, reason: "webhook rate limited", permanent: false, retryAfterMs: second.limited };
  }
  return { ok: false, reason: "webhook rate limited", permanent: false, retryAfterMs: first.limited };
}
