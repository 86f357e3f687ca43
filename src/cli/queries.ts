import type { App } from "../app.js";
import { PaperbotError } from "../errors.js";
import { queryErrorToPaperbotError, searchText } from "../search/index.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

export function searchCommand(io: CliIo, args: string[], openApp: () => App): number {
  const usage = "QUERY [--limit N] [--offset N] [--json]";
  const { values, positionals } = parseCommandArgs(
    "search",
    args,
    { json: { type: "boolean" }, limit: { type: "string" }, offset: { type: "string" } },
    usage,
  );
  const query = positionals.join(" ");
  if (query.trim() === "") throw new PaperbotError("USAGE", `give a query; usage: paperbot search ${usage}`, "search");
  const limit = Number(values.limit ?? "10");
  const offset = Number(values.offset ?? "0");
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new PaperbotError("USAGE", "--limit takes a whole number from 1 to 100", "--limit");
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new PaperbotError("USAGE", "--offset takes a whole number from 0", "--offset");
  }
  const app = openApp();
  try {
    const found = searchText(app.store.search, query, { limit, offset });
    if (!found.ok) {
      throw queryErrorToPaperbotError(found.error, "query");
    }
    const results = found.results.map((hit) => ({
      id: hit.paper.id,
      title: hit.paper.title,
      score: Number(hit.score.toFixed(4)),
      summary: hit.paper.tldr,
      publishedOn: hit.paper.publishedOn,
      upvotes: hit.paper.upvotes,
      arxivId: hit.paper.arxivId,
    }));
    if (values.json === true) {
      printJson(io, { query, total: found.total, results });
    } else {
      io.out(`${found.total} result${found.total === 1 ? "" : "s"} for ${query}\n`);
      results.forEach((r, i) => {
        io.out(`${offset + i + 1}. [#${r.id}] ${r.title}  (▲${r.upvotes}, ${r.publishedOn ?? "undated"})\n   ${r.summary}\n`);
      });
    }
    return 0;
  } finally {
    app.close();
  }
}

export function statusCommand(io: CliIo, args: string[], openApp: () => App): number {
  const { values } = parseCommandArgs("status", args, { json: { type: "boolean" } }, "[--json]");
  const app = openApp();
  try {
    const status = app.store.status();
    if (values.json === true) {
      printJson(io, { db: app.config.dbPath, ...status });
      return 0;
    }
    const d = status.deliveries;
    io.out(`database   ${app.config.dbPath}\n`);
    io.out(`papers     ${status.papers} (from ${status.dumps} dumps, ${status.rejectedDumps} rejected)\n`);
    io.out(`subscriptions ${status.subscriptions}\n`);
    io.out(`deliveries pending ${d.pending}, sending ${d.sending}, sent ${d.sent}, failed ${d.failed}, dead ${d.dead}\n`);
    for (const dest of status.destinations) {
      const state = dest.status === "active" ? "active" : `DISABLED: ${dest.reason ?? "unknown reason"}`;
      io.out(`  ${dest.platform} ${dest.kind} ${dest.address}  ${dest.digest ? dest.schedule : "no digest"}  ${state}\n`);
    }
    return 0;
  } finally {
    app.close();
  }
}
