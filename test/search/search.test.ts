import { afterEach, describe, expect, it } from "vitest";
import { isPaperbotError } from "../../src/errors.js";
import {
  parseQuery,
  queryErrorToPaperbotError,
  searchText,
  type Query,
} from "../../src/search/index.js";
import { openTestStore, type TestStore } from "./store.js";

let store: TestStore;
afterEach(() => store.db.close());

function query(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.query;
}

function titles(text: string, limit = 50): string[] {
  return store.search.page(query(text), { limit, offset: 0 }).results.map((hit) => hit.paper.title);
}

function seedCorpus(): void {
  store = openTestStore();
  store.add({ title: "Gated Linear Attention Transformers", abstract: "Linear attention with gates.", upvotes: 5 });
  store.add({ title: "Vector Graphics Generation", abstract: "We generate scalable vector graphics.", authors: ["Ada Smith"] });
  store.add({ title: "Graphics of vectors", abstract: "A survey of vector fields.", publishedOn: "2023-01-01" });
  store.add({ title: "Homomorphic Encryption on ASICs", abstract: "Encryption accelerators.", organization: "OpenBMB", upvotes: 12 });
  store.add({ title: "Quantization for LLMs", abstract: "Quantized transformer inference.", upvotes: 30, publishedOn: "2024-09-01" });
  store.add({ title: "Café Résumé", abstract: "Naïve diacritics.", publishedOn: null, firstSeenAt: "2024-07-04T10:00:00Z" });
}

