import { pino, type DestinationStream, type Level } from "pino";
import { redact, type Redaction } from "./redact.js";

export { redact, type Redaction } from "./redact.js";

/** Extra facts of a log line: fields of the JSON object, `key=value` pairs in the human format. */
export type LogFields = Record<string, unknown>;

/**
 * A line logger. Every module logs through one, so the format (human or JSON), the level and the
 * redaction of secrets are decided once, at the composition root.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
/** `human`: `time level message key=value`, for a terminal; `json`: one pino object per line, for collectors. */
export type LogFormat = "human" | "json";

const SECRET_KEY = /token|secret|password|authorization|cookie/i;

/** Fields made safe to write: secrets redacted in strings, secret-named keys blanked, errors as their message. */
function redactFields(value: unknown, secrets: readonly string[], redactions: readonly Redaction[], depth = 0): unknown {
  if (typeof value === "string") return redact(value, secrets, redactions);
  if (value instanceof Error) return { message: redact(value.message, secrets, redactions), ...("code" in value ? { code: value.code } : {}) };
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, secrets, redactions, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redactFields(v, secrets, redactions, depth + 1)]),
  );
}

/** Keys pino writes itself; the human format shows the rest as `key=value`. */
const OWN_KEYS = new Set(["level", "time", "msg", "pid", "hostname"]);

function humanValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** One pino JSON line → `2026-01-02T03:04:05.000Z info  message key=value`. */
export function humanLine(json: string): string {
  const entry = JSON.parse(json) as Record<string, unknown>;
  const level = String(entry["level"] ?? "info");
  const extra = Object.entries(entry)
    .filter(([key]) => !OWN_KEYS.has(key))
    .map(([key, value]) => ` ${key}=${humanValue(value)}`)
    .join("");
  return `${String(entry["time"])} ${level.padEnd(5)} ${String(entry["msg"] ?? "")}${extra}\n`;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values never written, wherever they appear: tokens and signing secrets from the config. */
  secrets: readonly string[];
  /** Credential shapes the platforms declare, redacted even before the secret itself is known. */
  redactions?: readonly Redaction[];
  format?: LogFormat;
  clock?: () => Date;
}

/** A pino logger writing through `write` (stderr in the CLI), in the human format unless `format` is `json`. */
export function createLogger(write: (line: string) => void, options: LoggerOptions): Logger {
  const clock = options.clock ?? (() => new Date());
  const json = options.format === "json";
  const stream: DestinationStream = { write: (line: string) => write(json ? line : humanLine(line)) };
  const base = pino(
    {
      level: options.level,
      base: json ? { pid: process.pid } : null,
      timestamp: () => `,"time":"${clock().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  const emit = (level: Level) => (message: string, fields?: LogFields): void => {
    if (!base.isLevelEnabled(level)) return;
    const redactions = options.redactions ?? [];
    const text = redact(message, options.secrets, redactions);
    if (fields === undefined) base[level](text);
    else base[level](redactFields(fields, options.secrets, redactions) as object, text);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Strips terminal colour codes that libraries put in their own log lines. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
