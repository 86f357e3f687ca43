import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDump, type PaperDraft } from "../../src/digests/index.js";

const SAMPLES = fileURLToPath(new URL("../fixtures/dumps/samples/", import.meta.url));

/** The four real captures (copies of data/inbox), in the order an ingest would take them. */
export const SAMPLE_NAMES = [
  "000_e164c9032b656815.txt",
  "001_e9c211c8087c40cd.txt",
  "002_cf852956067276ef.txt",
  "003_e0ce2d25de6c357d.txt",
] as const;

const REFERENCE_TIME = new Date("2025-12-15T12:00:00Z");

/** Each sample's papers as the real reader produces them. */
export function sampleDumps(): { name: string; papers: PaperDraft[] }[] {
  return SAMPLE_NAMES.map((name) => ({
    name,
    papers: readDump(readFileSync(`${SAMPLES}${name}`), { name, referenceTime: REFERENCE_TIME }).papers,
  }));
}

/** Every distinct paper of the samples (by exact title), first appearance kept. */
export function distinctSamplePapers(): PaperDraft[] {
  const byTitle = new Map<string, PaperDraft>();
  for (const dump of sampleDumps()) for (const p of dump.papers) if (!byTitle.has(p.title)) byTitle.set(p.title, p);
  return [...byTitle.values()];
}

/** The sample paper with this exact title; fails loudly when the samples change. */
export function samplePaper(title: string): PaperDraft {
  const found = distinctSamplePapers().find((p) => p.title === title);
  if (found === undefined) throw new Error(`no sample paper titled ${title}`);
  return found;
}
