import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.js";

const LEVELS: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 10,
  [LogLevel.INFO]: 20,
  [LogLevel.WARN]: 30,
  [LogLevel.ERROR]: 40,
};

function describe(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (typeof p === "string") return p;
      if (p instanceof Error) return p.message;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(" ");
}

/**
 * bolt, its WebClient and its SocketModeClient share this logger: lines go to the app's logger
 * (which redacts secrets) under `slack:`. The level is the app's; the libraries' setLevel and
 * setName calls (each renames the shared logger) are ignored.
 */
export function boltLogger(log: Logger, level: string): BoltLogger {
  const threshold = LEVELS[level] ?? LogLevel.INFO;
  const emit = (lvl: LogLevel, write: (m: string) => void) => (...msg: unknown[]) => {
    if (ORDER[lvl] >= ORDER[threshold]) write(`slack: ${describe(msg)}`);
  };
  return {
    debug: emit(LogLevel.DEBUG, (m) => log.debug(m)),
    info: emit(LogLevel.INFO, (m) => log.info(m)),
    warn: emit(LogLevel.WARN, (m) => log.warn(m)),
    error: emit(LogLevel.ERROR, (m) => log.error(m)),
    setLevel: () => undefined,
    getLevel: () => threshold,
    setName: () => undefined,
  };
}
