/** Incoming webhooks (`POST /services/T/B/X`) and response URLs (`POST /response/:id`). */
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkBlocks, checkMessage } from "./blockKit.js";
import { storeMessage } from "./chatMethods.js";
import { boolArg, parseBody, readBody, sendJson, sendText, strArg } from "./httpUtil.js";
import type { SlackState } from "./state.js";
import type { JsonObject, RecordedResponse } from "./types.js";

/** Slack lets an app use a response_url at most 5 times. */
export const RESPONSE_URL_MAX_USES = 5;

async function readPayload(req: IncomingMessage): Promise<JsonObject | undefined> {
  try {
    const args = parseBody(req, await readBody(req));
    if (typeof args.payload !== "string") return args;
    const inner: unknown = JSON.parse(args.payload);
    return typeof inner === "object" && inner !== null && !Array.isArray(inner) ? (inner as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

function injected(state: SlackState, method: string, res: ServerResponse): boolean {
  const inj = state.takeInjection(method);
  if (inj === undefined) return false;
  if (inj.kind === "ratelimit") {
    res.writeHead(429, { "retry-after": String(inj.retryAfterSeconds), "content-type": "text/plain" });
    res.end("rate_limited");
  } else {
    sendText(res, inj.status, `fake upstream error ${inj.status}`);
  }
  return true;
}

const WEBHOOK_CHANNEL_ERRORS: Record<string, [number, string]> = {
  channel_not_found: [404, "channel_not_found"],
  is_archived: [410, "channel_is_archived"],
  not_in_channel: [403, "action_prohibited"],
};

export async function handleWebhook(
  state: SlackState,
  channel: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (injected(state, "webhook", res)) return;
  if (channel === undefined) return sendText(res, 404, "no_service");
  const body = await readPayload(req);
  if (body === undefined) return sendText(res, 400, "invalid_payload");
  const failure = state.channelFailures.get(channel);
  const mapped = failure === undefined ? undefined : WEBHOOK_CHANNEL_ERRORS[failure];
  if (mapped !== undefined) return sendText(res, mapped[0], mapped[1]);
  const check = checkMessage({ text: strArg(body.text), blocks: body.blocks, attachments: body.attachments });
  if (!check.ok) return sendText(res, 400, check.error === "invalid_blocks_format" ? "invalid_blocks" : check.error);
  const blocks = Array.isArray(body.blocks) ? (body.blocks as JsonObject[]) : undefined;
  storeMessage(state, channel, body, { blocks, metadata: undefined, warnings: check.warnings }, "webhook");
  sendText(res, 200, "ok");
}

function validateResponse(body: JsonObject): { status: number; error: string | undefined; warnings: string[] } {
  if (boolArg(body.delete_original) === true) return { status: 200, error: undefined, warnings: [] };
  const check = checkMessage({ text: strArg(body.text), blocks: body.blocks, attachments: body.attachments });
  if (check.ok) return { status: 200, error: undefined, warnings: check.warnings };
  return { status: 400, error: check.error === "invalid_blocks_format" ? "invalid_blocks" : check.error, warnings: [] };
}

export async function handleResponseUrl(
  state: SlackState,
  id: string,
  url: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (injected(state, "response_url", res)) return;
  const body = (await readPayload(req)) ?? {};
  const uses = state.responseUrlUses.get(id);
  let status: number;
  let error: string | undefined;
  let warnings: string[] = [];
  if (uses === undefined) [status, error] = [404, "expired_url"];
  else if (uses >= RESPONSE_URL_MAX_USES) [status, error] = [404, "used_url"];
  else ({ status, error, warnings } = validateResponse(body));
  if (uses !== undefined && status === 200) state.responseUrlUses.set(id, uses + 1);
  const responseType = strArg(body.response_type);
  const record: RecordedResponse = {
    id,
    url,
    response_type: responseType === "in_channel" || responseType === "ephemeral" ? responseType : undefined,
    replace_original: boolArg(body.replace_original),
    delete_original: boolArg(body.delete_original),
    text: strArg(body.text),
    blocks: Array.isArray(body.blocks) ? (body.blocks as JsonObject[]) : undefined,
    thread_ts: strArg(body.thread_ts),
    status,
    error,
    warnings,
    body,
  };
  state.responses.push(record);
  if (error !== undefined) {
    const errors = error === "invalid_blocks" ? checkBlocks(body.blocks) : undefined;
    sendJson(res, status, { ok: false, error, ...(errors === undefined ? {} : { errors }) });
  } else {
    sendJson(res, 200, { ok: true });
  }
}
