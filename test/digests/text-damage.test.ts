import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPaperbotError } from "../../src/errors.js";
import { METADATA_PATTERN, fixtureText, parse, parseFixture, titles } from "./helpers.js";

describe("a truncated last paper", () => {
  it("GIVEN a dump that ends mid-abstract THEN the paper is kept and a warning names its line", () => {
    const dump = parseFixture("capture-truncated-abstract.txt");
    expect(titles(dump)).toEqual([
      "BlockLLM: Multi-tenant Finer-grained Serving for Large Language Models",
      "Accurate Block Quantization in LLMs with Outliers",
    ]);
    expect(dump.papers[1]?.abstract).toMatch(/The problem is aggrava$/u);
    expect(dump.papers[1]?.publishedOn).toBeNull();
    expect(dump.warnings).toEqual([{ line: 13, message: expect.stringContaining("looks truncated") }]);
  });

  it("GIVEN a dump that ends after a title THEN that paper is dropped with a warning", () => {
    const dump = parseFixture("capture-truncated-title.txt");
    expect(titles(dump)).toEqual(["BlockLLM: Multi-tenant Finer-grained Serving for Large Language Models"]);
    expect(dump.warnings).toEqual([{ line: 13, message: expect.stringContaining("paper dropped") }]);
  });

  it("GIVEN a dump cut right after the `·` line THEN the paper keeps its author count and warns", () => {
    const dump = parseFixture("capture-truncated-meta.txt");
    expect(dump.papers[1]).toMatchObject({ authorCount: 2, publishedOn: null, upvotes: 0 });
    expect(dump.papers[1]?.abstract).toBe("The demand for inference on extremely large scale LLMs has seen enormous growth in the recent months.");
    expect(dump.warnings).toEqual([{ line: 13, message: expect.stringContaining("ends inside the metadata") }]);
  });

  it("GIVEN sample 000 cut mid-way through its third abstract THEN two whole papers and one flagged partial remain", () => {
    const text = fixtureText("samples/000_e164c9032b656815.txt");
    const cut = text.slice(0, text.indexOf("HE accelerators have emerged"));
    const dump = parse(cut, "000-cut.txt");
    expect(dump.papers).toHaveLength(3);
    expect(dump.papers[2]).toMatchObject({ title: "Leveraging ASIC AI Chips for Homomorphic Encryption", authorCount: null });
    expect(dump.warnings).toEqual([{ line: 29, message: expect.stringContaining("looks truncated") }]);
  });

  it("GIVEN a dump whose last paper is complete but lacks the metadata the others have THEN it is kept with a warning", () => {
    const text = fixtureText("samples/000_e164c9032b656815.txt");
    const cut = text.slice(0, text.lastIndexOf("  • 3 authors"));
    const dump = parse(cut, "000-cut.txt");
    expect(dump.papers).toHaveLength(5);
    expect(dump.warnings.map((warning) => warning.line)).toEqual([45]);
  });
});

