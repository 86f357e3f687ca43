import type { App } from "../app.js";
import type { Config } from "../config/index.js";
import { PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { runBot } from "../main.js";
import { parseCommandArgs, type CliIo } from "./io.js";

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
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
  const app = deps.openApp();
  return runBot(app, deps.config, deps.log, {
    once: values.once === true,
    write: (text) => io.out(text),
    adapters: (await import("../adapters/index.js")).platformAdapters(),
    stopSignal: stopSignal(),
  });
}
