import { parseArgs, type ParseArgsConfig } from "node:util";
import { PaperbotError } from "../errors.js";
import { didYouMean } from "../suggest.js";

/** Where command output goes; the process streams in production, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** A terminal to draw progress bars on; absent when output is piped or captured. */
  terminal?: NodeJS.WriteStream;
}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    const unknown = /^Unknown option '(--?[^']+)'/u.exec(detail)?.[1];
    const known = [...Object.keys(options).map((name) => `--${name}`), "--db", "--debug", "--help"];
    const hint = unknown === undefined ? "" : didYouMean(unknown, known);
    throw new PaperbotError("USAGE", `${detail}${hint}; usage: paperbot ${command} ${usage}`, command);
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows of cells printed as aligned columns, two spaces apart, with no trailing spaces. */
export function columns(rows: readonly (readonly string[])[], indent = ""): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, Array.from(cell).length)));
  return rows
    .map((row) => `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - Array.from(cell).length))).join("  ")}`.trimEnd())
    .map((line) => `${line}\n`)
    .join("");
}
