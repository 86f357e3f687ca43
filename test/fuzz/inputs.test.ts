import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/commands/index.js";
import { readDump } from "../../src/digests/index.js";
import { isPaperbotError } from "../../src/errors.js";
import { parseQuery } from "../../src/search/index.js";

const SOURCE = { name: "fuzz.txt", referenceTime: new Date("2025-12-20T00:00:00Z") };
const RUNS = Number(process.env.PAPERBOT_FUZZ_RUNS ?? "300");

/** Pieces of real dumps, shuffled and damaged, reach the parser's corners faster than pure noise. */
const DUMP_PIECES = [
  "new\n", "Daily Papers\n", "byAK and the research community\n", "Dec 12\n", "\n", "\r\n", "\uFEFF",
  "Gated Linear Attention Transformers\n", "We propose a method. It works.\n", "  • 5 authors\n", "·\n",
  "Dec 11, 2023 2\n", "Feb 29\n", "openbmb OpenBMB\n", "\u00A0\t \n", "Jan 3\n", "x".repeat(300), "\u0000", "{", "[",
  '{"paper":{"id":"2401.00001","title":"T","summary":"S"}}', "]", "}", '"', "\uD83D\uDE00",
];

function readSafely(bytes: Buffer): void {
  try {
    const parsed = readDump(bytes, SOURCE);
    for (const paper of parsed.papers) {
      expect(paper.title.length).toBeGreaterThan(0);
      expect(paper.title).not.toMatch(/\n/);
      expect(paper.upvotes).toBeGreaterThanOrEqual(0);
      if (paper.publishedOn !== null) expect(paper.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  } catch (error) {
    if (!isPaperbotError(error)) throw error;
    expect(error.where).toContain("fuzz.txt");
  }
}

describe("fuzzing the inputs users and dumps control", () => {
  it("GIVEN random bytes THEN the dump reader returns papers or a PaperbotError naming the file", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4_000 }), (bytes) => readSafely(Buffer.from(bytes))),
      { numRuns: RUNS, seed: 20261120 },
    );
  });

  it("GIVEN shuffled and damaged dump pieces THEN no exception escapes and no paper is garbled", () => {
    const dump = fc.array(fc.constantFrom(...DUMP_PIECES), { maxLength: 80 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(dump, (text) => readSafely(Buffer.from(text, "utf8"))),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it("GIVEN random Unicode THEN the dump reader and the query parser never throw", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 600 }), (text) => {
        readSafely(Buffer.from(text, "utf8"));
        const parsed = parseQuery(text);
        expect(typeof parsed.ok).toBe("boolean");
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it("GIVEN random slash-command text THEN parsing yields an invocation or a usage, never an exception", () => {
    const words = fc.constantFrom(
      "/papers", "search", "subscribe", "channel", "set", "off", "show", "limit:5", "limit:", "min_upvotes:-1",
      "filter:", '"', "dm", "instant", "weekly", "mon", "09:00", "\u0000", "OR", "-", "*", "title:", "#3", "trending",
    );
    const text = fc.oneof(
      fc.array(words, { maxLength: 12 }).map((w) => w.join(" ")),
      fc.string({ unit: "binary", maxLength: 300 }),
    );
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseCommandText(input);
        if (!parsed.ok) expect(parsed.mistake.usage).toMatch(/^\/papers /);
      }),
      { numRuns: RUNS * 3, seed: 3 },
    );
  });

  it("GIVEN huge inputs THEN each is answered quickly with a clear refusal or a result", () => {
    const big = "a ".repeat(2_500_000);
    expect(() => readDump(Buffer.from(big), SOURCE)).toThrow();
    expect(parseQuery("z".repeat(5_000)).ok).toBe(false);
    const huge = parseCommandText(`/papers search ${"q".repeat(100_000)}`);
    expect(huge.ok).toBe(false);
  });
});
