import { SingleBar } from "cli-progress";
import { fetchSources, selectSources, type App } from "../app.js";
import { PaperbotError } from "../errors.js";
import { isoDay, type FetchRange, type SourceReport } from "../sources/fetch.js";
import type { PageReport } from "../sources/types.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

const USAGE = "[--source NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]";

function readDay(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/u.test(value) && isoDay(new Date(`${value}T00:00:00Z`)) === value;
  if (!ok) throw new PaperbotError("USAGE", `${flag} takes a date as YYYY-MM-DD, not "${value}"`, flag);
  return value;
}

function readRange(since: string | undefined, until: string | undefined, today: string): FetchRange {
  const range: FetchRange = {};
  const from = readDay("--since", since);
  const to = readDay("--until", until);
  if (from !== undefined) range.since = from;
  if (to !== undefined) range.until = to;
  if ((range.until ?? today) > today) throw new PaperbotError("USAGE", `--until ${range.until ?? ""} is in the future (today is ${today})`, "--until");
  if (range.since !== undefined && range.since > (range.until ?? today)) {
    throw new PaperbotError("USAGE", `--since ${range.since} is after --until ${range.until ?? today}`, "--since");
  }
  return range;
}

/** Progress on a terminal: a bar over the days planned, with pages, papers and rate beside it. */
function progressBar(terminal: NodeJS.WriteStream) {
  const bar = new SingleBar({
    stream: terminal,
    format: "{source} |{bar}| {value}/{total} days | {pages} pages | {papers} papers ({fresh} new) | {rate} pages/s | ETA {eta_formatted}",
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = 0;
  let pages = 0;
  let papers = 0;
  let fresh = 0;
  let days = 0;
  let lastDay = "";
  const finish = (): void => {
    if (lastDay !== "") bar.update(days + 1);
    bar.stop();
  };
  return {
    plan(source: string, total: number): void {
      finish();
      [started, pages, papers, fresh, days, lastDay] = [Date.now(), 0, 0, 0, 0, ""];
      bar.start(total, 0, { source, pages, papers, fresh, rate: "0.0" });
    },
    page(report: PageReport): void {
      pages += 1;
      papers += report.papers;
      fresh += report.newPapers;
      if (report.day !== lastDay) {
        if (lastDay !== "") days += 1;
        lastDay = report.day;
      }
      const rate = (pages / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
      bar.update(days, { pages, papers, fresh, rate });
    },
    stop: finish,
  };
}

function pageLine(p: PageReport): string {
  const total = p.total === null ? "" : ` of ${p.total}`;
  return `${p.source} ${p.day} page ${p.page + 1}: ${p.status}, ${p.papers} papers${total}, ${p.newPapers} new\n`;
}

function summaryLine(r: SourceReport): string {
  const outcome = r.error === null ? "done" : `FAILED: ${r.error}`;
  return `${r.source}: ${r.days.length} days, ${r.pages} pages, ${r.papers} papers, ${r.newPapers} new, ${r.requests} requests; ${outcome}\n`;
}

/**
 * `paperbot fetch`: every source now (or one), or a backfill of a range of days. Resumable: days
 * and pages already in the history are not asked for again. Exit 1 when a source failed.
 */
export async function fetchCommand(io: CliIo, args: string[], openApp: () => App): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "fetch",
    args,
    { source: { type: "string" }, since: { type: "string" }, until: { type: "string" }, json: { type: "boolean" } },
    USAGE,
  );
  if (positionals.length > 0) throw new PaperbotError("USAGE", `unexpected argument "${positionals[0] ?? ""}"; usage: paperbot fetch ${USAGE}`, "fetch");
  const app = openApp();
  try {
    const range = readRange(values.since, values.until, isoDay(app.clock.now()));
    selectSources(app, values.source);
    const json = values.json === true;
    const bar = !json && io.terminal !== undefined ? progressBar(io.terminal) : null;
    const reports = await fetchSources(app, app.clock.now(), {
      ...(values.source === undefined ? {} : { source: values.source }),
      range,
      onPlan: (source, days) => bar?.plan(source, days),
      onPage: (page) => (bar === null ? json || io.out(pageLine(page)) : bar.page(page)),
    });
    bar?.stop();
    if (json) printJson(io, { sources: reports });
    else for (const report of reports) io.out(summaryLine(report));
    return reports.some((r) => r.error !== null) ? 1 : 0;
  } finally {
    app.close();
  }
}
