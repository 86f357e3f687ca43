/*
 * The kinds of environment value paperbot and the platform modules read, declared as data so the
 * configuration can be read without a schema library when every value is plainly valid (see
 * `config/quick.ts`); `config/env-schemas.ts` turns each kind into its zod schema, which is what
 * decides and words every problem. An empty (or blank) value counts as unset.
 */

/** A kind of environment value: what its schema accepts and what it yields. */
export type EnvKind = "string" | "url" | "port" | "flag" | "host" | { readonly oneOf: readonly [string, ...string[]] };

/** The value an environment variable of a kind yields. */
export type EnvValueOf<K extends EnvKind> = K extends "port"
  ? number
  : K extends "flag"
    ? boolean
    : K extends { readonly oneOf: readonly (infer V)[] }
      ? V
      : string;

/** A host name or IP address to listen on: no scheme, no port, no spaces. */
export const HOST_PATTERN = /^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?)$/u;
export const HOST_HINT = "a host name or an IP address, like 127.0.0.1 or 0.0.0.0";

const FLAGS = new Map([
  ["true", true],
  ["1", true],
  ["yes", true],
  ["on", true],
  ["false", false],
  ["0", false],
  ["no", false],
  ["off", false],
]);

/**
 * A value read without the schema when it is unset or plainly valid, yielding exactly what the
 * schema would; null when only the schema can say (a value it may refuse or word a problem about).
 */
export function plainEnvValue(kind: EnvKind, raw: string | undefined): { value: unknown } | null {
  if (raw === undefined || raw.trim() === "") return { value: undefined };
  const trimmed = raw.trim();
  if (kind === "string") return { value: trimmed };
  if (kind === "host") return HOST_PATTERN.test(trimmed) ? { value: trimmed } : null;
  if (kind === "url") return !/[\t\n\r]/u.test(trimmed) && URL.canParse(trimmed) ? { value: trimmed } : null;
  if (kind === "port") return /^[0-9]{1,5}$/u.test(raw) && Number(raw) <= 65535 ? { value: Number(raw) } : null;
  if (kind === "flag") return FLAGS.has(raw) ? { value: FLAGS.get(raw) } : null;
  return kind.oneOf.includes(raw) ? { value: raw } : null;
}

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
