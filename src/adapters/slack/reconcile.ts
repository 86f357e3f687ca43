import type { webApi } from "@slack/bolt";
import { classifyWebApiError } from "./errors.js";

/** The event type recorded in each digest message's metadata, so a reconciliation can find it. */
export const DIGEST_EVENT_TYPE = "paperbot_digest";

/** What each digest message carries in its metadata: which digest (idempotency key) and which part. */
export interface DigestMeta {
  key: string;
  part: number;
  parts: number;
}

/**
 * How far back a reconciliation reads. A resumed digest was in flight when the process died, and
 * it is the first thing sent to its destination after the restart, so its parts (if any reached
 * Slack) are among the newest messages of the conversation: a day of history and a few pages
 * cover any restart that is not days late in a busy channel.
 */
export interface ReconcileOptions {
  lookbackMs: number;
  pageSize: number;
  maxPages: number;
  now: () => number;
}

export const DEFAULT_RECONCILE: ReconcileOptions = { lookbackMs: 24 * 60 * 60_000, pageSize: 100, maxPages: 3, now: Date.now };

/** Parts of one digest found in history (part index → message ts), or why history could not be read. */
export type Reconciled = { ok: true; posted: Map<number, string> } | { ok: false; reason: string };

function digestPart(message: unknown, key: string): { part: number; ts: string } | null {
  const m = message as { ts?: unknown; metadata?: { event_type?: unknown; event_payload?: Partial<Record<keyof DigestMeta, unknown>> } };
  const payload = m.metadata?.event_payload;
  if (m.metadata?.event_type !== DIGEST_EVENT_TYPE || payload?.key !== key) return null;
  if (typeof payload.part !== "number" || !Number.isInteger(payload.part) || typeof m.ts !== "string") return null;
  return { part: payload.part, ts: m.ts };
}

/**
 * Reads a conversation's recent history (with message metadata) and returns which parts of the
 * digest `key` are already there. Stops as soon as all `parts` were found. Needs the history scope
 * of the conversation type (channels:history, groups:history, im:history, mpim:history) and, for
 * channels, the bot being a member; without them Slack answers missing_scope or not_in_channel.
 */
export async function postedParts(
  client: webApi.WebClient,
  channel: string,
  key: string,
  parts: number,
  options: ReconcileOptions = DEFAULT_RECONCILE,
): Promise<Reconciled> {
  const posted = new Map<number, string>();
  const oldest = ((options.now() - options.lookbackMs) / 1000).toFixed(6);
  let cursor: string | undefined;
  try {
    for (let page = 0; page < options.maxPages; page += 1) {
      const response = await client.conversations.history({
        channel,
        include_all_metadata: true,
        limit: options.pageSize,
        oldest,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const message of response.messages ?? []) {
        const found = digestPart(message, key);
        if (found !== null && found.part >= 0 && found.part < parts && !posted.has(found.part)) posted.set(found.part, found.ts);
      }
      cursor = response.response_metadata?.next_cursor;
      if (posted.size >= parts || response.has_more !== true || cursor === undefined || cursor === "") break;
    }
  } catch (error) {
    return { ok: false, reason: classifyWebApiError(error).reason };
  }
  return { ok: true, posted };
}

/** The part number of a digest's header message when the digest goes in a thread. */
export const HEADER_PART = -1;

/**
 * A threaded digest interrupted by a crash: its header (found in channel history by its metadata)
 * and the parts already among the header's replies. No header found: nothing was posted.
 */
export async function postedThreadParts(
  client: webApi.WebClient,
  channel: string,
  key: string,
  parts: number,
  options: ReconcileOptions = DEFAULT_RECONCILE,
): Promise<{ ok: true; header: string | null; posted: Map<number, string> } | { ok: false; reason: string }> {
  const oldest = ((options.now() - options.lookbackMs) / 1000).toFixed(6);
  let header: string | null = null;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < options.maxPages && header === null; page += 1) {
      const response = await client.conversations.history({ channel, include_all_metadata: true, limit: options.pageSize, oldest, ...(cursor === undefined ? {} : { cursor }) });
      header = (response.messages ?? []).map((m) => digestPart(m, key)).find((p) => p?.part === HEADER_PART)?.ts ?? null;
      cursor = response.response_metadata?.next_cursor;
      if (response.has_more !== true || cursor === undefined || cursor === "") break;
    }
    const posted = new Map<number, string>();
    if (header === null) return { ok: true, header, posted };
    cursor = undefined;
    for (let page = 0; page < options.maxPages; page += 1) {
      const response = await client.conversations.replies({ channel, ts: header, include_all_metadata: true, limit: options.pageSize, ...(cursor === undefined ? {} : { cursor }) });
      for (const message of response.messages ?? []) {
        const found = digestPart(message, key);
        if (found !== null && found.part >= 0 && found.part < parts && !posted.has(found.part)) posted.set(found.part, found.ts);
      }
      cursor = response.response_metadata?.next_cursor;
      if (posted.size >= parts || response.has_more !== true || cursor === undefined || cursor === "") break;
    }
    return { ok: true, header, posted };
  } catch (error) {
    return { ok: false, reason: classifyWebApiError(error).reason };
  }
}
