import { PaperbotError } from "../errors.js";
import { paperLinks } from "../papers/links.js";
import { queryErrorToPaperbotError, searchText } from "../search/repository.js";
import { plural } from "../plural.js";
import type { Store } from "../store/index.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

/** `paperbot search`: a page of the history's best matches. Opens the store read-only, and nothing else of the bot. */
export function searchCommand(io: CliIo, args: string[], openStore: () => Store): number {
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
  const store = openStore();
  try {
    const found = searchText(store.search, query, { limit, offset });
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
      ...resultLinks(hit.paper.arxivId, hit.paper.title),
    }));
    if (values.json === true) {
      printJson(io, { query, total: found.total, results });
    } else {
      io.out(`${plural(found.total, "result")} for ${query}\n`);
      results.forEach((r, i) => {
        io.out(`${offset + i + 1}. [#${r.id}] ${r.title}  (▲${r.upvotes}, ${r.publishedOn ?? "undated"})\n   ${r.summary}\n`);
      });
    }
    return 0;
  } finally {
    store.close();
  }
}

/** `url`: the paper's Hugging Face page (a title search there until its arXiv id is known); `arxivUrl`: its arXiv abstract, or null. */
function resultLinks(arxivId: string | null, title: string): { url: string; arxivUrl: string | null } {
  const links = paperLinks(arxivId, title);
  return { url: links.hfUrl, arxivUrl: links.arxivUrl };
}
