import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalArxivId, mainTitle, normalizeTitle, paperKey, paperLinks, titleKey } from "../../src/papers/index.js";

describe("normalizeTitle", () => {
  it("GIVEN titles differing only in dash style THEN they normalise alike", () => {
    const variants = [
      "Self-Distillation for Large-Scale Scenes",
      "Self\u2010Distillation for Large\u2011Scale Scenes",
      "Self\u2013Distillation for Large\u2014Scale Scenes",
      "Self\u2212Distillation for Large\uFE63Scale Scenes",
    ];
    expect(new Set(variants.map(normalizeTitle))).toEqual(new Set(["self distillation for large scale scenes"]));
  });

  it("GIVEN titles differing only in quote style THEN they normalise alike", () => {
    const variants = [
      `Let's Make "Soft" VSA Work`,
      "Let\u2019s Make \u201CSoft\u201D VSA Work",
      "Let`s Make ``Soft'' VSA Work",
      "Let\u02BCs Make \u00ABSoft\u00BB VSA Work",
    ];
    expect(new Set(variants.map(normalizeTitle))).toEqual(new Set(["lets make soft vsa work"]));
  });

  it("GIVEN a subtitle separated by a colon, a spaced hyphen or an em dash THEN the titles normalise alike", () => {
    const variants = ["CROMA: Remote Sensing", "CROMA - Remote Sensing", "CROMA \u2014 Remote Sensing", "CROMA\u2014Remote Sensing"];
    expect(new Set(variants.map(normalizeTitle))).toEqual(new Set(["croma remote sensing"]));
  });

  it("GIVEN case, NFKC compatibility forms, ligatures and odd whitespace THEN they are folded", () => {
    expect(normalizeTitle("  \uFF2C\uFF2C\uFF2D  E\uFB03cient\u00A0Serving\t\n ")).toBe("llm efficient serving");
    expect(normalizeTitle("MUVERA:\u2003Multi\u2011Vector\u200B Retrieval")).toBe("muvera multi vector retrieval");
    expect(normalizeTitle("Stra\u00DFe Schr\u00F6dinger Caf\u0065\u0301")).toBe("strasse schrodinger cafe");
  });

  it("GIVEN punctuation THEN it separates words, while C++ and C# keep their symbols", () => {
    expect(normalizeTitle("LLM.int8(): 8-bit Matrix Multiplication")).toBe("llm int8 8 bit matrix multiplication");
    expect(normalizeTitle("Why Can't Transformers Learn Multiplication?")).toBe("why cant transformers learn multiplication");
    expect(normalizeTitle("Closing the Gap with Modern C++")).toBe("closing the gap with modern c++");
    expect(normalizeTitle("...")).toBe("");
  });

  it("GIVEN any string THEN normalising is idempotent and leaves no double or edge spaces", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (title) => {
        const once = normalizeTitle(title);
        expect(normalizeTitle(once)).toBe(once);
        expect(once).not.toMatch(/^\s|\s$|\s{2}/u);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("mainTitle", () => {
  it("GIVEN a subtitle after a colon, spaced dash, em dash or question mark THEN only the main part is kept", () => {
    expect(mainTitle("SMASH: Sparse Matrix Atomic Scratchpad Hashing")).toBe("smash");
    expect(mainTitle("NUPES : Non-Uniform Post-Training Quantization")).toBe("nupes");
    expect(mainTitle("All is Not Lost \u2014 LLM Recovery")).toBe("all is not lost");
    expect(mainTitle("Why Can't Transformers Learn Multiplication? Reverse-Engineering")).toBe("why cant transformers learn multiplication");
  });

  it("GIVEN a hyphenated word and no separator THEN the whole title is the main part", () => {
    expect(mainTitle("Scalable MatMul-free Language Modeling")).toBe("scalable matmul free language modeling");
  });
});

describe("paper identity keys", () => {
  it("GIVEN an arXiv id THEN the key is the id without version, whatever the title", () => {
    expect(paperKey({ arxivId: "2312.06635", title: "A" })).toBe("arxiv:2312.06635");
    expect(paperKey({ arxivId: " arXiv:2312.06635v3 ", title: "B" })).toBe("arxiv:2312.06635");
    expect(paperKey({ arxivId: "hep-th/9901001v2", title: "C" })).toBe("arxiv:hep-th/9901001");
  });

  it("GIVEN no arXiv id (or an empty one) THEN the key is the normalised title", () => {
    expect(paperKey({ arxivId: null, title: "CROMA: Remote Sensing" })).toBe("title:croma remote sensing");
    expect(paperKey({ arxivId: "  ", title: "CROMA \u2014 Remote  Sensing" })).toBe(titleKey("croma: remote sensing"));
  });

  it("GIVEN ids with decoration THEN canonicalArxivId strips it, and null or blank gives null", () => {
    expect(canonicalArxivId("2401.12345v2")).toBe("2401.12345");
    expect(canonicalArxivId(null)).toBeNull();
    expect(canonicalArxivId("")).toBeNull();
  });
});

describe("paperLinks", () => {
  it("GIVEN an arXiv id THEN both pages are linked, without the version", () => {
    expect(paperLinks("2312.06635v2", "Gated Linear Attention")).toEqual({
      hfUrl: "https://huggingface.co/papers/2312.06635",
      arxivUrl: "https://arxiv.org/abs/2312.06635",
      isSearch: false,
    });
  });

  it("GIVEN no arXiv id THEN the card links to a title search on Hugging Face Papers, every bracket and space encoded", () => {
    const search = { hfUrl: "https://huggingface.co/papers?q=Sparse+%28Block%29+Attention%3A+a+%5Bstudy%5D", arxivUrl: null, isSearch: true };
    expect(paperLinks(null, "Sparse (Block) Attention: a [study]")).toEqual(search);
    expect(paperLinks(" ", "Sparse  (Block) Attention: a [study] ")).toEqual(search);
    expect(paperLinks(null, "word ".repeat(100)).hfUrl.length).toBeLessThan(300);
  });
});
