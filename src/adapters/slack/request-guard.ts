import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { HTTPModuleFunctions, isValidSlackRequest, type HTTPReceiver } from "@slack/bolt";
import type { Logger } from "../../log.js";

/** Slack's window for a signed request: bolt rejects older ones, this guard rejects later ones. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;
/** Signatures remembered at most (only correctly signed requests are remembered, so this is generous). */
const MAX_REMEMBERED = 50_000;

/**
 * Remembers the signatures of accepted requests until they would be stale anyway, so a captured
 * request replayed within the window is refused rather than run twice.
 */
export class SignatureMemory {
  private readonly expiries = new Map<string, number>();

  /** True the first time a signature is seen within its window; false for a replay. */
  remember(signature: string, timestampSec: number, nowSec: number): boolean {
    this.forgetExpired(nowSec);
    if (this.expiries.has(signature)) return false;
    if (this.expiries.size >= MAX_REMEMBERED) {
      const oldest = this.expiries.keys().next();
      if (oldest.done !== true) this.expiries.delete(oldest.value);
    }
    this.expiries.set(signature, timestampSec + SIGNATURE_WINDOW_SECONDS);
    return true;
  }

  private forgetExpired(nowSec: number): void {
    for (const [signature, expiry] of this.expiries) {
      if (expiry >= nowSec) continue;
      this.expiries.delete(signature);
    }
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

/** Why a correctly signed request is still refused, or null when it may run. */
export function refusal(
  req: { signature: string; timestampSec: number },
  nowSec: number,
  memory: SignatureMemory,
): string | null {
  if (req.timestampSec > nowSec + SIGNATURE_WINDOW_SECONDS) return "its timestamp is more than 5 minutes in the future";
  if (!memory.remember(req.signature, req.timestampSec, nowSec)) return "it replays a request already received";
  return null;
}

/**
 * Puts a check in front of bolt's HTTP receiver: bolt verifies the signature and refuses stale
 * timestamps, but accepts a timestamp from the future and the same signed request twice. Here a
 * correctly signed request is refused (401, one log line) when its timestamp is more than five
 * minutes ahead or its signature was already seen within the window. Anything else, including a bad
 * signature, goes on to bolt, which answers it as before.
 */
export function guardSignedRequests(
  receiver: HTTPReceiver,
  options: { signingSecret: string; log: Logger; nowMs?: () => number },
): void {
  const inner: RequestListener = receiver.requestListener;
  const memory = new SignatureMemory();
  const nowMs = options.nowMs ?? Date.now;
  const check = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const signature = header(req, "x-slack-signature");
    const timestamp = header(req, "x-slack-request-timestamp");
    if (req.method !== "POST" || signature === null || timestamp === null) return void inner(req, res);
    const buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
    const timestampSec = Number(timestamp);
    const signed = isValidSlackRequest({
      signingSecret: options.signingSecret,
      body: buffered.rawBody.toString(),
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestampSec },
    });
    const why = signed ? refusal({ signature, timestampSec }, Math.floor(nowMs() / 1000), memory) : null;
    if (why === null) return void inner(buffered, res);
    options.log.warn(`slack: refused a signed request to ${req.url ?? "/"}: ${why}`);
    res.writeHead(401).end();
  };
  receiver.requestListener = (req, res) => {
    check(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400).end();
    });
  };
}
