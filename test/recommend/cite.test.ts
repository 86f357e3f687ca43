import { describe, expect, it } from "vitest";
import { bibtexEntry, bibtexFile, citationKey, escapeBibtex, textCitation, type CitablePaper } from "../../src/recommend/index.js";

const paper = (over: Partial<CitablePaper>): CitablePaper => ({
  title: "Untitled",
  authors: [],
  authorCount: null,
  publishedOn: null,
  arxivId: null,
  organization: null,
  ...over,
});

const GLA = paper({
  title: "Gated Linear Attention Transformers with Hardware-Efficient Training",
  authors: ["Songlin Yang", "Bailin Wang", "Yikang Shen", "Rameswar Panda", "Yoon Kim"],
  authorCount: 5,
  publishedOn: "2023-12-11",
  arxivId: "2312.06635",
});

describe("cite", () => {
  it("GIVEN known papers THEN each gives its exact BibTeX entry", () => {
    const table: [CitablePaper, string][] = [
      [
        GLA,
        `@misc{yang2023gated,
  title = {Gated Linear Attention Transformers with Hardware-Efficient Training},
  author = {Songlin Yang and Bailin Wang and Yikang Shen and Rameswar Panda and Yoon Kim},
  year = {2023},
  eprint = {2312.06635},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2312.06635}
}`,
      ],
      [
        paper({
          title: "LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale",
          authors: ["Tim Dettmers", "Mike Lewis", "Younes Belkada", "Luke Zettlemoyer"],
          publishedOn: "2022-08-15",
          arxivId: "2208.07339",
          primaryClass: "cs.LG",
        }),
        `@misc{dettmers2022llm,
  title = {{LLM.int8():} 8-bit Matrix Multiplication for Transformers at Scale},
  author = {Tim Dettmers and Mike Lewis and Younes Belkada and Luke Zettlemoyer},
  year = {2022},
  eprint = {2208.07339},
  archivePrefix = {arXiv},
  primaryClass = {cs.LG},
  url = {https://arxiv.org/abs/2208.07339}
}`,
      ],
      [
        paper({ title: "Old Physics", authors: ["Núñez, José"], arxivId: "hep-th/9901001" }),
        `@misc{nunez1999old,
  title = {Old Physics},
  author = {Núñez, José},
  year = {1999},
  eprint = {hep-th/9901001},
  archivePrefix = {arXiv},
  primaryClass = {hep-th},
  url = {https://arxiv.org/abs/hep-th/9901001}
}`,
      ],
      [
        paper({
          title: "Closing the Performance Gap with Modern C++ & 100% of R_eff",
          authorCount: 3,
          publishedOn: "2024-09-04",
          organization: "OpenBMB",
        }),
        `@misc{openbmb2024closing,
  title = {Closing the Performance Gap with Modern C++ \\& 100\\% of R\\_eff},
  year = {2024},
  organization = {OpenBMB},
  howpublished = {Hugging Face Daily Papers},
  note = {Incomplete entry: no arXiv identifier is known; the names of its 3 authors are not known.}
}`,
      ],
    ];
    for (const [input, expected] of table) expect(bibtexEntry(input)).toBe(expected);
  });

  it("GIVEN every special character THEN the field value is escaped for LaTeX", () => {
    expect(escapeBibtex("a\\b{c}d&e%f$g#h_i~j^k\n  l")).toBe(
      "a\\textbackslash{}b\\{c\\}d\\&e\\%f\\$g\\#h\\_i\\textasciitilde{}j\\textasciicircum{}k l",
    );
  });

  it("GIVEN two papers with the same key THEN the export keeps both under distinct keys", () => {
    const twin = { ...GLA, title: "Gated Delta Networks", arxivId: "2412.06464" };
    const file = bibtexFile([GLA, twin, { ...twin, arxivId: "2412.00001" }]);
    expect([...file.matchAll(/@misc\{([^,]+),/gu)].map((m) => m[1])).toEqual(["yang2023gated", "yang2023gatedb", "yang2023gatedc"]);
    expect(citationKey(GLA)).toBe("yang2023gated");
  });

  it("GIVEN a paper THEN the text citation names authors, year, title and the arXiv link", () => {
    expect(textCitation(GLA)).toBe(
      "Songlin Yang, Bailin Wang, Yikang Shen, Rameswar Panda, Yoon Kim (2023). Gated Linear Attention Transformers with Hardware-Efficient Training. arXiv:2312.06635. https://arxiv.org/abs/2312.06635",
    );
    expect(bibtexEntry(paper({ title: "Y" }))).toContain(
      "note = {Incomplete entry: no arXiv identifier is known; author names are not known; the year is not known.}",
    );
    expect(textCitation(paper({ title: "X", authorCount: 4, publishedOn: "2024-01-02" }))).toBe(
      "4 authors (2024). X. Hugging Face Daily Papers (no arXiv identifier known).",
    );
  });
});
