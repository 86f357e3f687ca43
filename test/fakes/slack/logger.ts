/** A silent logger for bolt / WebClient / SocketModeClient that records lines so tests can assert on warnings. */
import { LogLevel, type Logger } from "@slack/bolt";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
}

export interface CapturingLogger extends Logger {
  readonly lines: LogLine[];
  /** Lines at `level` whose message contains `fragment`. */
  find(level: LogLine["level"], fragment?: string): LogLine[];
}

/** Records every line; prints nothing unless `echo` is set (handy when debugging a test). */
export function capturingLogger(echo = false): CapturingLogger {
  const lines: LogLine[] = [];
  let level: LogLevel = LogLevel.DEBUG;
  const log =
    (lvl: LogLine["level"]) =>
    (...msg: unknown[]): void => {
      const message = msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
      lines.push({ level: lvl, message });
      if (echo) console.log(`[${lvl}] ${message}`);
    };
  return {
    lines,
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
    find: (lvl, fragment) => lines.filter((l) => l.level === lvl && (fragment === undefined || l.message.includes(fragment))),
  };
}
