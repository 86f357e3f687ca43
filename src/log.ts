/** A line logger. Secrets handed to createLogger are replaced by `[redacted]` wherever they appear. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Replaces every occurrence of each secret (and of Slack/Discord-looking tokens) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out
    .replace(/\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{8,}/g, "[redacted]")
    .replace(/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, "[redacted]")
    .replace(/(https:\/\/(?:discord(?:app)?\.com|[^/\s]+)\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]+/g, "$1[redacted]")
    .replace(/(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]+/g, "$1[redacted]");
}

export function createLogger(
  write: (line: string) => void,
  options: { level: LogLevel; secrets: readonly string[]; clock?: () => Date },
): Logger {
  const clock = options.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string): void => {
    if (ORDER[level] < ORDER[options.level]) return;
    write(`${clock().toISOString()} ${level.padEnd(5)} ${redact(message, options.secrets)}\n`);
  };
  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
