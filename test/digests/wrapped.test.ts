import { describe, expect, it } from "vitest";
import { parse, parseFixture, SAMPLE_NAMES } from "./helpers.js";

/** Hard-wraps text at `width`, breaking lines at spaces and after the hyphens inside words. */
function wrap(text: string, width: number): string {
  const pieces = text.split(/(?<= )|(?<=\p{L}-)(?=\p{L})/u);
  const lines: string[] = [];
  let line = "";
  for (const piece of pieces) {
    if (line.length + piece.length > width && line !== "") {
      lines.push(line.trimEnd());
      line = "";
    }
    line += piece;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines.join("\n");
}

describe("hard-wrapped abstracts", () => {
  it("GIVEN lines broken after the hyphen of a compound (Function-as- / a-Service, weight- / activation) THEN they rejoin without a space", () => {
    const wrapped = parseFixture("capture-wrapped-hyphens.txt");
    const unwrapped = parseFixture("capture-unwrapped-hyphens.txt");
    expect(wrapped.warnings).toEqual([]);
    expect(wrapped.papers.map((p) => [p.title, p.abstract])).toEqual(unwrapped.papers.map((p) => [p.title, p.abstract]));
    expect(wrapped.papers[0]?.abstract).toContain("keeps weight-activation pipelines");
    expect(wrapped.papers[0]?.abstract).toContain("public Function-as-a-Service platforms");
    expect(wrapped.papers[1]?.abstract).toContain("so weight- and activation-quantized");
  });

  it("GIVEN every sample paper re-wrapped at 60 columns, breaking inside hyphenated words THEN titles and abstracts equal the unwrapped ones", () => {
    for (const name of SAMPLE_NAMES) {
      const original = parseFixture(`samples/${name}`);
      const body = original.papers
        .map((p) => `${wrap(p.title, 60)}\n\n${wrap(p.abstract, 60)}\n\n  • ${p.authorCount ?? 3} authors\n·\n${p.publishedOn === null ? "Jan 1, 2020" : dateLine(p.publishedOn)}\n`)
        .join("\n");
      const rewrapped = parse(`Daily Papers\n\n${monthDay(original.dumpDate)}\n\n${body}`, name);
      expect(rewrapped.papers.map((p) => [p.title, p.abstract])).toEqual(original.papers.map((p) => [p.title, p.abstract]));
    }
  });
});

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthDay(iso: string | null): string {
  if (iso === null) throw new Error("every sample is dated");
  return `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? "?"} ${Number(iso.slice(8, 10))}`;
}

function dateLine(iso: string): string {
  return `${monthDay(iso)}, ${iso.slice(0, 4)}`;
}
