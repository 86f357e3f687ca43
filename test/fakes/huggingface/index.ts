import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SourceServer, type Answer } from "../source-http.js";

export type { Fault, RecordedRequest } from "../source-http.js";

/** A paper as the fake serves it; the optional fields default to plausible values. */
export interface HfPaperInput {
  id: string;
  title: string;
  summary: string;
  authors?: string[];
  /** When the paper appeared on arXiv (ISO); defaults to the day before it is featured. */
  publishedAt?: string;
  upvotes?: number;
  aiSummary?: string;
  aiKeywords?: string[];
  githubRepo?: string;
  projectPage?: string;
  numComments?: number;
}

/** Real `/api/daily_papers` caps `limit` at 100. */
export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * A local Hugging Face Hub that answers `GET /api/daily_papers?date=YYYY-MM-DD&p=N&limit=M` with the
 * real element shape (the `paper` object with its id = arXiv id, authors, upvotes, ai_summary, …,
 * beside the featuring fields), pages by `p`/`limit`, sends a strong ETag per answer and honours
 * `If-None-Match` with 304. Faults are injected through {@link SourceServer.fail} and `down`.
 */
export class FakeHuggingFace extends SourceServer {
  private readonly days = new Map<string, HfPaperInput[]>();

  /** Sets the papers featured on `date`, in the order the page lists them. */
  setDay(date: string, papers: readonly HfPaperInput[]): void {
    this.days.set(date, papers.map((p) => ({ ...p })));
  }

  /** Adds a paper to a day that was already served (a late joiner). */
  addToDay(date: string, paper: HfPaperInput): void {
    this.days.set(date, [...(this.days.get(date) ?? []), { ...paper }]);
  }

  /** Changes a paper's upvotes wherever it is featured. */
  setUpvotes(id: string, upvotes: number): void {
    for (const papers of this.days.values()) for (const p of papers) if (p.id === id) p.upvotes = upvotes;
  }

  /** Every paper the fake serves on the given days. */
  papersOn(dates: readonly string[]): HfPaperInput[] {
    return dates.flatMap((d) => this.days.get(d) ?? []);
  }

  protected override route(path: string, query: Record<string, string>, headers: IncomingHttpHeaders): Answer {
    if (path !== "/api/daily_papers") return json(404, { error: "Sorry, we can't find the page you are looking for." });
    const latest = [...this.days.keys()].sort().at(-1) ?? "1970-01-01";
    const date = query["date"] ?? latest;
    if (!DATE.test(date)) return json(400, { error: `Invalid date: "${date}"` });
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(query["limit"] ?? DEFAULT_LIMIT) || DEFAULT_LIMIT));
    const page = Math.max(0, Number(query["p"] ?? 0) || 0);
    const papers = (this.days.get(date) ?? []).slice(page * limit, (page + 1) * limit);
    const body = JSON.stringify(papers.map((p) => element(p, date)));
    const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
    if (headers["if-none-match"] === etag) return { status: 304, headers: { etag }, body: "" };
    return { status: 200, headers: { "content-type": "application/json; charset=utf-8", etag }, body };
  }
}

function json(status: number, value: unknown): Answer {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** One element of the real response: the paper, then when, by whom and how it was featured. */
function element(p: HfPaperInput, date: string): Record<string, unknown> {
  const featuredAt = `${date}T06:${String(p.id.length % 60).padStart(2, "0")}:00.000Z`;
  const paper: Record<string, unknown> = {
    id: p.id,
    authors: (p.authors ?? ["A. Author", "B. Author"]).map((name, i) => ({ _id: `${p.id.replace(".", "")}${i}`, name, hidden: false })),
    mediaUrls: [],
    publishedAt: p.publishedAt ?? `${dayBefore(date)}T17:59:00.000Z`,
    submittedOnDailyAt: featuredAt,
    title: p.title,
    submittedOnDailyBy: { _id: "60f1abe7544c2adfd699860c", avatarUrl: "/avatars/ak.svg", isPro: false, fullname: "AK", user: "akhaliq", type: "user" },
    summary: p.summary,
    upvotes: p.upvotes ?? 0,
    discussionId: `d${p.id}`,
    ai_summary: p.aiSummary,
    ai_keywords: p.aiKeywords,
    githubStars: p.githubRepo === undefined ? undefined : 42,
  };
  if (p.githubRepo !== undefined) paper["githubRepo"] = p.githubRepo;
  if (p.projectPage !== undefined) paper["projectPage"] = p.projectPage;
  return {
    paper,
    publishedAt: featuredAt,
    title: p.title,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${p.id}.png`,
    numComments: p.numComments ?? 0,
    submittedBy: { _id: "60f1abe7544c2adfd699860c", fullname: "AK", name: "akhaliq", type: "user" },
    isAuthorParticipating: false,
  };
}

/** Starts a fake on 127.0.0.1 at a free port. */
export function startFakeHuggingFace(): Promise<FakeHuggingFace> {
  return new FakeHuggingFace().start();
}
