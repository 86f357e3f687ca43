import { readAtomFeed } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { PoliteClient, policyOf } from "./http.js";
import { ingestPage } from "./page.js";
import type { DayFetcher, SourceConfig, SourceDeps } from "./types.js";

type ArxivConfig = Extract<SourceConfig, { type: "arxiv" }>;

/** Why a 200 answer is not a usable Atom page: HTML, truncated, or arXiv's error feed. */
export function checkAtom(body: Buffer): string | null {
  try {
    readAtomFeed(body.toString("utf8"), "arXiv answer");
    return null;
  } catch (error) {
    if (isPaperbotError(error)) return `answered with ${error.message}`;
    throw error;
  }
}

function explainAtom(body: string): string | null {
  return /<summary>([\s\S]*?)<\/summary>/u.exec(body)?.[1]?.trim().slice(0, 160) ?? null;
}

/** `cat:cs.LG`, or `(cat:cs.LG OR cat:cs.CL)`: one query, so a cross-listed paper comes once. */
export function categoryClause(categories: readonly string[]): string {
  const clauses = categories.map((c) => `cat:${c}`);
  return clauses.length === 1 ? (clauses[0] ?? "") : `(${clauses.join(" OR ")})`;
}

/**
 * arXiv's export API: the day's submissions in the configured categories,
 * `search_query=<categories> AND submittedDate:[YYYYMMDD0000 TO YYYYMMDD2359]`, sorted by
 * submission date and paged by `start` until `opensearch:totalResults`; one request every
 * `minIntervalMs` (3 s by default, as arXiv asks).
 */
export class ArxivFetcher implements DayFetcher {
  private readonly client: PoliteClient;

  constructor(
    private readonly config: ArxivConfig,
    private readonly deps: SourceDeps,
  ) {
    this.client = new PoliteClient(config.name, policyOf(config), deps.signal);
  }

  get requests(): number {
    return this.client.requests;
  }

  fetchDay(day: string, refresh: boolean, now: Date): Promise<{ pages: number; papers: number }> {
    return this.fetchWindow(day, day, refresh, now);
  }

  /**
   * The submissions of the days `first` to `last` in one paged query: a backfill asks for a month
   * in a few requests instead of one (or more) per day. Pages are remembered under `first..last`.
   */
  async fetchWindow(first: string, last: string, refresh: boolean, now: Date): Promise<{ pages: number; papers: number }> {
    const { name, pageSize } = this.config;
    const day = first === last ? first : `${first}..${last}`;
    const known = new Map(this.deps.store.sources.pagesOf(name, day).map((p) => [p.page, p]));
    const [from, to] = [first.replace(/-/gu, ""), last.replace(/-/gu, "")];
    const searchQuery = `${categoryClause(this.config.categories)} AND submittedDate:[${from}0000 TO ${to}2359]`;
    let total = Infinity;
    let papers = 0;
    let page = 0;
    for (; page * pageSize < total; page += 1) {
      const before = known.get(page);
      if (before !== undefined && !refresh) {
        total = before.total ?? 0;
        papers += before.items;
        this.deps.onPage?.({ source: name, day, page, status: "skipped", papers: before.items, newPapers: 0, total });
        continue;
      }
      const params = new URLSearchParams({
        search_query: searchQuery,
        start: String(page * pageSize),
        max_results: String(pageSize),
        sortBy: "submittedDate",
        sortOrder: "ascending",
      });
      const answer = await this.client.get(`${this.config.apiUrl}/api/query?${params}`, {
        headers: { accept: "application/atom+xml" },
        check: checkAtom,
        explain: explainAtom,
      });
      const feed = readAtomFeed(answer.body.toString("utf8"), `${name} ${day}`);
      total = feed.totalResults;
      const items = feed.dump.papers.length + feed.dump.warnings.length;
      const report = await ingestPage(this.deps, { source: name, day, page, ext: "atom", bytes: answer.body, etag: null, items, total, usable: feed.dump.papers.length > 0 }, now);
      this.deps.onPage?.(report);
      papers += report.papers;
      if (items === 0) break;
    }
    return { pages: Math.max(page, 1), papers };
  }
}
