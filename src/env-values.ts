import { z } from "zod";

/*
 * Schemas for environment values, shared by config/ and the platform modules that declare their
 * variables. An empty (or blank) value counts as unset.
 */

const emptyIsUnset = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const envString = z.preprocess(emptyIsUnset, z.string().trim().min(1).optional());
export const envPort = z.preprocess(emptyIsUnset, z.coerce.number().int("a whole number").min(0).max(65535).optional());
export const envUrl = z.preprocess(emptyIsUnset, z.url().optional());
/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`); never "any non-empty string is true". */
export const envFlag = z.preprocess(emptyIsUnset, z.union([z.boolean(), z.stringbool()]).optional());
/** A host name or IP address to listen on: no scheme, no port, no spaces. */
export const hostSchema = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?)$/u, "a host name or an IP address, like 127.0.0.1 or 0.0.0.0");
export const envHost = z.preprocess(emptyIsUnset, hostSchema.optional());

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Whether a URL is one a webhook may be: https, or plain http to this machine (local test servers).
 * Null when fine, else the reason.
 */
export function webhookTransportProblem(url: URL): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  return "a webhook URL must use https";
}
