import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STOPWORDS } from "../../src/papers/stopwords.js";
import { pick, seeded, type Random } from "../generate.js";
import { readSamplePapers, type SamplePaper } from "../samples.js";

/*
 * A synthetic history of any size with the term statistics of a real one. Abstracts are seed
 * sentences recombined, a quarter of their content words replaced by draws from a Zipf-distributed
 * vocabulary (the seed words by frequency, then a long tail of made-up technical words), so a few
 * words are in most papers, many in a few percent and most in a handful. Titles splice two seed
 * titles, with the same substitution, behind a name unique to the paper, so no two papers are one.
 * Paper `i` depends only on the seed and `i`: the raw baseline regenerates exactly what was dumped.
 */

/** One paper as the dumps state it. */
export interface CorpusPaper {
  title: string;
  abstract: string;
  authorCount: number;
  organization: { handle: string; name: string } | null;
  publishedOn: string;
  upvotes: number;
}

const SYLLABLES = "ka ro mi ten vu sel dra pho lin qua zer bo ny xi tal gor fen ush pal driv".split(" ");
const ORGS = [
  { handle: "openbmb", name: "OpenBMB" },
  { handle: "facebook", name: "Meta AI" },
  { handle: "google", name: "Google DeepMind" },
  { handle: "nvidia", name: "NVIDIA" },
  { handle: "Qwen", name: "Qwen" },
  { handle: "allenai", name: "Allen AI" },
];
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
/** Share of an abstract's content words replaced by a vocabulary draw. */
const SUBSTITUTION = 0.25;
/** Made-up words after the seed words: the tail of a technical vocabulary. */
const TAIL_WORDS = 60_000;
/** Zipf exponent of the vocabulary (1 is the classic law for word frequencies). */
const ZIPF = 1.05;
const WORD = /[A-Za-z][A-Za-z-]*[A-Za-z]/g;

/** `n` written in syllables: distinct numbers give distinct words. */
export function syllableWord(n: number, minimum: number): string {
  let word = "";
  let rest = n;
  for (let i = 0; i < minimum || rest > 0; i += 1) {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return word;
}

/** A text split into words that may be replaced and the text between them. */
interface Template {
  parts: string[];
  /** Indexes of the parts that are replaceable content words. */
  slots: number[];
}

function template(text: string): Template {
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    parts.push(text.slice(last, match.index));
    const word = match[0];
    if (word.length >= 4 && !STOPWORDS.has(word.toLowerCase())) slots.push(parts.length);
    parts.push(word);
    last = match.index + word.length;
  }
  parts.push(text.slice(last));
  return { parts, slots };
}

export class Corpus {
  private readonly sentences: Template[];
  private readonly titleHeads: string[][];
  private readonly titleTails: string[][];
  private readonly vocabulary: string[];
  private readonly cumulative: Float64Array;

  constructor(
    private readonly seed: number,
    samples: readonly SamplePaper[] = readSamplePapers(),
  ) {
    const counts = new Map<string, number>();
    for (const paper of samples) {
      for (const word of `${paper.title} ${paper.abstract}`.match(WORD) ?? []) {
        const lower = word.toLowerCase();
        if (lower.length >= 4 && !STOPWORDS.has(lower)) counts.set(lower, (counts.get(lower) ?? 0) + 1);
      }
    }
    const seedWords = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
    this.vocabulary = [...seedWords, ...Array.from({ length: TAIL_WORDS }, (_, i) => syllableWord(i, 3))];
    this.cumulative = new Float64Array(this.vocabulary.length);
    let total = 0;
    for (let rank = 0; rank < this.vocabulary.length; rank += 1) {
      total += 1 / Math.pow(rank + 1, ZIPF);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < this.cumulative.length; rank += 1) this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
    this.sentences = samples
      .flatMap((p) => p.abstract.split(/(?<=\.)\s+/))
      .filter((s) => s.length > 30 && !s.includes("http"))
      .map(template);
    // A seed title's own name ("DistZO2: …") would make every paper spliced from it share a main title.
    const titles = samples.map((p) => p.title.replace(/^[^:]{1,30}:\s+/, "").split(" "));
    this.titleHeads = titles.map((words) => words.slice(0, Math.ceil(words.length / 2)));
    this.titleTails = titles.map((words) => words.slice(Math.ceil(words.length / 2)));
  }

  /** A word of the vocabulary drawn by its Zipf weight. */
  private draw(random: Random): string {
    const target = random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return this.vocabulary[low] ?? "model";
  }

  private fill(random: Random, t: Template, capitalise: boolean): string {
    const parts = t.parts.slice();
    for (const slot of t.slots) {
      if (random() >= SUBSTITUTION) continue;
      const word = this.draw(random);
      parts[slot] = capitalise ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    }
    return parts.join("");
  }

  /** Paper `index` of the history (0-based). */
  paper(index: number): CorpusPaper {
    const random = seeded(this.seed ^ Math.imul(index + 1, 0x9e3779b1));
    const name = syllableWord(index, 2);
    const head = pick(random, this.titleHeads).join(" ");
    const tail = pick(random, this.titleTails).join(" ");
    const spliced = this.fill(random, template(`${head} ${tail}`.trim()), true);
    const title = random() < 0.5 ? `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${spliced}` : `${spliced} with ${name}`;
    const target = 1_400 + Math.floor(random() * 600);
    let abstract = "";
    while (abstract.length < target) abstract += (abstract === "" ? "" : " ") + this.fill(random, pick(random, this.sentences), false);
    return {
      title,
      abstract,
      authorCount: 1 + Math.floor(random() * 12),
      organization: random() < 0.2 ? pick(random, ORGS) : null,
      publishedOn: `2024-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
      upvotes: Math.floor(-Math.log(1 - random()) * 6),
    };
  }
}

/** The page text of one paper, as a capture of the Daily Papers page shows it. */
function pageText(p: CorpusPaper): string {
  const [year, month, day] = p.publishedOn.split("-").map(Number);
  const date = `${MONTHS[(month ?? 1) - 1]} ${day}, ${year} ${p.upvotes}`;
  const byline = p.organization === null ? `  • ${p.authorCount} authors` : `${p.organization.handle} ${p.organization.name}`;
  return `${p.title}\n\n${p.abstract}\n\n${byline}\n·\n${date}\n\n`;
}

/** Where each dump starts and how many papers it holds. */
export interface DumpPlan {
  path: string;
  first: number;
  count: number;
}

/** Splits `papers` into `dumps` text dumps in `dir`, written one at a time (never all in memory). */
export function writeDumps(corpus: Corpus, dir: string, papers: number, dumps: number): DumpPlan[] {
  mkdirSync(dir, { recursive: true });
  const plans: DumpPlan[] = [];
  for (let d = 0; d < dumps; d += 1) {
    const first = Math.floor((papers * d) / dumps);
    const count = Math.floor((papers * (d + 1)) / dumps) - first;
    const path = join(dir, `dump-${String(d).padStart(4, "0")}.txt`);
    const chunks = ["new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n"];
    chunks.push(`byAK and the research community\n\nDec ${1 + (d % 28)}\n\n`);
    for (let i = first; i < first + count; i += 1) chunks.push(pageText(corpus.paper(i)));
    writeFileSync(path, chunks.join(""));
    plans.push({ path, first, count });
  }
  return plans;
}
