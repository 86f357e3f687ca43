import { PoliteClient, policyOf } from "./http.js";
import { ingestPage } from "./page.js";
import type { DayFetcher, SourceConfig, SourceDeps } from "./types.js";

type HfConfig = Extract<SourceConfig, { type: "huggingface" }>;

/** Why a 200 answer is not a Daily Papers page: HTML, truncated or other non-array JSON. */
export function checkDailyPapers(body: Buffer): string | null {
  const text = body.toString("utf8");
  if (/^\s*</u.test(text)) return "answered with an HTML page instead of JSON";
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? null : "answered with JSON that is not a list of papers";
  } catch {
    return "answered with unreadable or truncated JSON";
  }
}

/**
 * Hugging Face Daily Papers: `GET /api/daily_papers?date=YYYY-MM-DD&p=N&limit=M`, one page after
 * another while a page comes back full. Each page is asked for with the ETag it had last time, so
 * an unchanged day costs a 304 and nothing else.
 */
export class HuggingFaceFetcher implements DayFetcher {
  private readonly client: PoliteClient;

  constructor(
    private readonly config: HfConfig,
    private readonly deps: SourceDeps,
  ) {
    this.client = new PoliteClient(config.name, policyOf(config), deps.signal);
  }

  get requests(): number {
    return this.client.requests;
  }

  async fetchDay(day: string, refresh: boolean, now: Date): Promise<{ pages: number; papers: number }> {
    const { name, pageSize } = this.config;
    const known = new Map(this.deps.store.sources.pagesOf(name, day).map((p) => [p.page, p]));
    let papers = 0;
    let page = 0;
    for (; ; page += 1) {
      const before = known.get(page);
      if (before !== undefined && !refresh) {
        this.deps.onPage?.({ source: name, day, page, status: "skipped", papers: before.items, newPapers: 0, total: null });
        papers += before.items;
        if (before.items < pageSize) break;
        continue;
      }
      const url = `${this.config.apiUrl}/api/daily_papers?${new URLSearchParams({ date: day, p: String(page), limit: String(pageSize) })}`;
      const headers: Record<string, string> = { accept: "application/json" };
      if (before !== undefined && before.etag !== null) headers["if-none-match"] = before.etag;
      const answer = await this.client.get(url, { headers, check: checkDailyPapers, explain: explainJson });
      if (answer.status === 304 && before !== undefined) {
        this.deps.onPage?.({ source: name, day, page, status: "unchanged", papers: before.items, newPapers: 0, total: null });
        papers += before.items;
        if (before.items < pageSize) break;
        continue;
      }
      const items = (JSON.parse(answer.body.toString("utf8")) as unknown[]).length;
      const report = await ingestPage(this.deps, { source: name, day, page, ext: "json", bytes: answer.body, etag: answer.etag, items, total: null }, now);
      this.deps.onPage?.(report);
      papers += report.papers;
      if (items < pageSize) break;
    }
    return { pages: page + 1, papers };
  }
}

function explainJson(body: string): string | null {
  try {
    const value = JSON.parse(body) as { error?: unknown };
    return typeof value.error === "string" ? value.error.slice(0, 160) : null;
  } catch {
    return null;
  }
}
