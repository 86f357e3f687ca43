import { parseArgs, type ParseArgsConfig } from "node:util";
import { PaperbotError } from "../errors.js";

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
    throw new PaperbotError("USAGE", `${detail}; usage: paperbot ${command} ${usage}`, command);
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
