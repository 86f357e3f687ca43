import { indexText } from "../search/index-text.js";
import type { Db } from "./database.js";
import type { PaperRepository } from "./types.js";
import type { CandidatePaper, NewPaper, Paper } from "../domain/paper.js";

/** Candidates read per lookup key: broad keys ("… large language models") are capped, so ingest stays linear. */
const CANDIDATES_PER_KEY = 20;
/** Bounds of the full-key cache (a few MB): past either, it starts over. */
const CACHED_KEYS = 4_000;
const CACHED_CANDIDATES = 20_000;

interface PaperRowDb {
  id: number;
  key: string;
  arxiv_id: string | null;
  title: string;
  abstract: string;
  authors: string;
  author_count: number | null;
  organization: string | null;
  organization_handle: string | null;
  published_on: string | null;
  upvotes: number;
  tldr: string;
  keywords: string;
  ai_summary: string | null;
  ai_keywords: string;
  github_repo: string | null;
  project_page: string | null;
  arxiv_version: number | null;
  primary_category: string | null;
  categories: string;
  arxiv_comment: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

const parseList = (text: string): string[] => {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

export function toPaper(row: PaperRowDb): Paper {
  return {
    id: row.id,
    key: row.key,
    arxivId: row.arxiv_id,
    title: row.title,
    abstract: row.abstract,
    authors: parseList(row.authors),
    authorCount: row.author_count,
    organization: row.organization,
    organizationHandle: row.organization_handle,
    publishedOn: row.published_on,
    upvotes: row.upvotes,
    tldr: row.tldr,
    keywords: parseList(row.keywords),
    aiSummary: row.ai_summary,
    aiKeywords: parseList(row.ai_keywords),
    githubRepo: row.github_repo,
    projectPage: row.project_page,
    arxivVersion: row.arxiv_version,
    primaryCategory: row.primary_category,
    categories: parseList(row.categories),
    arxivComment: row.arxiv_comment,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Prepared statements over papers, their lookup keys and sightings; built once per connection. */
/** A paper's text and first-seen time, as the recommender reads the history. */
export interface PaperText {
  id: number;
  title: string;
  abstract: string;
  firstSeenAt: string;
}

/** Papers' texts in id order after an id, for the recommender (here and on its worker's read-only connection). */
export const TEXTS_AFTER_SQL = "SELECT id, title, abstract, first_seen_at AS firstSeenAt FROM papers WHERE id > ? ORDER BY id LIMIT ?";

export class PaperStore implements PaperRepository {
  private readonly byId;
  private readonly byArxiv;
  private readonly byLookupKey;
  private readonly candidateRows;
  private readonly abstractRow;
  private readonly insertPaper;
  private readonly insertKey;
  private readonly indexPaper;
  /** Candidate lists of keys that hold their full CANDIDATES_PER_KEY papers. */
  private readonly fullKeys = new Map<string, CandidatePaper[]>();
  private readonly cachedCandidates = new Map<number, CandidatePaper>();
  private readonly updatePaper;
  private readonly upsertSighting;
  private readonly countPapers;
  private readonly latestRows;
  private readonly byTitle;
  private readonly risingRows;
  private readonly topSeenRows;
  private readonly topOfRows;
  private readonly topRows;
  private readonly textRows;

  constructor(db: Db) {
    this.byId = db.prepare<[number], PaperRowDb>("SELECT * FROM papers WHERE id = ?");
    this.byArxiv = db.prepare<[string], PaperRowDb>("SELECT * FROM papers WHERE arxiv_id = ?");
    // Ordered by the key table's own column, so the rows come in index order with no sort.
    this.byLookupKey = db.prepare<[string], PaperRowDb>(
      `SELECT p.* FROM paper_keys k JOIN papers p ON p.id = k.paper_id WHERE k.key = ? ORDER BY k.paper_id LIMIT ${CANDIDATES_PER_KEY}`,
    );
    this.candidateRows = db.prepare<[string], CandidatePaper>(
      `SELECT p.id, p.arxiv_id AS arxivId, p.title FROM paper_keys k JOIN papers p ON p.id = k.paper_id
      WHERE k.key = ? ORDER BY k.paper_id LIMIT ${CANDIDATES_PER_KEY}`,
    );
    this.abstractRow = db.prepare<[number], { abstract: string }>("SELECT abstract FROM papers WHERE id = ?");
    this.insertPaper = db.prepare(`INSERT INTO papers (key, arxiv_id, title, abstract, authors, author_count,
      organization, organization_handle, published_on, upvotes, tldr, keywords, ai_summary, ai_keywords,
      github_repo, project_page, arxiv_version, primary_category, categories, arxiv_comment, first_dump_id,
      first_seen_at, last_seen_at)
      VALUES (@key, @arxivId, @title, @abstract, @authors, @authorCount, @organization, @organizationHandle,
      @publishedOn, @upvotes, @tldr, @keywords, @aiSummary, @aiKeywords, @githubRepo, @projectPage,
      @arxivVersion, @primaryCategory, @categories, @arxivComment, @firstDumpId, @seenAt, @seenAt)`);
    this.indexPaper = db.prepare("INSERT INTO papers_fts (rowid, title, abstract, authors, organization) VALUES (?, ?, ?, ?, ?)");
    this.insertKey = db.prepare("INSERT OR IGNORE INTO paper_keys (key, paper_id) VALUES (?, ?)");
    this.updatePaper = db.prepare(`UPDATE papers SET key = @key, arxiv_id = @arxivId, title = @title,
      abstract = @abstract, authors = @authors, author_count = @authorCount, organization = @organization,
      organization_handle = @organizationHandle, published_on = @publishedOn, upvotes = @upvotes, tldr = @tldr,
      keywords = @keywords, ai_summary = @aiSummary, ai_keywords = @aiKeywords, github_repo = @githubRepo,
      project_page = @projectPage, arxiv_version = @arxivVersion, primary_category = @primaryCategory,
      categories = @categories, arxiv_comment = @arxivComment, last_seen_at = @lastSeenAt WHERE id = @id`);
    this.upsertSighting = db.prepare(`INSERT INTO sightings (paper_id, dump_id, upvotes, seen_on, seen_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (paper_id, dump_id) DO UPDATE SET upvotes = max(upvotes, excluded.upvotes)`);
    this.countPapers = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM papers");
    this.latestRows = db.prepare<[number], PaperRowDb>(
      "SELECT * FROM papers ORDER BY first_seen_at DESC, coalesce(published_on, '') DESC, id DESC LIMIT ?",
    );
    this.byTitle = db.prepare<[string], PaperRowDb>("SELECT * FROM papers WHERE title = ? COLLATE NOCASE ORDER BY id LIMIT 1");
    this.risingRows = db.prepare<[string, number], PaperRowDb & { gain: number }>(`SELECT p.*,
      max(s.upvotes) - min(s.upvotes) AS gain FROM sightings s JOIN papers p ON p.id = s.paper_id
      JOIN dumps d ON d.id = s.dump_id
      WHERE s.seen_at >= ? AND coalesce(d.format, '') <> 'arxiv-atom' GROUP BY p.id HAVING count(*) > 1 AND gain > 0
      ORDER BY gain DESC, p.upvotes DESC, p.id LIMIT ?`);
    this.topSeenRows = db.prepare<[string, number], PaperRowDb>(`SELECT p.* FROM papers p
      WHERE p.id IN (SELECT paper_id FROM sightings WHERE seen_at >= ?)
      ORDER BY p.upvotes DESC, coalesce(p.published_on, '') DESC, p.id LIMIT ?`);
    this.topOfRows = db.prepare<[string, number], { id: number }>(`SELECT id FROM papers
      WHERE id IN (SELECT value FROM json_each(?)) ORDER BY upvotes DESC, published_on DESC, id LIMIT ?`);
    this.topRows = db.prepare<[number], { id: number }>("SELECT id FROM papers ORDER BY upvotes DESC, published_on DESC, id LIMIT ?");
    this.textRows = db.prepare<[number, number], PaperText>(TEXTS_AFTER_SQL);
  }

  get(id: number): Paper | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toPaper(row);
  }

  findByArxivId(arxivId: string): Paper | undefined {
    const row = this.byArxiv.get(arxivId);
    return row === undefined ? undefined : toPaper(row);
  }

  findByLookupKey(key: string): Paper[] {
    return this.byLookupKey.all(key).map(toPaper);
  }

  /** The first papers registered under a lookup key, with only what near-duplicate detection reads. */
  candidatesByKey(key: string): CandidatePaper[] {
    const cached = this.fullKeys.get(key);
    if (cached !== undefined) return cached;
    const rows = this.candidateRows.all(key);
    if (rows.length < CANDIDATES_PER_KEY) return rows;
    // Full: ids only grow, so these stay the key's first papers; keep them, shared by id so an
    // update of one (a new title, an arXiv id) is seen by every key that lists it.
    if (this.fullKeys.size >= CACHED_KEYS || this.cachedCandidates.size >= CACHED_CANDIDATES) this.forgetCandidates();
    const shared = rows.map((row) => {
      const known = this.cachedCandidates.get(row.id);
      if (known !== undefined) return known;
      this.cachedCandidates.set(row.id, row);
      return row;
    });
    this.fullKeys.set(key, shared);
    return shared;
  }

  /** Drops the cached candidates: after a rollback they may name papers that were never stored. */
  forgetCandidates(): void {
    this.fullKeys.clear();
    this.cachedCandidates.clear();
  }

  abstractOf(id: number): string {
    return this.abstractRow.get(id)?.abstract ?? "";
  }

  /**
   * The paper row and its search index entry. The entry is written here rather than by an insert
   * trigger: through a trigger, the FTS5 insert cost about 1.8 times as much (244 against 136 µs per
   * paper for 5,000 sample-sized papers), the largest single cost of an ingest.
   */
  insert(paper: NewPaper): number {
    const authors = JSON.stringify(paper.authors);
    const result = this.insertPaper.run({
      ...paper,
      authors,
      keywords: JSON.stringify(paper.keywords),
      aiKeywords: JSON.stringify(paper.aiKeywords),
      categories: JSON.stringify(paper.categories),
    });
    const id = Number(result.lastInsertRowid);
    this.indexPaper.run(id, indexText(paper.title), indexText(paper.abstract), indexText(authors), indexText(paper.organization ?? ""));
    return id;
  }

  update(paper: Paper): void {
    const cached = this.cachedCandidates.get(paper.id);
    if (cached !== undefined) Object.assign(cached, { title: paper.title, arxivId: paper.arxivId });
    this.updatePaper.run({
      ...paper,
      authors: JSON.stringify(paper.authors),
      keywords: JSON.stringify(paper.keywords),
      aiKeywords: JSON.stringify(paper.aiKeywords),
      categories: JSON.stringify(paper.categories),
    });
  }

  addLookupKeys(paperId: number, keys: readonly string[]): void {
    for (const key of keys) this.insertKey.run(key, paperId);
  }

  recordSighting(paperId: number, dumpId: number, upvotes: number, seenOn: string | null, seenAt: string): void {
    this.upsertSighting.run(paperId, dumpId, upvotes, seenOn, seenAt);
  }

  count(): number {
    return this.countPapers.get()?.n ?? 0;
  }

  /** The most recently found papers. */
  latest(limit: number): Paper[] {
    return this.latestRows.all(limit).map(toPaper);
  }

  /** The first paper with exactly this title, ignoring case. */
  findByTitle(title: string): Paper | undefined {
    const row = this.byTitle.get(title);
    return row === undefined ? undefined : toPaper(row);
  }

  /**
   * Papers whose upvotes rose across their sightings since `since` (ISO time), biggest gain first.
   * arXiv carries no upvotes, so its sightings do not count as a rise from zero.
   */
  rising(since: string, limit: number): { paper: Paper; gain: number }[] {
    return this.risingRows.all(since, limit).map((row) => ({ paper: toPaper(row), gain: row.gain }));
  }

  /** The most upvoted papers seen since `since` (ISO time). */
  mostUpvotedSeenSince(since: string, limit: number): Paper[] {
    return this.topSeenRows.all(since, limit).map(toPaper);
  }

  topByUpvotes(ids: readonly number[], n: number): number[] {
    return this.topOfRows.all(JSON.stringify(ids), n).map((row) => row.id);
  }

  mostUpvoted(n: number): number[] {
    return this.topRows.all(n).map((row) => row.id);
  }

  textsAfter(afterId: number, limit: number): PaperText[] {
    return this.textRows.all(afterId, limit);
  }
}
