import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LINE_LENGTH } from "../../src/digests/index.js";
import { fixtureBytes, fixtureText } from "./helpers.js";
import { chunked, dumpFixtureNames, randomSizes, readStreamed, readWhole } from "./stream-helpers.js";

const CHUNKINGS: [string, number[]][] = [
  ["1 byte", [1]],
  ["7 bytes", [7]],
  ["64 KB", [64 * 1024]],
  ["random sizes", randomSizes(13, 4096)],
];

const SMALL = fixtureText("capture-small.txt");
const FEED = fixtureText("arxiv-query.atom");

/** Inputs every reader must refuse or read with damage, as the bad-input and Atom tests build them. */
const DAMAGED: [string, Buffer][] = [
  ["a NUL byte on line 5", Buffer.from(SMALL.replace("Subscribe", "Subs\u0000cribe"))],
  ["a NUL byte after a broken UTF-8 byte", Buffer.concat([Buffer.from(SMALL.slice(0, 40)), Buffer.from([0xe9]), Buffer.from(SMALL.slice(40)), Buffer.from([0])])],
  ["Latin-1 on line 5", Buffer.from(SMALL.replace("Subscribe", "Subscrib\u00e9"), "latin1")],
  ["a truncated UTF-8 sequence at the end", Buffer.concat([Buffer.from(SMALL), Buffer.from([0xe2, 0x80])])],
  ["UTF-16 LE", Buffer.from(SMALL, "utf16le")],
  ["control characters", Buffer.from(SMALL.replace(/e/gu, "\u0001"))],
  ["CRLF line ends and a BOM", Buffer.from(`\uFEFF${fixtureText("samples/001_e9c211c8087c40cd.txt").replace(/\n/gu, "\r\n")}`)],
  ["lone CR line ends", Buffer.from(SMALL.replace(/\n/gu, "\r"))],
  ["a line over the limit on line 16", Buffer.from(SMALL.replace("Transformers with linear attention", `${"x".repeat(MAX_LINE_LENGTH)} Transformers`))],
  ["a long line of spaces before the first paper", Buffer.from(`${" ".repeat(MAX_LINE_LENGTH + 5)}\n${SMALL}`)],
  ["only whitespace", Buffer.from(" \n\u00a0\r\n\t\u200b\n")],
  ["no bytes", Buffer.alloc(0)],
  ["JSON cut short", Buffer.from('[\n  {"paper": {\n')],
  ["JSON with text after the array", Buffer.from(`${fixtureText("papers.json")}\nx`)],
  ["JSON with a missing comma", Buffer.from('[{"title": "A", "summary": "B"}\n {"title": "C", "summary": "D"}]')],
  ["an empty JSON array", Buffer.from(" [ ] ")],
  ["a JSON array of numbers", Buffer.from("[1, 2, 3]")],
  ["paper objects then a daily entry", Buffer.from(`[{"title": "A", "summary": "B"}, ${fixtureText("daily-papers.json").trim().slice(1)}`)],
  ["an Atom feed cut short", Buffer.from(FEED.slice(0, FEED.indexOf("</feed>")))],
  ["an HTML page", Buffer.from("<!DOCTYPE   html>\n<html><body><entry>not a feed</entry></body></html>")],
  [
    "arXiv's error feed",
    Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title><summary>bad query</summary></entry></feed>\n'),
  ],
  ["an Atom entry never closed", Buffer.from(FEED.replace("</entry>\n  <entry>", "\n  <entry>"))],
];

async function expectSameReading(bytes: Buffer, name: string, sizes: number[]): Promise<void> {
  const whole = readWhole(bytes, name);
  const { end, ...streamed } = await readStreamed(chunked(bytes, sizes), name);
  expect(streamed).toEqual(whole);
  if (whole.ok) expect(end?.papers).toBe(whole.papers.length);
}

describe("a dump read as a stream reads as the whole file does", () => {
  const fixtures = dumpFixtureNames();

  it("GIVEN the fixture set THEN it holds the sample captures, JSON, Atom and damaged captures", () => {
    expect(fixtures).toEqual(expect.arrayContaining(["samples/000_e164c9032b656815.txt", "daily-papers.json", "paper.json", "arxiv-query.atom", "invalid.json"]));
    expect(fixtures.length).toBeGreaterThanOrEqual(19);
  });

  for (const [label, sizes] of CHUNKINGS) {
    it(`GIVEN every fixture dump in chunks of ${label} THEN the same drafts, warnings, date, format and errors as readDump`, async () => {
      for (const name of fixtures) await expectSameReading(fixtureBytes(name), name, sizes);
    });

    it(`GIVEN damaged and refused inputs in chunks of ${label} THEN the same errors (code, message, where) or readings as readDump`, async () => {
      for (const [label, bytes] of DAMAGED) await expectSameReading(bytes, `${label}.txt`, sizes);
    });
  }

  it("GIVEN a sample capture THEN drafts are yielded before the stream ends, not all at the end", async () => {
    const bytes = fixtureBytes("samples/001_e9c211c8087c40cd.txt");
    let fed = 0;
    const counting = async function* (): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunked(bytes, [512])) {
        fed += chunk.length;
        yield chunk;
      }
    };
    const stream = (await import("../../src/digests/index.js")).readDumpStream(counting(), { name: "s.txt", referenceTime: new Date("2025-12-15T12:00:00Z") });
    const first = await stream.next();
    expect(first.done).toBe(false);
    expect(fed).toBeLessThan(bytes.length / 4);
  });

  it("GIVEN shuffled and damaged dump pieces cut at random places THEN the stream and readDump agree on every one", async () => {
    const pieces = [
      "new\n", "Daily Papers\n", "Dec 12\n", "\n", "\r\n", "\r", "\uFEFF", "\u00a0", "Gated Linear Attention Transformers\n",
      "We propose a method. It works.\n", "  • 5 authors\n", "·\n", "Gensyn Gensyn\n", "Dec 11, 2023 2\n", "Feb 29\n", "Jan 2\n",
      "Sep 4, 2099 3\n", "weight-\n", "and activation\n", "lower case continues.\n", "x".repeat(300), "\u0000", "\u00e9", "{", "[", "]", "}", '"', ",",
      '{"paper":{"id":"2401.00001","title":"T","summary":"S"},"publishedAt":"2025-01-02"}', '{"title":"A","summary":"B","upvotes":1e999}',
      "<feed>", "</feed>", "<entry>", "</entry>", "<id>http://arxiv.org/abs/2401.00001v2</id>", "<title>T</title>", "<summary>S</summary>",
      "<!DOCTYPE html>", "<entryx>", "\uD83D\uDE00",
    ];
    const input = fc.record({
      text: fc.array(fc.constantFrom(...pieces), { maxLength: 50 }).map((parts) => parts.join("")),
      sizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ text, sizes }) => {
        const bytes = Buffer.from(text, "utf8");
        expect(await readStreamed(chunked(bytes, sizes), "fuzz.txt").then(({ end: _end, ...rest }) => rest)).toEqual(readWhole(bytes, "fuzz.txt"));
      }),
      { numRuns: Number(process.env.PAPERBOT_FUZZ_RUNS ?? "300"), seed: 2026 },
    );
  });
});
