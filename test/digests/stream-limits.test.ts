import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_PAPER_BYTES, MAX_DUMP_BYTES } from "../../src/digests/index.js";
import { fixtureText } from "./helpers.js";
import { chunked, readStreamed, readWhole } from "./stream-helpers.js";

const REFERENCE = new Date("2025-12-15T12:00:00Z");
const HEADER = "Daily Papers\nbyAK and the research community\n\nDec 12\n\n";

function paper(title: string, abstract: string): string {
  return `${title}\n\n${abstract}\n\n• 3 authors\n·\nDec 11 4\n\n`;
}

/** An abstract of about `bytes`, hard-wrapped in lines of 80 characters, as pages are captured. */
function longAbstract(bytes: number): string {
  const line = "We study how sparse attention scales across very long contexts and many devices";
  return `${Array.from({ length: Math.ceil(bytes / (line.length + 1)) }, () => line).join("\n")}.`;
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split("\n").length;
}

describe("a limit per paper, not per file, for streamed dumps", () => {
  it("GIVEN a capture whose second paper is 2 MB THEN the stream skips it with a warning naming its line and reads the others", async () => {
    const text = HEADER + paper("First Paper on Attention", "Short abstract one.") + paper("Huge Paper", longAbstract(2 * 1024 * 1024)) + paper("Third Paper", "Short abstract three.");
    const read = await readStreamed(chunked(Buffer.from(text), [64 * 1024]), "big.txt", { referenceTime: REFERENCE });
    if (!read.ok) throw new Error(read.message);
    expect(read.papers.map((p) => p.title)).toEqual(["First Paper on Attention", "Third Paper"]);
    expect(read.papers[1]).toMatchObject({ abstract: "Short abstract three.", authorCount: 3, upvotes: 4, publishedOn: "2025-12-11" });
    expect(read.warnings).toEqual([{ line: lineOf(text, "Huge Paper"), message: '"Huge Paper" takes more than 1 MB, the limit per paper; paper skipped' }]);
    const whole = readWhole(Buffer.from(text), "big.txt", REFERENCE);
    expect(whole.ok && whole.papers.map((p) => p.title)).toEqual(["First Paper on Attention", "Huge Paper", "Third Paper"]);
  });

  it("GIVEN a limit of 4 KB and a paper of 5 KB in one paragraph of short lines THEN only that paper is skipped", async () => {
    const text = HEADER + paper("Kept One", "Short.") + paper("Too Long", longAbstract(5 * 1024)) + paper("Kept Two", "Also short.");
    const read = await readStreamed(chunked(Buffer.from(text), [7]), "small.txt", { referenceTime: REFERENCE, maxPaperBytes: 4096 });
    expect(read.ok && read.papers.map((p) => p.title)).toEqual(["Kept One", "Kept Two"]);
    expect(read.ok && read.warnings).toEqual([{ line: lineOf(text, "Too Long"), message: '"Too Long" takes more than 4 KB, the limit per paper; paper skipped' }]);
  });

  it("GIVEN a daily_papers JSON array with a 2 MB entry THEN that entry is skipped with a warning naming its index and line", async () => {
    const entries = JSON.parse(fixtureText("daily-papers.json")) as { paper: { summary: string } }[];
    const huge = structuredClone(entries[0]);
    if (huge === undefined) throw new Error("fixture has no entry");
    huge.paper.summary = "x ".repeat(1024 * 1024);
    const json = JSON.stringify([entries[0], huge, ...entries.slice(1)], null, 1);
    const read = await readStreamed(chunked(Buffer.from(json), [64 * 1024]), "daily.json", { referenceTime: REFERENCE });
    const whole = readWhole(Buffer.from(json), "daily.json", REFERENCE);
    if (!read.ok || !whole.ok) throw new Error("both readings should succeed");
    expect(read.papers).toEqual(whole.papers.filter((_, index) => index !== 1));
    const start = json.lastIndexOf("\n {", json.indexOf('"x x')) + 1;
    const line = json.slice(0, start).split("\n").length;
    expect(read.warnings).toContainEqual({ line: 2, message: `entry 2 (line ${line} of the file) takes more than 1 MB, the limit per paper; skipped` });
    expect(read.dumpDate).toBe(whole.dumpDate);
  });

  it("GIVEN an Atom feed with a 2 MB entry THEN that entry is skipped with a warning naming its line and the others are read", async () => {
    const feed = fixtureText("arxiv-query.atom");
    const second = feed.indexOf("  <entry>", feed.indexOf("</entry>"));
    const huge = `  <entry>\n    <id>http://arxiv.org/abs/2512.05555v1</id>\n    <title>Huge</title>\n    <summary>${"y ".repeat(1024 * 1024)}</summary>\n  </entry>\n`;
    const text = feed.slice(0, second) + huge + feed.slice(second);
    const read = await readStreamed(chunked(Buffer.from(text), [4096]), "q.atom", { referenceTime: REFERENCE });
    if (!read.ok) throw new Error(read.message);
    expect(read.papers.map((p) => p.arxivId)).toEqual(["2512.01234"]);
    const line = lineOf(text, "<id>http://arxiv.org/abs/2512.05555v1") - 1;
    expect(read.warnings[0]).toEqual({ line, message: `entry at line ${line} takes more than 1 MB, the limit per paper; skipped` });
  });

  it("GIVEN a capture larger than readDump's 50 MB limit THEN the stream reads every paper of it", async () => {
    const one = paper("A Paper on Streaming", longAbstract(1500));
    const copies = Math.ceil((MAX_DUMP_BYTES + 1024 * 1024) / Buffer.byteLength(one));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(HEADER);
      const block = Buffer.from(one.repeat(100));
      for (let sent = 0; sent < copies; sent += 100) yield block;
    }
    const read = await readStreamed(chunks(), "large.txt", { referenceTime: REFERENCE });
    expect(read.ok).toBe(true);
    expect(read.end?.papers).toBe(Math.ceil(copies / 100) * 100);
    expect(DEFAULT_MAX_PAPER_BYTES).toBe(1024 * 1024);
  });
});
