import { webApi } from "@slack/bolt";
import type { PublishResult } from "../../delivery/publisher.js";

/**
 * Slack error codes that mean this destination cannot take messages from us any more (channel
 * deleted, archived, the bot removed, the person's account deactivated): the destination is disabled.
 */
const DESTINATION_GONE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
]);

/**
 * Our own mistakes: the payload is wrong and sending it again cannot help. The rows die and the
 * error is logged as a bug.
 */
const BAD_PAYLOAD = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "no_text",
  "invalid_arguments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "too_many_attachments",
  "markdown_text_conflict",
  "invalid_payload",
]);

/**
 * The bot's credentials are wrong, revoked or missing a scope. Not the destination's fault, so it
 * stays enabled; the rows wait (the operator has to fix the token or reinstall the app).
 */
const CREDENTIALS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "not_allowed_token_type",
  "no_permission",
  "team_access_not_granted",
  "ekm_access_denied",
]);

const CREDENTIALS_WAIT_MS = 15 * 60_000;
const RATE_LIMIT_FALLBACK_MS = 60_000;

export type Classified = PublishResult & { ok: false; bug?: boolean };

/** Maps a Slack error code (Web API `error`, or an incoming webhook's body) to a publish result. */
export function classifyCode(code: string): Classified {
  if (DESTINATION_GONE.has(code)) return { ok: false, reason: code, permanent: true, destinationGone: true };
  if (BAD_PAYLOAD.has(code)) return { ok: false, reason: code, permanent: true, bug: true };
  if (CREDENTIALS.has(code)) return { ok: false, reason: `${code} (check SLACK_BOT_TOKEN and the app's scopes)`, permanent: false, retryAfterMs: CREDENTIALS_WAIT_MS };
  if (code === "ratelimited" || code === "rate_limited") return { ok: false, reason: code, permanent: false, retryAfterMs: RATE_LIMIT_FALLBACK_MS };
  return { ok: false, reason: code, permanent: false };
}

/**
 * Maps what @slack/web-api threw to a publish result. 429s were already waited out and retried by
 * the client (its retry policy); what reaches us here is a limit that outlasted the retries.
 */
export function classifyWebApiError(error: unknown): Classified {
  if (error instanceof webApi.WebAPIPlatformError) {
    const result = classifyCode(error.data.error);
    const details = error.data.response_metadata?.messages;
    return details === undefined || details.length === 0 ? result : { ...result, reason: `${result.reason}: ${details.join("; ")}` };
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, reason: "ratelimited", permanent: false, retryAfterMs: error.retryAfter * 1000 };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const reason = `HTTP ${error.statusCode}`;
    return error.statusCode >= 500 || error.statusCode === 408 ? { ok: false, reason, permanent: false } : { ok: false, reason, permanent: true, bug: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  const limited = /rate limit was exceeded.*retry-after: (\d+)/i.exec(message);
  if (limited !== null) return { ok: false, reason: "ratelimited", permanent: false, retryAfterMs: Number(limited[1]) * 1000 };
  if (error instanceof webApi.WebAPIRequestError) return { ok: false, reason: `network: ${error.original.message}`, permanent: false };
  return { ok: false, reason: message, permanent: false };
}
