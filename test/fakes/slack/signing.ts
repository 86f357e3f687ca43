/**
 * Signed requests to an app's HTTP endpoint (bolt's `/slack/events`), exactly as Slack signs them:
 * `X-Slack-Signature: v0=` + hex HMAC-SHA256(signingSecret, `v0:{timestamp}:{rawBody}`).
 */
import { createHmac } from "node:crypto";
import { request, type IncomingHttpHeaders } from "node:http";
import type { JsonObject, SlashCommandFields } from "./types.js";

export interface SignOptions {
  /** Unix seconds put in `X-Slack-Request-Timestamp` (default now). Use `staleTimestamp()` for a replay. */
  timestamp?: number;
  /** Overrides the computed `X-Slack-Signature` header (e.g. `"v0=deadbeef"`). */
  signature?: string;
  /** Sign with this secret instead (produces a well-formed but wrong signature). */
  signWithSecret?: string;
  /** Send no signature/timestamp headers at all. */
  unsigned?: boolean;
  /** Extra headers, e.g. `{"x-slack-retry-num": "1"}`. */
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The request body that was sent. */
  sentBody: string;
}

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A timestamp older than bolt's 5-minute window. */
export function staleTimestamp(): number {
  return nowSeconds() - 6 * 60;
}

/** POSTs a form-encoded body with Slack's signature headers; uses a fresh connection (no keep-alive). */
export function signedPost(url: string, signingSecret: string, body: string, opts: SignOptions = {}): Promise<SignedResponse> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const headers: Record<string, string | number> = {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": Buffer.byteLength(body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    ...opts.headers,
  };
  if (opts.unsigned !== true) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = opts.signature ?? slackSignature(opts.signWithSecret ?? signingSecret, timestamp, body);
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), sentBody: body }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function formEncode(fields: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, String(v));
  return params.toString();
}

/**
 * Sends a signed slash command (form-encoded, as Slack does) to e.g. `http://127.0.0.1:PORT/slack/events`.
 * `fields` must contain a `response_url`; build complete fields with `fake.slashCommand({...})`.
 */
export function signedSlashCommand(
  url: string,
  signingSecret: string,
  fields: Partial<SlashCommandFields>,
  opts: SignOptions = {},
): Promise<SignedResponse> {
  if (fields.response_url === undefined) {
    throw new Error("signedSlashCommand: fields.response_url is required (use fake.slashCommand() or fake.newResponseUrl())");
  }
  return signedPost(url, signingSecret, formEncode({ command: "/papers", ...fields }), opts);
}

/** Sends a signed interactive payload (`payload=<json>`), e.g. built with `fake.blockAction({...})`. */
export function signedBlockAction(
  url: string,
  signingSecret: string,
  payload: JsonObject,
  opts: SignOptions = {},
): Promise<SignedResponse> {
  return signedPost(url, signingSecret, formEncode({ payload: JSON.stringify(payload) }), opts);
}
