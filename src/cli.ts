import { openApp as buildApp, type App } from "./app.js";
import { chatCommand } from "./cli/chat.js";
import { deliveriesCommand } from "./cli/deliveries.js";
import { ingestCommand, parseCommand } from "./cli/files.js";
import type { CliIo } from "./cli/io.js";
import { searchCommand, statusCommand } from "./cli/queries.js";
import { runCommand } from "./cli/run.js";
import { systemClock } from "./clock.js";
import { loadConfig, processEnv } from "./config/index.js";
import { isPaperbotError, PaperbotError } from "./errors.js";
import { PLATFORMS } from "./adapters/index.js";
import { createLogger, redact } from "./log.js";
import { VERSION } from "./version.js";

/** Credential shapes of every platform: redacted from error lines even before the config is read. */
const REDACTIONS = PLATFORMS.flatMap((p) => [...p.redactions]);

const USAGE = `usage: paperbot <command> [options]

commands:
  parse FILE [--json]                      read a dump and print its papers
  ingest PATH... [--json]                  add dumps (files or directories) to the history
  search QUERY [--limit N] [--json]        search the history
  status [--json]                          counts of papers, dumps, subscriptions, deliveries
  chat [--user U] [--channel C] [--admin] "/papers …"   run a slash command as a console user
  deliveries [--state S] [--retry ID | --retry-dead]   list the outbox, revive failed or dead rows
  run [--once]                             run the bot (--once: scan, post, exit)

global options: --db PATH (the SQLite file), --debug (stack traces), --help, --version
`;

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
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "version") {
      io.out(`paperbot ${VERSION}\n`);
      return 0;
    }
    const env = db === undefined ? io.env : { ...io.env, PAPERBOT_DB: db };
    const config = loadConfig(env, io.cwd);
    secrets = config.secrets;
    const log = createLogger((line) => io.err(line), { level: debug ? "debug" : config.logLevel, secrets, redactions: config.redactions });
    const openApp = (): App => buildApp(config, log, systemClock);
    switch (command) {
      case "parse":
        return parseCommand(io, args);
      case "ingest":
        return ingestCommand(io, args, openApp);
      case "search":
        return searchCommand(io, args, openApp);
      case "status":
        return statusCommand(io, args, openApp);
      case "deliveries":
        return deliveriesCommand(io, args, openApp);
      case "chat":
        return await chatCommand(io, args, openApp);
      case "run":
        return await runCommand(io, args, { config, log, openApp });
      default:
        throw new PaperbotError("USAGE", `unknown command "${command}"; run paperbot --help`, command);
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

function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: processEnv(),
    cwd: process.cwd(),
  };
}
