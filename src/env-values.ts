import { z } from "zod";

/*
 * Schemas for environment values, shared by config/ and the platform modules that declare their
 * variables. An empty (or blank) value counts as unset.
 */

const emptyIsUnset = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const envString = z.preprocess(emptyIsUnset, z.string().trim().min(1).optional());
export const envPort = z.preprocess(emptyIsUnset, z.coerce.number().int("a whole number").min(0).max(65535).optional());
export const envUrl = z.preprocess(emptyIsUnset, z.url().optional());

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
