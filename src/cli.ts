import type { App } from "./app.js";
import type { CliIo } from "./cli/io.js";
import { systemClock } from "./clock.js";
import { processEnv } from "./config/own-env.js";
import { readConfig } from "./config/quick.js";
import { isPaperbotError, PaperbotError } from "./errors.js";
import { PLATFORMS, runningPlatforms } from "./adapters/index.js";
import type { Logger } from "./log.js";
import { redact } from "./redact.js";
import { VERSION } from "./version.js";
import { commandHelp, isCommand, mainHelp, unknownCommand } from "./cli/usage.js";

/** Credential shapes of every platform: redacted from error lines even before the config is read. */
const REDACTIONS = PLATFORMS.flatMap((p) => [...p.redactions]);


/*
 * Each command loads what it needs when it runs: the search engine, the dump readers, the
 * platforms, the logging library; and the configuration's schemas and checkers only when the
 * configuration has something for them to judge (config/quick.ts).
 */

/** Pulls the global flags out of argv wherever they appear. */
function splitGlobals(argv: string[]): { rest: string[]; db: string | undefined; debug: boolean } {
  const rest: string[] = [];
  let db: string | undefined;
  let debug = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--debug") debug = true;
    else if (arg === "--db") {
      db = argv[i + 1];
      if (db === undefined) throw new PaperbotError("USAGE", "--db needs a path", "--db");
      i += 1;
    } else if (arg.startsWith("--db=")) db = arg.slice(5);
    else rest.push(arg);
  }
  return { rest, db, debug };
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let debug = argv.includes("--debug");
  let secrets: string[] = [];
  try {
    const { rest, db, debug: wantsDebug } = splitGlobals(argv);
    debug = wantsDebug;
    const [command, ...args] = rest;
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      const topic = args[0];
      if (command === "help" && topic !== undefined) {
        if (!isCommand(topic)) throw unknownCommand(topic);
        io.out(commandHelp(topic));
        return 0;
      }
      io.out(mainHelp());
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "version") {
      io.out(`paperbot ${VERSION}\n`);
      return 0;
    }
    if (!isCommand(command)) throw unknownCommand(command);
    if (args.includes("--help") || args.includes("-h")) {
      io.out(commandHelp(command));
      return 0;
    }
    const env = db === undefined ? io.env : { ...io.env, PAPERBOT_DB: db };
    // The doctor reports a config that does not load as its first ✘ rather than failing on it.
    if (command === "doctor") return await (await import("./cli/doctor.js")).doctorCommand({ ...io, env }, args);
    const config = await readConfig(env, io.cwd);
    secrets = config.secrets;
    let log: Promise<Logger> | undefined;
    const logger = (): Promise<Logger> =>
      (log ??= import("./log.js").then(({ createLogger }) =>
        createLogger((line) => io.err(line), { level: debug ? "debug" : config.logLevel, format: config.logFormat, secrets, redactions: config.redactions }),
      ));
    const app = async (): Promise<() => App> => {
      const [{ openApp }, log] = await Promise.all([import("./app.js"), logger()]);
      return () => openApp(config, log, systemClock);
    };
    // Commands that only read open the store alone, and never write the config's declarations into it.
    const readOnlyStore = async () => {
      const { openStoreAsConfigured } = await import("./app-store.js");
      return () => openStoreAsConfigured(config);
    };
    switch (command) {
      case "parse":
        return (await import("./cli/files.js")).parseCommand(io, args);
      case "ingest":
        return await (await import("./cli/files.js")).ingestCommand(io, args, await app());
      case "search":
        return (await import("./cli/queries.js")).searchCommand(io, args, await readOnlyStore());
      case "status": {
        const platforms = runningPlatforms(config);
        return (await import("./cli/status.js")).statusCommand(io, args, { dbPath: config.dbPath, platforms }, await readOnlyStore());
      }
      case "deliveries":
        return (await import("./cli/deliveries.js")).deliveriesCommand(io, args, await app());
      case "chat":
        return await (await import("./cli/chat.js")).chatCommand(io, args, await app());
      case "fetch":
        return await (await import("./cli/fetch.js")).fetchCommand(io, args, await app());
      case "run":
        return await (await import("./cli/run.js")).runCommand(io, args, { config, log: await logger(), openApp: await app() });
    }
  } catch (error) {
    return reportError(io, error, debug, secrets);
  }
}

function reportError(io: CliIo, error: unknown, debug: boolean, secrets: string[]): number {
  if (isPaperbotError(error)) {
    io.err(`paperbot: ${redact(error.describe(), secrets, REDACTIONS)}\n`);
    if (debug && error.stack !== undefined) io.err(`${redact(error.stack, secrets, REDACTIONS)}\n`);
    return error.code === "USAGE" ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`paperbot: internal error: ${redact(message, secrets, REDACTIONS)} (run with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.err(`${redact(error.stack, secrets, REDACTIONS)}\n`);
  return 70;
}

/**
 * The process streams. A reader that stops early (`paperbot parse … --json | head -2`) closes the
 * pipe: the rest of the output is dropped quietly and the command ends with its own exit code, with
 * no EPIPE stack trace.
 */
function processIo(): CliIo {
  const closed = { out: false, err: false };
  const quietOnClose = (stream: NodeJS.WriteStream, key: keyof typeof closed): void => {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      closed[key] = true;
    });
  };
  quietOnClose(process.stdout, "out");
  quietOnClose(process.stderr, "err");
  return {
    out: (text) => {
      if (!closed.out) process.stdout.write(text);
    },
    err: (text) => {
      if (!closed.err) process.stderr.write(text);
    },
    env: processEnv(),
    cwd: process.cwd(),
    ...(process.stderr.isTTY ? { terminal: process.stderr } : {}),
  };
}