describe("a damaged metadata block", () => {
  const dump = parseFixture("capture-damaged-meta.txt");

  it("GIVEN an authors line glued to the abstract and no `·` THEN the author count and date are still read", () => {
    expect(dump.papers[0]).toMatchObject({
      title: "Tilus: A Virtual Machine for Arbitrary Low-Precision GPGPU Computation in LLM Serving",
      authorCount: 8,
      publishedOn: "2025-04-17",
    });
    expect(dump.papers[0]?.abstract).toMatch(/computational throughput\.$/u);
  });

  it("GIVEN an organisation line glued to the abstract THEN it is split off, not left in the abstract", () => {
    expect(dump.papers[1]).toMatchObject({ organization: "Gensyn", organizationHandle: "Gensyn", publishedOn: "2025-06-18", upvotes: 3 });
    expect(dump.papers[1]?.abstract).toMatch(/model democratization\.$/u);
  });

  it("GIVEN a title right after a date line and an authors line after the date THEN the stray line is ignored with a warning", () => {
    expect(dump.papers[2]).toMatchObject({ title: "Paging with Succinct Predictions", authorCount: null, publishedOn: "2022-10-06" });
    expect(dump.warnings).toEqual([{ line: 22, message: expect.stringContaining("ignored") }]);
    expect(dump.papers[3]).toMatchObject({ title: "Closing the Performance Gap with Modern C++", authorCount: 5 });
  });

  it("GIVEN a mid-list title with no abstract THEN it is dropped with a warning and the next paper is whole", () => {
    const text = "Dec 12\n\nLost Title Without Abstract\n\nKept Title\n\nA complete abstract that is long enough to be prose and ends properly.\n\n  • 2 authors\n·\nDec 1\n";
    const result = parse(text);
    expect(titles(result)).toEqual(["Kept Title"]);
    expect(result.papers[0]).toMatchObject({ authorCount: 2, publishedOn: "2025-12-01", line: 5 });
    expect(result.warnings).toEqual([{ line: 3, message: expect.stringContaining("no abstract") }]);
  });

  it("GIVEN a title followed straight by its metadata THEN the paper is dropped and its metadata is not reused", () => {
    const text = "Dec 12\n\nTitle Only\n\n  • 4 authors\n·\nDec 2 5\n\nNext Paper\n\nIts abstract.\n";
    const result = parse(text);
    expect(result.papers.map((paper) => [paper.title, paper.authorCount, paper.upvotes])).toEqual([["Next Paper", null, 0]]);
    expect(result.warnings[0]).toEqual({ line: 3, message: expect.stringContaining("no abstract") });
  });

  it("GIVEN a dump that starts mid-paper THEN the orphan metadata is ignored and no garbled paper appears", () => {
    const text = fixtureText("samples/000_e164c9032b656815.txt");
    const tail = text.slice(text.indexOf("  • 12 authors"));
    const result = parse(tail);
    expect(titles(result)).toEqual([
      "Leveraging ASIC AI Chips for Homomorphic Encryption",
      "Multimodal Molecular Pretraining via Modality Blending",
      "CROMA: Remote Sensing Representations with Contrastive Radar-Optical Masked Autoencoders",
    ]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("GIVEN an abstract split by a blank line THEN its parts are joined with a warning", () => {
    const text = "Dec 12\n\nA Title\n\nThe first half of the abstract goes on for a while and then\n\nthe second half finishes the sentence and the abstract.\n\n  • 1 authors\n·\nDec 3\n";
    const result = parse(text);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]?.abstract).toBe(
      "The first half of the abstract goes on for a while and then the second half finishes the sentence and the abstract.",
    );
    expect(result.warnings).toEqual([{ line: 7, message: expect.stringContaining("joined") }]);
  });
});

describe("any damage to a real capture", () => {
  const sample = fixtureText("samples/001_e9c211c8087c40cd.txt").split("\n");

  it("GIVEN lines dropped, duplicated or blanked at random THEN reading either succeeds without metadata in titles or abstracts, or throws a PaperbotError", () => {
    const edit = fc.record({ at: fc.nat(sample.length - 1), op: fc.constantFrom("drop", "dup", "blank", "cut") });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        let lines = [...sample];
        for (const { at, op } of edits) {
          const index = at % Math.max(1, lines.length);
          if (op === "drop") lines.splice(index, 1);
          else if (op === "dup") lines.splice(index, 0, lines[index] ?? "");
          else if (op === "blank") lines[index] = "";
          else lines = lines.slice(0, index + 1);
        }
        try {
          const dump = parse(lines.join("\n"), "fuzzed.txt");
          for (const paper of dump.papers) {
            expect(paper.title).not.toMatch(METADATA_PATTERN);
            expect(paper.abstract).not.toMatch(/(?:^|\s)[•·](?:\s|$)|^\d+ authors$/u);
            expect(paper.title).not.toBe("");
            expect(paper.abstract).not.toBe("");
          }
          expect(dump.papers.length).toBeLessThanOrEqual(55 + edits.length);
        } catch (error) {
          if (!isPaperbotError(error)) throw error;
          expect(error.code).toMatch(/^DUMP_/u);
        }
      }),
      { numRuns: 200, seed: 20250110 },
    );
  });

  it("GIVEN arbitrary text THEN reading returns a dump or throws a PaperbotError, never anything else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        try {
          parse(text, "arbitrary.txt");
        } catch (error) {
          if (!isPaperbotError(error)) throw error;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