describe("searchPapers over a real store", () => {
  it("GIVEN a plural in the index THEN the singular finds it (porter stemming)", () => {
    seedCorpus();
    expect(titles("transformer")).toEqual(["Gated Linear Attention Transformers", "Quantization for LLMs"]);
  });

  it("GIVEN different case and accents THEN they match the same papers", () => {
    seedCorpus();
    expect(titles("HOMOMORPHIC")).toEqual(titles("homomorphic"));
    expect(titles("cafe resume")).toEqual(["Café Résumé"]);
    expect(titles("NAÏVE")).toEqual(["Café Résumé"]);
  });

  it("GIVEN a phrase THEN only the adjacent words match", () => {
    seedCorpus();
    expect(titles('"vector graphics"')).toEqual(["Vector Graphics Generation"]);
    expect(titles("vector graphics")).toHaveLength(2);
  });

  it("GIVEN OR, exclusions and fields THEN FTS5 applies them", () => {
    seedCorpus();
    expect(titles("homomorphic OR quantization")).toHaveLength(2);
    expect(titles("vector -survey")).toEqual(["Vector Graphics Generation"]);
    expect(titles("title:vector").sort()).toEqual(["Graphics of vectors", "Vector Graphics Generation"]);
    expect(titles("abstract:encryption")).toEqual(["Homomorphic Encryption on ASICs"]);
    expect(titles("author:smith")).toEqual(["Vector Graphics Generation"]);
    expect(titles("org:openbmb")).toEqual(["Homomorphic Encryption on ASICs"]);
    expect(titles("title:survey")).toEqual([]);
  });

  it("GIVEN a prefix THEN it matches stored stems that start with it", () => {
    seedCorpus();
    expect(titles("quant*")).toEqual(["Quantization for LLMs"]);
    expect(titles("encrypt*")).toEqual(["Homomorphic Encryption on ASICs"]);
    expect(titles('"linear att"*')).toEqual(["Gated Linear Attention Transformers"]);
  });

  it("GIVEN since: and upvotes: THEN only papers passing the filters are returned", () => {
    seedCorpus();
    expect(titles("upvotes:>=12")).toEqual(["Quantization for LLMs", "Homomorphic Encryption on ASICs"]);
    expect(titles("vector since:2024-01-01")).toEqual(["Vector Graphics Generation"]);
    expect(titles("since:2024-07-01")).toEqual(["Quantization for LLMs", "Café Résumé"]);
    expect(titles("upvotes:=5 upvotes:<6 upvotes:>4 upvotes:<=5")).toEqual(["Gated Linear Attention Transformers"]);
  });

  it("GIVEN sinceDays THEN papers older than N days before now are left out", () => {
    seedCorpus();
    const page = store.search.page(query("vector"), { limit: 10, offset: 0, sinceDays: 30, now: new Date("2024-05-15T00:00:00Z") });
    expect(page.results.map((h) => h.paper.title)).toEqual(["Vector Graphics Generation"]);
  });

  it("GIVEN seenSince THEN only papers the dumps showed since then are returned", () => {
    store = openTestStore();
    store.add({ title: "Old pruning", firstSeenAt: "2024-01-01T00:00:00Z" });
    store.add({ title: "New pruning", firstSeenAt: "2024-06-02T08:00:00Z" });
    const page = store.search.page(query("pruning"), { limit: 10, offset: 0, seenSince: "2024-06-01T00:00:00Z" });
    expect(page).toMatchObject({ total: 1, results: [{ paper: { title: "New pruning" } }] });
  });

  it("GIVEN a title match and an abstract-only match THEN the title match ranks first with a positive score", () => {
    store = openTestStore();
    store.add({ title: "A study of kernels", abstract: "We look at diffusion processes in detail here." });
    store.add({ title: "Diffusion in detail", abstract: "We look at kernels of processes in a study here." });
    const { results } = store.search.page(query("diffusion"), { limit: 10, offset: 0 });
    expect(results.map((h) => h.paper.title)).toEqual(["Diffusion in detail", "A study of kernels"]);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? Infinity);
    expect(results[1]?.score).toBeGreaterThan(0);
  });

  it("GIVEN equal text scores THEN upvotes break the tie, then the newer paper, then id", () => {
    store = openTestStore();
    const same = { title: "Sparse attention", abstract: "Same words." };
    const old = store.add({ ...same, upvotes: 3, publishedOn: "2023-01-01" });
    const popular = store.add({ ...same, upvotes: 9, publishedOn: "2022-01-01" });
    const newer = store.add({ ...same, upvotes: 3, publishedOn: "2024-01-01" });
    const twin = store.add({ ...same, upvotes: 3, publishedOn: "2024-01-01" });
    const { results } = store.search.page(query("sparse"), { limit: 10, offset: 0 });
    expect(new Set(results.map((h) => h.score)).size).toBe(1);
    expect(results.map((h) => h.paper.id)).toEqual([popular.id, newer.id, twin.id, old.id]);
  });

  it("GIVEN pages of any size THEN walking offset to total visits every result exactly once", () => {
    store = openTestStore();
    for (let i = 0; i < 57; i += 1) {
      store.add({ title: `Paper ${i} on pruning`, abstract: "pruning ".repeat(1 + (i % 5)), upvotes: i % 4 });
    }
    store.add({ title: "Unrelated", abstract: "nothing here" });
    for (const text of ["pruning", "since:2000-01-01"]) {
      for (const limit of [1, 7, 10, 57, 100]) {
        const ids: number[] = [];
        let total = -1;
        for (let offset = 0; total < 0 || offset < total; offset += limit) {
          const page = store.search.page(query(text), { limit, offset });
          total = page.total;
          ids.push(...page.results.map((h) => h.paper.id));
        }
        expect(total).toBe(text === "pruning" ? 57 : 58);
        expect(ids).toHaveLength(total);
        expect(new Set(ids).size).toBe(total);
      }
    }
    expect(store.search.page(query("pruning"), { limit: 10, offset: 1000 })).toEqual({ total: 57, results: [] });
  });

  it("GIVEN bad paging arguments THEN it is a programming error", () => {
    store = openTestStore();
    expect(() => store.search.page(query("x"), { limit: -1, offset: 0 })).toThrow(RangeError);
    expect(() => store.search.page(query("x"), { limit: 1.5, offset: 0 })).toThrow(RangeError);
  });
});

describe("searchText", () => {
  it("GIVEN valid text THEN it returns the query and the results", () => {
    seedCorpus();
    const outcome = searchText(store.search, "encryption", { limit: 5, offset: 0 });
    expect(outcome.ok && outcome.results.map((h) => h.paper.title)).toEqual(["Homomorphic Encryption on ASICs"]);
    expect(outcome.ok && outcome.total).toBe(1);
  });

  it("GIVEN invalid text THEN it returns the friendly error instead of throwing", () => {
    seedCorpus();
    expect(searchText(store.search, 'say "hello', { limit: 5, offset: 0 })).toEqual({
      ok: false,
      error: { message: "unbalanced quote at column 5: close it or remove it", column: 5 },
    });
  });
});

describe("query helpers", () => {
  it("GIVEN a query error THEN it becomes a QUERY_INVALID PaperbotError that says where", () => {
    const error = queryErrorToPaperbotError({ message: "empty field \"title:\"", column: 7, hint: "put a word after it" });
    expect(isPaperbotError(error) && error.code).toBe("QUERY_INVALID");
    expect(error.describe()).toBe('empty field "title:" (put a word after it) (column 7)');
    const quoted = queryErrorToPaperbotError({ message: "unbalanced quote at column 3: close it or remove it", column: 3 });
    expect(quoted.describe()).toBe("unbalanced quote at column 3: close it or remove it");
  });
});
