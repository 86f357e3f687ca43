/**
 * The history as the recommendation code needs it: every paper's term counts (computed once, when
 * the paper is first read) and first-seen time, the document frequencies over all of them, and
 * vectors made on demand. It reads new papers from the store incrementally (by id), so a request
 * after an ingest costs only the new papers. Training samples a bounded background and ranks only
 * the papers of the asked window, so a request's cost does not grow with the history.
 */
import { forYou, MIN_POSITIVES, samplePositions, type Doc, type ForYouResult } from "./foryou.js";
import { readableTerms } from "./explain.js";
import { similarTo } from "./similar.js";
import { Vocabulary, type SparseVector, type TermCounts } from "./vectors.js";

/** A paper's text and when the bot first saw it: what the store supplies, in id order. */
export interface PaperText {
  id: number;
  title: string;
  abstract: string;
  firstSeenAt: string;
}

/** Read side the recommender needs; declared here, implemented by the store. */
export interface PaperTexts {
  /** Papers with an id above `afterId`, ascending, at most `limit`. */
  textsAfter(afterId: number, limit: number): PaperText[];
}

/** What a person told the bot, as paper ids. */
export interface Preferences {
  liked: readonly number[];
  saved: readonly number[];
  disliked: readonly number[];
  /** Papers the person's subscriptions matched (weak positives). */
  matched?: readonly number[];
}

export interface Explained {
  id: number;
  score: number;
  /** The liked or saved paper this one is closest to, when one is close. */
  likePaperId: number | null;
  /** The words that explain it (shared with the paper, or weighing most for the person). */
  terms: string[];
}

export type ForYouOutcome = { kind: "needMore"; positives: number; needed: number } | { kind: "ranked"; papers: Explained[] };

/** Unrated papers a person's model is trained against, at most. */
const BACKGROUND = 2_000;
const READ_CHUNK = 5_000;
const REASON_WORDS = 3;

export class Recommender {
  readonly vocabulary = new Vocabulary();
  private readonly counts = new Map<number, TermCounts>();
  private readonly ids: number[] = [];
  private readonly firstSeen: string[] = [];
  private lastId = 0;
  private vectors = new Map<number, SparseVector>();
  private vectorsAt = -1;

  constructor(private readonly texts: PaperTexts) {}

  /** Reads papers added since the last call. */
  refresh(): void {
    for (;;) {
      const batch = this.texts.textsAfter(this.lastId, READ_CHUNK);
      for (const paper of batch) {
        this.counts.set(paper.id, this.vocabulary.add(paper.title, paper.abstract));
        this.ids.push(paper.id);
        this.firstSeen.push(paper.firstSeenAt);
        this.lastId = paper.id;
      }
      if (batch.length < READ_CHUNK) break;
    }
  }

  private doc(id: number): Doc | undefined {
    if (this.vectorsAt !== this.vocabulary.size) {
      this.vectors = new Map();
      this.vectorsAt = this.vocabulary.size;
    }
    let vector = this.vectors.get(id);
    if (vector === undefined) {
      const counts = this.counts.get(id);
      if (counts === undefined) return undefined;
      vector = this.vocabulary.vector(counts);
      this.vectors.set(id, vector);
    }
    return { id, vector };
  }

  private docs(ids: Iterable<number>): Doc[] {
    const docs: Doc[] = [];
    for (const id of ids) {
      const doc = this.doc(id);
      if (doc !== undefined) docs.push(doc);
    }
    return docs;
  }

  /** Ids of papers first seen at or after `since` (an ISO time), or all of them when null. */
  private seenSince(since: string | null): number[] {
    if (since === null) return [...this.ids];
    let low = 0;
    let high = this.firstSeen.length;
    // first-seen times grow with ids, except where a backfill added older papers later: scan those too
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.firstSeen[mid] ?? "") < since) low = mid + 1;
      else high = mid;
    }
    return this.ids.filter((_, i) => i >= low || (this.firstSeen[i] ?? "") >= since);
  }

  /** Papers like `paperId`, each with the distinctive words they share with it. */
  similar(paperId: number, limit: number): Explained[] {
    this.refresh();
    const target = this.doc(paperId);
    if (target === undefined) return [];
    return similarTo(target, this.docs(this.ids), limit).map((s) => ({
      id: s.id,
      score: s.similarity,
      likePaperId: null,
      terms: readableTerms(this.vocabulary, s.shared, REASON_WORDS),
    }));
  }

  /**
   * The person's ranking of the papers first seen since `since` (null: the whole history), or of
   * exactly `among` (an ingest's new papers) when given.
   */
  forYou(preferences: Preferences, since: string | null, limit: number, seed: number, among?: readonly number[]): ForYouOutcome {
    this.refresh();
    const positiveIds = [...new Set([...preferences.liked, ...preferences.saved])];
    if (positiveIds.length < MIN_POSITIVES) {
      return { kind: "needMore", positives: positiveIds.length, needed: MIN_POSITIVES - positiveIds.length };
    }
    const background = samplePositions(this.ids.length, BACKGROUND, seed).map((at) => this.ids[at] ?? 0);
    const result: ForYouResult = forYou({
      positives: this.docs(positiveIds),
      disliked: this.docs(preferences.disliked),
      subscriptionMatches: this.docs(preferences.matched ?? []),
      background: this.docs(background),
      candidates: this.docs(among ?? this.seenSince(since)),
      limit,
    });
    if (result.kind === "needMore") return result;
    return {
      kind: "ranked",
      papers: result.papers.map((p) => ({
        id: p.id,
        score: p.score,
        likePaperId: p.reason.kind === "like" ? p.reason.paperId : null,
        terms: p.reason.kind === "terms" ? readableTerms(this.vocabulary, p.reason.termIds, REASON_WORDS) : [],
      })),
    };
  }
}

/** One recommender per paper source (an open store's papers), kept so each paper's features are computed once. */
const shared = new WeakMap<PaperTexts, Recommender>();

export function recommenderFor(texts: PaperTexts): Recommender {
  let recommender = shared.get(texts);
  if (recommender === undefined) {
    recommender = new Recommender(texts);
    shared.set(texts, recommender);
  }
  return recommender;
}
