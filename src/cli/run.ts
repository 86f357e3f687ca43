import { prepareDataDir, type App } from "../app.js";
import type { Config } from "../config/index.js";
import { isPaperbotError, PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { platformAdapters } from "../adapters/index.js";
import { runBot, type StopRequest } from "../main.js";
import { parseCommandArgs, type CliIo } from "./io.js";

/** EX_SOFTWARE: the bot stopped because of a bug (an uncaught exception or unhandled rejection). */
const FATAL_EXIT_CODE = 70;
const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
/**
 * A signal repeated this soon after the first is the same request seen twice: Ctrl+C under
 * `npm start` reaches the bot from the terminal and again from npm, which forwards it.
 */
const SAME_REQUEST_MS = 500;

function oneLine(error: unknown): string {
  const text = isPaperbotError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ");
}

/**
 * The process side of `paperbot run`, for as long as the bot runs:
 * - the first SIGINT or SIGTERM asks for a graceful stop (exit 0); the same signal again within
 *   SAME_REQUEST_MS is the same request (npm forwards the terminal's Ctrl+C) and changes nothing;
 * - a second one while stopping ends the process at once, by the signal's default action, as a
 *   crash would: rows still `sending` are released on the next start and resent with the same keys;
 * - an uncaught exception or unhandled rejection is logged as one line (the stack only at debug
 *   level) and stops the bot cleanly with exit code 70, instead of being logged and ignored.
 */
function watchProcess(log: Logger): { stop: Promise<StopRequest>; dispose: () => void } {
  let request: (stop: StopRequest) => void = () => undefined;
  const stop = new Promise<StopRequest>((resolve) => (request = resolve));
  let stopping = false;
  let first: { signal: NodeJS.Signals; at: number } | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stopping) {
      stopping = true;
      first = { signal, at: Date.now() };
      request({ reason: `${signal} received`, exitCode: 0 });
      return;
    }
    if (first !== null && first.signal === signal && Date.now() - first.at < SAME_REQUEST_MS) {
      log.debug(`${signal} received twice at once (as under npm): one request to stop`);
      return;
    }
    log.warn(`${signal} received again while stopping: exiting now`);
    dispose();
    // With our handlers gone the signal's default action ends the process; SIGKILL if someone else listens.
    process.kill(process.pid, process.listenerCount(signal) === 0 ? signal : "SIGKILL");
  };
  const onFatal = (error: unknown): void => {
    log.error(`internal error: ${oneLine(error)}${stopping ? "" : "; stopping"}`);
    if (error instanceof Error && error.stack !== undefined) log.debug(error.stack);
    if (stopping) return;
    stopping = true;
    request({ reason: "internal error", exitCode: FATAL_EXIT_CODE });
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);
  function dispose(): void {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off("uncaughtException", onFatal);
    process.off("unhandledRejection", onFatal);
  }
  return { stop, dispose };
}

export async function runCommand(
  io: CliIo,
  args: string[],
  deps: { config: Config; log: Logger; openApp: () => App },
): Promise<number> {
  const { values, positionals } = parseCommandArgs("run", args, { once: { type: "boolean" } }, "[--once]");
  if (positionals.length > 0) {
    throw new PaperbotError("USAGE", `unexpected argument "${positionals[0] ?? ""}"; usage: paperbot run [--once]`, "run");
  }
  const adapters = await platformAdapters(deps.config);
  prepareDataDir(deps.config, true);
  const app = deps.openApp();
  const watch = watchProcess(deps.log);
  try {
    return await runBot(app, deps.config, deps.log, {
      once: values.once === true,
      write: (text) => io.out(text),
      adapters,
      stopSignal: watch.stop,
    });
  } finally {
    watch.dispose();
  }
}
