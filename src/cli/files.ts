import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { readDump } from "../digests/index.js";
import { PaperbotError } from "../errors.js";
import { BACKFILL_CHUNK, ingestFile, readDumpFile, skipped, type IngestOutcome } from "../ingest/ingest.js";
import { listInbox } from "../ingest/scan.js";
import type { App } from "../app.js";
import { plural } from "../plural.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

export function parseCommand(io: CliIo, args: string[]): number {
  const { values, positionals } = parseCommandArgs("parse", args, { json: { type: "boolean" } }, "FILE [--json]");
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new PaperbotError("USAGE", "give exactly one dump file; usage: paperbot parse FILE [--json]", "parse");
  }
  const path = resolve(io.cwd, file);
  const read = readDumpFile(path, new Date());
  if (!read.ok) throw new PaperbotError("FILE_UNREADABLE", read.reason, file);
  const parsed = readDump(read.bytes, { name: basename(path), referenceTime: read.referenceTime });
  if (values.json === true) {
    printJson(io, parsed);
  } else {
    io.out(`${file}: ${parsed.format}, dated ${parsed.dumpDate ?? "unknown"}, ${plural(parsed.papers.length, "paper")}\n`);
    for (const p of parsed.papers) {
      io.out(`  ${p.publishedOn ?? "          "}  ▲${String(p.upvotes).padStart(3)}  ${p.title}\n`);
    }
    for (const w of parsed.warnings) io.out(`  warning: line ${w.line}: ${w.message}\n`);
  }
  return 0;
}

export async function ingestCommand(io: CliIo, args: string[], openApp: () => App): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "ingest",
    args,
    { json: { type: "boolean" } },
    "PATH... [--db P] [--json]",
  );
  if (positionals.length === 0) {
    throw new PaperbotError("USAGE", "give at least one dump file or directory; usage: paperbot ingest PATH... [--db P] [--json]", "ingest");
  }
  // A file named on the command line is meant as a dump; one found in a directory may be anything.
  const entries = positionals.flatMap((p) => {
    const full = resolve(io.cwd, p);
    try {
      return statSync(full).isDirectory() ? listInbox(full).map((e) => ({ path: e.path, skip: e.skip, named: false })) : [{ path: full, skip: null, named: true }];
    } catch {
      return [{ path: full, skip: null, named: true }];
    }
  });
  const app = openApp();
  const files: Omit<IngestOutcome, "newPaperIds" | "warnings">[] = [];
  const bulk = app.store.beginBulkLoad();
  try {
    for (const entry of entries) {
      const { path } = entry;
      const result =
        entry.skip !== null
          ? skipped(path, entry.skip)
          : await ingestFile(app.store, path, app.clock.now(), { plan: app.plan, skipNonDumps: !entry.named, chunk: BACKFILL_CHUNK });
      const { newPaperIds: _ids, warnings, ...outcome } = result;
      files.push(outcome);
      if (values.json !== true) {
        const detail =
          outcome.status === "rejected" || outcome.status === "skipped"
            ? `${outcome.status}: ${outcome.error ?? "unknown error"}`
            : `${outcome.status}: ${plural(outcome.papers, "paper")}, ${outcome.new} new, ${outcome.known} known`;
        io.out(`${path}: ${detail}\n`);
        for (const w of warnings) io.err(`paperbot: warning: ${w}\n`);
      }
    }
    bulk.finish(files.reduce((sum, f) => sum + f.new, 0));
    if (values.json !== true && app.store.firstRun.pending() && files.some((f) => f.new > 0)) {
      io.out(`first run: nothing is announced yet; the bot's first scan announces the top ${app.config.digest.firstRunLimit} of these papers\n`);
    }
  } finally {
    app.close();
  }
  if (values.json === true) printJson(io, { files });
  return files.some((f) => f.status === "rejected") ? 1 : 0;
}
