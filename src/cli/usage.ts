import { PaperbotError } from "../errors.js";
import { didYouMean } from "../suggest.js";

/** One command of `paperbot`: what it takes and every option, for `--help` and usage mistakes. */
interface CommandHelp {
  synopsis: string;
  summary: string;
  options: readonly (readonly [flag: string, meaning: string])[];
}

const JSON_OPTION = ["--json", "print JSON instead of text"] as const;

export const COMMANDS = {
  parse: {
    synopsis: "FILE [--json]",
    summary: "read one dump and print its papers (dates, warnings); nothing is stored",
    options: [JSON_OPTION],
  },
  ingest: {
    synopsis: "PATH... [--json]",
    summary: "add dumps (files, or directories of them) to the history; exit 1 if a named file was rejected",
    options: [JSON_OPTION],
  },
  search: {
    synopsis: "QUERY [--limit N] [--offset N] [--json]",
    summary: "search the history with the query language of /papers search",
    options: [["--limit N", "results to print, 1-100 (default 10)"], ["--offset N", "skip this many results first (default 0)"], JSON_OPTION],
  },
  status: {
    synopsis: "[--json]",
    summary: "counts of papers, dumps, subscriptions, deliveries by state, and every destination",
    options: [JSON_OPTION],
  },
  chat: {
    synopsis: '[--user NAME] [--channel NAME] [--admin] "/papers …"',
    summary: "run a slash command as a console user and print the reply (exit 2: usage mistake, 1: refused)",
    options: [
      ["--user NAME", "who runs the command (default you)"],
      ["--channel NAME", "the console channel it runs in (default the first console channel)"],
      ["--admin", "run it as an admin (channel settings, channel subscriptions)"],
    ],
  },
  deliveries: {
    synopsis: "[--state S] [--limit N] [--retry ID | --retry-dead] [--json]",
    summary: "list the outbox, newest first; revive failed or dead rows",
    options: [
      ["--state S", "only rows in this state: pending, sending, sent, failed, dead, skipped"],
      ["--limit N", "rows to list, 1-10000 (default 50)"],
      ["--retry ID", "send this failed or dead delivery again"],
      ["--retry-dead", "send every dead delivery again"],
      JSON_OPTION,
    ],
  },
  run: {
    synopsis: "[--once]",
    summary: "run the bot: scheduler and every platform with credentials (the console when none has)",
    options: [["--once", "fetch the sources, scan the inbox, send everything pending (ignoring schedules) and exit"]],
  },
  fetch: {
    synopsis: "[--source NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]",
    summary: "fetch the configured sources now, or backfill a range of days (resumable; a backfill never floods channels)",
    options: [
      ["--source NAME", "only this source (default every configured source)"],
      ["--since YYYY-MM-DD", "first day of a backfill"],
      ["--until YYYY-MM-DD", "last day of a backfill (default today)"],
      JSON_OPTION,
    ],
  },
  doctor: {
    synopsis: "[--json]",
    summary: "check config, data dir, database, platforms and channels; a fix for each ✘, exit 1 if any",
    options: [JSON_OPTION],
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMANDS;

const GLOBAL_OPTIONS: readonly (readonly [string, string])[] = [
  ["--db PATH", "the SQLite file (its directory must exist)"],
  ["--debug", "stack traces on errors"],
  ["--help, -h", "this help; paperbot <command> --help for one command"],
  ["--version", "print the version"],
];

function table(rows: readonly (readonly [string, string])[], indent: string): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join("\n");
}

/** `paperbot --help`: every command with its synopsis, every option, and the global ones. */
export function mainHelp(): string {
  const blocks = Object.entries(COMMANDS).map(
    ([name, help]: [string, CommandHelp]) => `  ${name} ${help.synopsis}\n      ${help.summary}\n${table(help.options, "        ")}`,
  );
  return `usage: paperbot <command> [options]\n\ncommands:\n${blocks.join("\n")}\n\nglobal options (any command):\n${table(GLOBAL_OPTIONS, "  ")}\n`;
}

/** `paperbot search --help`. */
export function commandHelp(name: CommandName): string {
  const help: CommandHelp = COMMANDS[name];
  return `usage: paperbot ${name} ${help.synopsis}\n\n${help.summary}\n\noptions:\n${table([...help.options, ...GLOBAL_OPTIONS], "  ")}\n`;
}

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The usage mistake for a command that does not exist, with the closest one when there is one. */
export function unknownCommand(name: string): PaperbotError {
  const hint = didYouMean(name, Object.keys(COMMANDS));
  return new PaperbotError("USAGE", `unknown command "${name}"${hint}; run paperbot --help`, name);
}
