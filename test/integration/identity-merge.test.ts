import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/ingest.js";
import { paperKey, titleKey } from "../../src/papers/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { tempDataDir } from "../helpers/env.js";

const NOW = new Date("2025-12-20T12:00:00Z");
const opened: Store[] = [];

function freshStore(): Store {
  const store = openStore(join(tempDataDir(), "paperbot.db"));
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

interface Entry {
  title: string;
  summary: string;
}

async function ingestJson(store: Store, name: string, entries: readonly Entry[]) {
  const bytes = Buffer.from(JSON.stringify(entries));
  return ingestBytes(store, { path: name, bytes, referenceTime: NOW, now: NOW });
}

/** Made-up words, so abstracts built from them share no word triples by accident. */
const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919).toString(36)}x`);

function abstractFrom(words: readonly number[]): string {
  return `${words.map((i) => VOCABULARY[i % VOCABULARY.length]).join(" ")}.`;
}

const ABSTRACT_A = abstractFrom(Array.from({ length: 30 }, (_, i) => i));
const ABSTRACT_B = abstractFrom(Array.from({ length: 30 }, (_, i) => 100 + i * 3));

describe("paper identity when titles say nothing", () => {
  it("GIVEN four papers titled only with symbols or emoji and different abstracts THEN all four are new", async () => {
    const store = freshStore();
    const titles = ["🦓🦓🦓", "🚀 ✨ 🚀", "???", "— … —"];
    const outcome = await ingestJson(
      store,
      "symbols.json",
      titles.map((title, i) => ({ title, summary: abstractFrom(Array.from({ length: 25 }, (_, j) => i * 200 + j)) })),
    );
    expect({ new: outcome.new, known: outcome.known }).toEqual({ new: 4, known: 0 });
    expect(store.status().papers).toBe(4);
  });

  it("GIVEN a title of symbols only THEN its key is neither empty nor shared with another abstract", async () => {
    expect(titleKey("???", ABSTRACT_A)).not.toBe("title:");
    expect(titleKey("???", ABSTRACT_A)).not.toBe(titleKey("???", ABSTRACT_B));
    expect(titleKey("???", ABSTRACT_A)).not.toBe(titleKey("!!!", ABSTRACT_A));
    expect(paperKey({ arxivId: null, title: "🦓🦓🦓", abstract: ABSTRACT_A })).toMatch(/^text:.{8,}/u);
  });

  it("GIVEN the same symbol-titled paper in two dumps THEN it is one paper seen twice", async () => {
    const store = freshStore();
    await ingestJson(store, "one.json", [{ title: "🦓 🦓", summary: ABSTRACT_A }]);
    const again = await ingestJson(store, "two.json", [{ title: "🦓🦓", summary: ABSTRACT_A }, { title: "x", summary: ABSTRACT_B }]);
    expect({ new: again.new, known: again.known }).toEqual({ new: 1, known: 1 });
  });

  it("GIVEN one title over two unrelated abstracts THEN they are two papers, and each is found again", async () => {
    const store = freshStore();
    const first = await ingestJson(store, "a.json", [
      { title: "Scaling Laws Revisited", summary: ABSTRACT_A },
      { title: "Scaling Laws: Revisited", summary: ABSTRACT_B },
    ]);
    expect(first.new).toBe(2);
    const again = await ingestJson(store, "b.json", [
      { title: "Scaling laws revisited", summary: ABSTRACT_B.slice(0, 200) },
      { title: "Scaling Laws Revisited", summary: ABSTRACT_A },
    ]);
    expect({ new: again.new, known: again.known }).toEqual({ new: 0, known: 2 });
    expect(store.status().papers).toBe(2);
  });

  it("GIVEN papers with distinct abstracts THEN none ever merges, whatever their titles", async () => {
    const title = fc.oneof(
      fc.constantFrom("🦓🦓🦓", "🚀 ✨ 🚀", "???", "— … —", "...", "Attention Is All You Need", "Attention is all you need!"),
      fc.constantFrom("Scaling Laws", "Scaling Laws: Revisited", "Scaling Lows", "CROMA - Remote Sensing", "CROMA: Remote Sensing"),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0),
    );
    const papers = fc.uniqueArray(fc.integer({ min: 0, max: 90 }), { minLength: 2, maxLength: 8 }).chain((seeds) =>
      fc.tuple(...seeds.map((seed) => title.map((t) => ({ title: t, summary: abstractFrom(Array.from({ length: 20 }, (_, j) => seed * 31 + j)) })))),
    );
    await fc.assert(
      fc.asyncProperty(papers, fc.integer({ min: 1, max: 3 }), async (entries, dumps) => {
        const store = freshStore();
        let added = 0;
        for (let d = 0; d < dumps; d++) {
          const part = entries.filter((_, i) => i % dumps === d);
          if (part.length > 0) added += (await ingestJson(store, `dump-${d}.json`, part)).new;
        }
        expect(added).toBe(entries.length);
        expect(store.status().papers).toBe(entries.length);
        store.close();
      }),
      { seed: 15, numRuns: 60 },
    );
  });
});
