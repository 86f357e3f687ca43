import { SourceServer, type Answer } from "../source-http.js";
import { matchesQuery, parseSearchQuery, type ArxivQuery } from "./query.js";

export type { Fault, RecordedRequest } from "../source-http.js";

/** A paper as the fake holds it; each revision adds a version. */
export interface ArxivPaperInput {
  id: string;
  title: string;
  summary: string;
  authors?: string[];
  primaryCategory: string;
  /** Cross-lists besides the primary category. */
  crossLists?: string[];
  comment?: string;
  /** When v1 was submitted (ISO); the submittedDate the query filters on. */
  submitted: string;
}

interface Stored extends ArxivPaperInput {
  version: number;
  updated: string;
}

/** arXiv refuses larger pages; the export API allows up to 2000 results per call. */
export const MAX_RESULTS = 2000;

/**
 * A local arXiv export API: `GET /api/query?search_query=…&start=N&max_results=M` answers with the
 * real Atom feed (opensearch totals, entries whose id is `http://arxiv.org/abs/<id>v<n>`,
 * `arxiv:primary_category`, `category`, `arxiv:comment`, published and updated), sorted by
 * submission date for stable paging, and with arXiv's error feed (HTTP 400) for a query it cannot
 * read. Faults are injected through {@link SourceServer.fail} and `down`.
 */
export class FakeArxiv extends SourceServer {
  private readonly papers = new Map<string, Stored>();

  add(paper: ArxivPaperInput): void {
    this.papers.set(paper.id, { ...paper, version: 1, updated: paper.submitted });
  }

  /** A new version: the title or abstract may change, the id and submission date stay. */
  revise(id: string, change: { title?: string; summary?: string; updated: string }): void {
    const paper = this.papers.get(id);
    if (paper === undefined) throw new Error(`no paper ${id}`);
    this.papers.set(id, { ...paper, ...change, version: paper.version + 1 });
  }

  get size(): number {
    return this.papers.size;
  }

  protected override route(path: string, query: Record<string, string>): Answer {
    if (path !== "/api/query") return { status: 404, headers: { "content-type": "text/html" }, body: "<html><body>Not Found</body></html>" };
    const start = Number(query["start"] ?? "0");
    const max = Number(query["max_results"] ?? "10");
    if (!Number.isInteger(start) || start < 0) return errorFeed("start must be an integer", "start");
    if (!Number.isInteger(max) || max < 0) return errorFeed("max_results must be an integer", "max_results");
    const parsed = parseSearchQuery(query["search_query"] ?? "");
    if (typeof parsed === "string") return errorFeed(parsed, "search_query");
    const matching = this.select(parsed);
    const page = matching.slice(start, start + Math.min(max, MAX_RESULTS));
    const self = `http://arxiv.org/api/query?search_query=${encodeURIComponent(query["search_query"] ?? "")}&amp;start=${start}&amp;max_results=${max}`;
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="${self}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=${escape(query["search_query"] ?? "")}&amp;id_list=&amp;start=${start}&amp;max_results=${max}</title>
  <id>http://arxiv.org/api/fakefeedid</id>
  <updated>2025-12-20T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${matching.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${Math.min(max, MAX_RESULTS)}</opensearch:itemsPerPage>
${page.map(entry).join("")}</feed>
`;
    return { status: 200, headers: { "content-type": "application/atom+xml; charset=UTF-8" }, body };
  }

  private select(query: ArxivQuery): Stored[] {
    return [...this.papers.values()]
      .filter((p) => matchesQuery(query, [p.primaryCategory, ...(p.crossLists ?? [])], p.submitted))
      .sort((a, b) => a.submitted.localeCompare(b.submitted) || a.id.localeCompare(b.id));
  }
}

function escape(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

/** arXiv hard-wraps titles and abstracts; the reader must normalise the whitespace. */
function wrap(text: string): string {
  return escape(text).replace(/(.{60,}?) /gu, "$1\n  ");
}

function entry(p: Stored): string {
  const categories = [p.primaryCategory, ...(p.crossLists ?? [])];
  return `  <entry>
    <id>http://arxiv.org/abs/${p.id}v${p.version}</id>
    <updated>${p.updated.replace(/\.\d+Z$/u, "Z")}</updated>
    <published>${p.submitted.replace(/\.\d+Z$/u, "Z")}</published>
    <title>${wrap(p.title)}</title>
    <summary>  ${wrap(p.summary)}
</summary>
${(p.authors ?? ["A. Author"]).map((a) => `    <author>\n      <name>${escape(a)}</name>\n    </author>\n`).join("")}${
    p.comment === undefined ? "" : `    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">${escape(p.comment)}</arxiv:comment>\n`
  }    <link href="http://arxiv.org/abs/${p.id}v${p.version}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.id}v${p.version}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${p.primaryCategory}" scheme="http://arxiv.org/schemas/atom"/>
${categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>\n`).join("")}  </entry>
`;
}

/** arXiv's answer to a request it cannot serve: HTTP 400 with a one-entry Atom feed naming the problem. */
function errorFeed(message: string, parameter: string): Answer {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: error</title>
  <id>http://arxiv.org/api/errorfeed</id>
  <updated>2025-12-20T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#${parameter}</id>
    <title>Error</title>
    <summary>${escape(message)}</summary>
    <updated>2025-12-20T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#${parameter}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;
  return { status: 400, headers: { "content-type": "application/atom+xml; charset=UTF-8" }, body };
}

export function startFakeArxiv(): Promise<FakeArxiv> {
  return new FakeArxiv().start();
}
