/** A line logger. Secrets handed to createLogger are replaced by `[redacted]` wherever they appear. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A credential shape (a token format, the secret part of a webhook URL) and what replaces it. */
export interface Redaction {
  pattern: RegExp;
  replacement: string;
}

/**
 * Replaces every occurrence of each secret, and of each credential shape the platforms declare
 * (tokens a library might echo before the secret itself is known), in text.
 */
export function redact(text: string, secrets: readonly string[], redactions: readonly Redaction[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  for (const { pattern, replacement } of redactions) out = out.replace(pattern, replacement);
  return out;
}

export function createLogger(
  write: (line: string) => void,
  options: { level: LogLevel; secrets: readonly string[]; redactions?: readonly Redaction[]; clock?: () => Date },
): Logger {
  const clock = options.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string): void => {
    if (ORDER[level] < ORDER[options.level]) return;
    write(`${clock().toISOString()} ${level.padEnd(5)} ${redact(message, options.secrets, options.redactions)}\n`);
  };
  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
