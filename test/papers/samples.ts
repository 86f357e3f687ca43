import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDump, type PaperDraft } from "../../src/digests/index.js";
import { REFERENCE_TIME, SAMPLE_NAMES } from "../digests/helpers.js";

const SAMPLES = fileURLToPath(new URL("../fixtures/dumps/samples/", import.meta.url));

export { SAMPLE_NAMES };

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
