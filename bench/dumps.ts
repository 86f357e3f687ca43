import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { paperText, pick, seeded, vocabularyOf, type Random, type Vocabulary } from "./generate.js";
import { readSamplePapers } from "./samples.js";

/*
 * Synthetic Daily Papers text dumps of any size, for the responsiveness checks and benchmarks:
 * papers that read like the samples (bench/generate.ts) under titles of their own, each ending in
 * a made-up code name so every paper is new, written as the page captures the inbox expects.
 */

const SYLLABLES = "ka lo mi ne ru sa ti vo ze qua bri dex fin gol hur jin kel mor nux pax rim sol tev ulm".split(" ");
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** A pronounceable word unique to `n` (base-24 syllables), so titles never collide. */
export function codeName(n: number): string {
  let word = "";
  let rest = n;
  do {
    word += SYLLABLES[rest % SYLLABLES.length] ?? "x";
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Spliced sample titles are near-duplicates of each other, so the title is drawn word by word from
 * the vocabulary instead (the abstract stays on the sample paper's topic).
 */
function title(random: Random, vocabulary: Vocabulary, n: number): string {
  const words = Array.from({ length: 5 + Math.floor(random() * 6) }, () => pick(random, vocabulary.words));
  const first = words[0] ?? "";
  return `${first.charAt(0).toUpperCase()}${first.slice(1)} ${words.slice(1).join(" ")} ${codeName(n)}`;
}

function block(random: Random, vocabulary: Vocabulary, n: number): string {
  const paper = { ...paperText(random, vocabulary), title: title(random, vocabulary, n) };
  const [year, month = "01", day = "01"] = paper.publishedOn.split("-");
  const date = `${MONTHS[Number(month) - 1] ?? "Jan"} ${Number(day)}, ${year ?? "2024"} ${paper.upvotes}`;
  return `${paper.title}\n\n${paper.abstract}\n\n  • ${paper.authors.length} authors\n·\n${date}\n`;
}

/** The text of one dump holding papers `from` … `from + count - 1` of the seeded sequence. */
export function dumpText(vocabulary: Vocabulary, seed: number, from: number, count: number): string {
  const random = seeded(seed + from);
  const blocks: string[] = [];
  for (let i = 0; i < count; i += 1) blocks.push(block(random, vocabulary, from + i));
  return `Daily Papers\n\nbyAK and the research community\n\nDec 20\n\n${blocks.join("\n")}`;
}

/**
 * Writes `papers` synthetic papers into `dir` as dumps of at most `perDump` papers each
 * (`synthetic-000.txt`, …, read in name order) and returns their paths.
 */
export function writeSyntheticDumps(dir: string, options: { papers: number; perDump?: number; seed?: number }): string[] {
  const perDump = options.perDump ?? 20_000;
  const seed = options.seed ?? 7;
  const vocabulary = vocabularyOf(readSamplePapers());
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let from = 0, i = 0; from < options.papers; from += perDump, i += 1) {
    const path = join(dir, `synthetic-${String(i).padStart(3, "0")}.txt`);
    writeFileSync(path, dumpText(vocabulary, seed, from, Math.min(perDump, options.papers - from)));
    paths.push(path);
  }
  return paths;
}
