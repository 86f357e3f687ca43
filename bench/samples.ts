import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/*
 * A crude reader of the sample dumps in data/inbox (title, abstract and metadata paragraphs), shared
 * by the benchmark and the search tests so both draw on the same real vocabulary. It is not the
 * digests reader: it only needs to be good enough to supply realistic text.
 */

/** A paper as the sample dumps show it. */
export interface SamplePaper {
  title: string;
  abstract: string;
  organization: string | null;
  publishedOn: string | null;
  upvotes: number;
}

/** data/inbox of the checkout, found upwards from this file (it runs from bench/ and dist/bench/). */
export function findInbox(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const inbox = join(dir, "data", "inbox");
    if (existsSync(inbox)) return inbox;
    if (dirname(dir) === dir) throw new Error(`no data/inbox above ${from}`);
  }
}

const HEADER = new Set([
  "new",
  "Get trending papers in your email inbox!",
  "Subscribe",
  "Daily Papers",
  "byAK and the research community",
]);
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DATE_LINE = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/;

function paragraphs(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim());
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === "") {
      if (current.length > 0) result.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function isMeta(lines: string[]): boolean {
  return lines.includes("·") || (lines[0] ?? "").startsWith("•");
}

function readMeta(lines: string[]): Pick<SamplePaper, "organization" | "publishedOn" | "upvotes"> {
  const first = lines[0] ?? "";
  const orgMatch = first.startsWith("•") || first === "·" ? null : /^\S+\s+(.+)$/.exec(first);
  const date = DATE_LINE.exec(lines[lines.length - 1] ?? "");
  let publishedOn: string | null = null;
  let upvotes = 0;
  if (date !== null) {
    const month = MONTHS.indexOf(date[1] ?? "") / 3 + 1;
    const year = date[3] ?? "2024";
    publishedOn = `${year}-${String(month).padStart(2, "0")}-${(date[2] ?? "1").padStart(2, "0")}`;
    upvotes = Number(date[4] ?? 0);
  }
  return { organization: orgMatch?.[1] ?? null, publishedOn, upvotes };
}

/** Every paper of one dump file. */
export function readSampleFile(path: string): SamplePaper[] {
  const blocks = paragraphs(readFileSync(path, "utf8"));
  let i = 0;
  while (i < blocks.length) {
    const text = (blocks[i] ?? []).join(" ");
    if (!HEADER.has(text) && !DATE_LINE.test(text)) break;
    i += 1;
  }
  const papers: SamplePaper[] = [];
  while (i + 1 < blocks.length) {
    const title = (blocks[i] ?? []).join(" ");
    const abstract = (blocks[i + 1] ?? []).join(" ");
    const meta = blocks[i + 2];
    if (meta !== undefined && isMeta(meta)) {
      papers.push({ title, abstract, ...readMeta(meta) });
      i += 3;
    } else {
      papers.push({ title, abstract, organization: null, publishedOn: null, upvotes: 0 });
      i += 2;
    }
  }
  return papers;
}

/** The sample papers of data/inbox, first sighting of each title only. */
export function readSamplePapers(inbox: string = findInbox()): SamplePaper[] {
  const seen = new Set<string>();
  const papers: SamplePaper[] = [];
  for (const name of readdirSync(inbox).filter((n) => n.endsWith(".txt")).sort()) {
    for (const paper of readSampleFile(join(inbox, name))) {
      if (seen.has(paper.title)) continue;
      seen.add(paper.title);
      papers.push(paper);
    }
  }
  return papers;
}
