import { describe, expect, it } from "vitest";
import { parseArxivId } from "../../src/papers/index.js";
import { canonicalArxivId } from "../../src/papers/index.js";
import { normalizeArxivId } from "../../src/digests/index.js";

describe("parseArxivId", () => {
  it.each([
    ["2401.01234", { id: "2401.01234", version: null }],
    ["2401.01234v2", { id: "2401.01234", version: 2 }],
    ["0704.0001", { id: "0704.0001", version: null }],
    ["  arXiv:2401.1234v10 ", { id: "2401.1234", version: 10 }],
    ["arxiv: 2401.12345", { id: "2401.12345", version: null }],
    ["hep-th/9901001", { id: "hep-th/9901001", version: null }],
    ["hep-th/9901001v3", { id: "hep-th/9901001", version: 3 }],
    ["math.GT/0309136v1", { id: "math.GT/0309136", version: 1 }],
    ["https://arxiv.org/abs/2401.01234v2", { id: "2401.01234", version: 2 }],
    ["http://arxiv.org/abs/hep-th/9901001", { id: "hep-th/9901001", version: null }],
    ["https://arxiv.org/pdf/2401.01234v2.pdf", { id: "2401.01234", version: 2 }],
    ["https://arxiv.org/pdf/2401.01234", { id: "2401.01234", version: null }],
    ["arxiv.org/abs/2401.01234/", { id: "2401.01234", version: null }],
    ["https://export.arxiv.org/abs/2401.01234?context=cs", { id: "2401.01234", version: null }],
    ["https://www.arxiv.org/abs/math.GT/0309136", { id: "math.GT/0309136", version: null }],
    ["https://huggingface.co/papers/2401.01234", { id: "2401.01234", version: null }],
    ["huggingface.co/papers/2401.01234#community", { id: "2401.01234", version: null }],
  ])("GIVEN %j THEN it reads as %j", (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  it.each([
    "",
    "2401.123",
    "24011.12345",
    "hep-th/990100",
    "Gated Linear Attention",
    "42",
    "https://example.com/abs/2401.01234",
    "https://arxiv.org/list/cs.AI/recent",
    "https://huggingface.co/datasets/2401.01234",
    "https://arxiv.org/abs/not-an-id",
  ])("GIVEN %j THEN it is not an arXiv id", (text) => {
    expect(parseArxivId(text)).toBeNull();
  });

  it("GIVEN the dump reader and paper identity THEN both read ids through the same parser", () => {
    for (const text of ["https://arxiv.org/abs/2401.01234v2", "hep-th/9901001v1", "arXiv:2401.01234"]) {
      const id = parseArxivId(text)?.id ?? null;
      expect(normalizeArxivId(text)).toBe(id);
      expect(canonicalArxivId(text)).toBe(id);
    }
  });
});
