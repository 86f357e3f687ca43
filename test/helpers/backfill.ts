import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { codeName } from "../../bench/dumps.js";
import { pick, seeded, type Vocabulary } from "../../bench/generate.js";

/*
 * A backfill's worth of dumps, cheap to write: short papers (a title drawn from the sample
 * vocabulary and ending in a code name unique to the paper, an abstract of two sample sentences,
 * an author count and a date line), so a test can put 100,000 papers in the inbox in a few seconds
 * and spend its time on what it measures.
 */

function shortPaper(random: () => number, vocabulary: Vocabulary, n: number): string {
  const words = Array.from({ length: 4 + Math.floor(random() * 4) }, () => pick(random, vocabulary.words));
  const first = words[0] ?? "paper";
  const title = `${first.charAt(0).toUpperCase()}${first.slice(1)} ${words.slice(1).join(" ")} ${codeName(n)}`;
  const abstract = `${pick(random, vocabulary.sentences)} ${pick(random, vocabulary.sentences)}`;
  const day = 1 + Math.floor(random() * 28);
  return `${title}\n\n${abstract}\n\n  • ${1 + Math.floor(random() * 9)} authors\n·\nNov ${day}, 2025 ${Math.floor(random() * 30)}\n`;
}

/**
 * Writes `dumps` text dumps of `perDump` short papers each into `dir` (`backfill-000.txt`, … in the
 * order the inbox reads them); every paper is new. Returns their paths.
 */
export function writeBackfill(dir: string, vocabulary: Vocabulary, options: { dumps: number; perDump: number; seed?: number }): string[] {
  const random = seeded(options.seed ?? 13);
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let d = 0; d < options.dumps; d += 1) {
    const blocks: string[] = [];
    for (let i = 0; i < options.perDump; i += 1) blocks.push(shortPaper(random, vocabulary, d * options.perDump + i));
    const path = join(dir, `backfill-${String(d).padStart(3, "0")}.txt`);
    writeFileSync(path, `Daily Papers\n\nbyAK and the research community\n\nDec 20\n\n${blocks.join("\n")}`);
    paths.push(path);
  }
  return paths;
}
