/** Small HTTP helpers for the fake Slack server. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JsonObject } from "./types.js";

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class BadRequestBody extends Error {}

/**
 * Decodes a request body the way Slack does: JSON (`application/json`) or form-encoded
 * (`application/x-www-form-urlencoded`), merged over the query string.
 */
export function parseBody(req: IncomingMessage, raw: string): JsonObject {
  const url = new URL(req.url ?? "/", "http://fake.local");
  const args: JsonObject = Object.fromEntries(url.searchParams.entries());
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (raw.length === 0) return args;
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BadRequestBody("invalid_json");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new BadRequestBody("invalid_json");
    return { ...args, ...(parsed as JsonObject) };
  }
  for (const [k, v] of new URLSearchParams(raw).entries()) args[k] = v;
  return args;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** A form-encoded argument may carry JSON (`blocks=[...]`); JSON bodies carry it natively. */
export function decodeJsonArg(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== "string") return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

/** Slack accepts `true`, `1`, `"true"`, `"1"` for booleans. */
export function boolArg(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  return value === "true" || value === "1";
}

export function strArg(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : String(value);
}

/** `users` may be `"U1,U2"` or `["U1","U2"]`. */
export function listArg(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const s = strArg(value);
  return s === undefined || s === "" ? [] : s.split(",").map((x) => x.trim()).filter((x) => x.length > 0);
}
