import { connectionOf } from "../../src/store/sqlite.js";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestBytes, ingestFile } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/index.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";

const NOW = new Date("2025-12-20T12:00:00Z");
let store: Store | undefined;

function freshStore(): { store: Store; dir: string } {
  const dir = tempDataDir();
  store = openStore(join(dir, "paperbot.db"));
  return { store, dir };
}

afterEach(() => store?.close());

function snapshot(s: Store) {
  const count = (table: string) => (connectionOf(s).prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    papers: count("papers"),
    sightings: count("sightings"),
    keys: count("paper_keys"),
    fts: count("papers_fts"),
    dumps: (connectionOf(s).prepare("SELECT count(*) AS n FROM dumps WHERE status = 'ingested'").get() as { n: number }).n,
  };
}

describe("ingesting the sample dumps", () => {
  it("GIVEN the four samples in name order THEN 5, 53, 32 and 12 papers are new (102 in all)", async () => {
    const { store: s } = freshStore();
    const outcomes: Awaited<ReturnType<typeof ingestFile>>[] = [];
    for (const path of SAMPLES) outcomes.push(await ingestFile(s, path, NOW));
    expect(outcomes.map((o) => o.status)).toEqual(["ingested", "ingested", "ingested", "ingested"]);
    expect(outcomes.map((o) => o.papers)).toEqual([5, 55, 41, 16]);
    expect(outcomes.map((o) => o.new)).toEqual([5, 53, 32, 12]);
    expect(outcomes.map((o) => o.known)).toEqual([0, 2, 9, 4]);
    expect(s.status().papers).toBe(102);
    expect(snapshot(s).fts).toBe(102);
  });

  it("GIVEN the same file twice THEN the second time is a no-op", async () => {
    const { store: s, dir } = freshStore();
    await ingestFile(s, SAMPLES[1] ?? "", NOW);
    const before = snapshot(s);
    const copy = join(dir, "renamed-copy.txt");
    copyFileSync(SAMPLES[1] ?? "", copy);
    const again = await ingestFile(s, copy, NOW);
    expect(again.status).toBe("duplicate");
    expect(again.new).toBe(0);
    expect(snapshot(s)).toEqual(before);
  });

  it("GIVEN a paper recurring in later dumps THEN every appearance is a sighting with its upvotes", async () => {
    const { store: s } = freshStore();
    for (const path of SAMPLES) await ingestFile(s, path, NOW);
    const row = connectionOf(s)
      .prepare(`SELECT p.title, count(s.id) AS n FROM papers p JOIN sightings s ON s.paper_id = p.id
        WHERE p.title LIKE 'Leveraging ASIC AI Chips%' GROUP BY p.id`)
      .get() as { title: string; n: number };
    expect(row.n).toBeGreaterThanOrEqual(2);
  });

  it("GIVEN a broken dump THEN it is rejected with the file named and the store is untouched", async () => {
    const { store: s, dir } = freshStore();
    await ingestFile(s, SAMPLES[0] ?? "", NOW);
    const before = snapshot(s);
    const bad = join(dir, "broken.txt");
    writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]));
    const outcome = await ingestFile(s, bad, NOW);
    expect(outcome.status).toBe("rejected");
    expect(outcome.error).toContain("broken.txt");
    expect(snapshot(s)).toEqual(before);
  });

  it("GIVEN a failure in the middle of a dump THEN the chunk it hit is rolled back, the chunks before it stay consistent and the message says which, and the next ingest resumes: every paper stored once", async () => {
    const { store: s } = freshStore();
    await ingestFile(s, SAMPLES[0] ?? "", NOW);
    const before = snapshot(s);
    connectionOf(s).exec(`CREATE TRIGGER fail_on_tenth AFTER INSERT ON papers WHEN (SELECT count(*) FROM papers) >= 10
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failure: unknown = await ingestFile(s, SAMPLES[1] ?? "", NOW).catch((error: unknown) => error);
    if (!(failure instanceof Error)) throw new Error("the ingest did not fail");
    connectionOf(s).exec("DROP TRIGGER fail_on_tenth");
    const after = snapshot(s);
    // Chunks end on time as well as size: how many committed before the failure depends on the machine.
    expect(after.papers).toBeLessThan(10);
    expect(after.sightings - before.sightings).toBe(after.papers - before.papers);
    expect(after.fts).toBe(after.papers);
    expect(failure.message).toMatch(after.papers === before.papers ? /nothing was changed/ : new RegExp(`the ${after.papers - before.papers} papers? stored before (is|are) kept and the next ingest resumes`));
    const retry = await ingestFile(s, SAMPLES[1] ?? "", NOW);
    expect(retry.status).toBe("ingested");
    expect(retry.new + (after.papers - before.papers)).toBe(53);
    const { store: clean } = freshStore();
    await ingestFile(clean, SAMPLES[0] ?? "", NOW);
    await ingestFile(clean, SAMPLES[1] ?? "", NOW);
    expect(snapshot(s)).toEqual(snapshot(clean));
  });

  it("GIVEN a JSON dump naming a paper first seen in a text dump THEN the paper gains its arXiv id", async () => {
    const { store: s } = freshStore();
    await ingestFile(s, SAMPLES[0] ?? "", NOW);
    const json = JSON.stringify([
      {
        paper: {
          id: "2501.07047",
          title: "Leveraging ASIC AI Chips for Homomorphic Encryption",
          summary: "Cloud-based services are making the outsourcing of sensitive client data increasingly common.",
          authors: [{ name: "Jianming Tong" }, { name: "Tianhao Huang" }],
          publishedAt: "2025-01-12T00:00:00.000Z",
          upvotes: 9,
        },
        publishedAt: "2025-01-13T00:00:00.000Z",
        title: "Leveraging ASIC AI Chips for Homomorphic Encryption",
        numComments: 1,
      },
    ]);
    const outcome = await ingestBytes(s, { path: "hf.json", bytes: Buffer.from(json), referenceTime: NOW, now: NOW });
    expect(outcome.new).toBe(0);
    const paper = s.papers.findByArxivId("2501.07047");
    expect(paper?.title).toBe("Leveraging ASIC AI Chips for Homomorphic Encryption");
    expect(paper?.upvotes).toBe(9);
    expect(paper?.authors).toEqual(["Jianming Tong", "Tianhao Huang"]);
    expect(s.status().papers).toBe(5);
  });

  it("GIVEN a reopened database THEN migrations are not re-run and data is kept", async () => {
    const { store: s, dir } = freshStore();
    await ingestFile(s, SAMPLES[0] ?? "", NOW);
    s.close();
    store = openStore(join(dir, "paperbot.db"));
    expect(connectionOf(store).pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(2);
    expect(connectionOf(store).pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.status().papers).toBe(5);
  });
});

describe("near-duplicate titles across dumps", () => {
  it("GIVEN a known paper with a typo and a different subtitle separator THEN it merges into the known paper", async () => {
    const { store: s } = freshStore();
    await ingestFile(s, SAMPLES[0] ?? "", NOW);
    const known = connectionOf(s).prepare("SELECT abstract FROM papers WHERE title LIKE 'CROMA:%'").get() as { abstract: string };
    const variant = [
      "Daily Papers",
      "",
      "Dec 19",
      "",
      "CROMA - Remote Sensing Representations with Contrastive Radar-Optical Masked Autoencoder",
      "",
      known.abstract.slice(0, 600),
      "",
      "  • 3 authors",
      "·",
      "Nov 1, 2023 7",
    ].join("\r\n");
    const outcome = await ingestBytes(s, { path: "variant.txt", bytes: Buffer.from(`\uFEFF${variant}`), referenceTime: NOW, now: NOW });
    expect(outcome.status).toBe("ingested");
    expect(outcome.new).toBe(0);
    expect(s.status().papers).toBe(5);
    const merged = connectionOf(s).prepare("SELECT upvotes FROM papers WHERE title LIKE 'CROMA:%'").get() as { upvotes: number };
    expect(merged.upvotes).toBe(7);
  });
});
