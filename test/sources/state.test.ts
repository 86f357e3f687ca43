import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fetchSources, type App } from "../../src/app.js";
import { runCli } from "../../src/cli.js";
import { summarize } from "../../src/papers/index.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { startFakeHuggingFace, type FakeHuggingFace } from "../fakes/huggingface/index.js";
import { tempDataDir } from "../helpers/env.js";
import { hfPaper, hfSource, runPaperbot, sourcesApp, writeSourcesConfig } from "../helpers/sources.js";

let hf: FakeHuggingFace;
let app: App | undefined;
afterEach(async () => {
  app?.close();
  app = undefined;
  await hf.close();
});

describe("source state, metrics and the flood rule", () => {
  it("GIVEN a failing source THEN /metrics says when it last succeeded and that it is failing", async () => {
    hf = await startFakeHuggingFace();
    hf.setDay("2025-12-18", [hfPaper(1)]);
    const built = sourcesApp(tempDataDir(), { sources: [hfSource(hf.url, { retries: 0 })] }, "2025-12-18T12:00:00Z");
    app = built.app;
    await fetchSources(app, app.clock.now());
    hf.down = true;
    built.clock.set("2025-12-19T12:00:00Z");
    await fetchSources(app, app.clock.now());
    const text = await app.metrics.text();
    expect(text).toContain(`paperbot_source_last_success_timestamp_seconds{source="huggingface"} ${Date.parse("2025-12-18T12:00:00Z") / 1000}`);
    expect(text).toContain(`paperbot_source_last_error_timestamp_seconds{source="huggingface"} ${Date.parse("2025-12-19T12:00:00Z") / 1000}`);
    expect(text).toContain('paperbot_source_failing{source="huggingface"} 1');
    expect(app.store.status().sources).toEqual([expect.objectContaining({ source: "huggingface", lastDay: "2025-12-18" })]);
  });

  it("GIVEN a source whose last fetch failed THEN doctor shows it with a ✘ and the fix, and exits 1", async () => {
    hf = await startFakeHuggingFace();
    const dir = tempDataDir();
    const built = sourcesApp(dir, { sources: [hfSource(hf.url, { retries: 0 })] }, "2025-12-18T12:00:00Z");
    app = built.app;
    hf.down = true;
    await fetchSources(app, app.clock.now());
    app.close();
    app = undefined;
    let out = "";
    const code = await runCli(["doctor"], { out: (t) => (out += t), err: () => undefined, env: { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") }, cwd: dir });
    expect(code).toBe(1);
    expect(out).toMatch(/✘ source huggingface: last fetch failed at 2025-12-18T12:00:00\.000Z: huggingface: HTTP 503 .*\(never succeeded\)/u);
    expect(out).toContain(`check the network and ${hf.url}`);
  });

  it("GIVEN a channel added on Dec 18 THEN a backfill of Dec 16-18 records every paper but announces only Dec 18's", async () => {
    hf = await startFakeHuggingFace();
    hf.setDay("2025-12-16", [hfPaper(1)]);
    hf.setDay("2025-12-17", [hfPaper(2)]);
    hf.setDay("2025-12-18", [hfPaper(3)]);
    hf.setDay("2025-12-14", [hfPaper(9)]);
    const dir = tempDataDir();
    // A history that is not empty (so this is no first run), before the console channel exists.
    const seed = sourcesApp(dir, { sources: [hfSource(hf.url)], console: { channels: [] } }, "2025-12-15T12:00:00Z");
    await fetchSources(seed.app, seed.app.clock.now(), { range: { since: "2025-12-14", until: "2025-12-14" } });
    seed.app.close();
    const built = sourcesApp(dir, { sources: [hfSource(hf.url)], console: { channels: ["papers"] } }, "2025-12-18T09:00:00Z");
    app = built.app;
    await fetchSources(app, app.clock.now(), { range: { since: "2025-12-14", until: "2025-12-18" } });
    expect(app.store.papers.count()).toBe(4);
    const planned = connectionOf(app.store).prepare("SELECT p.title FROM deliveries d JOIN papers p ON p.id = d.paper_id").all() as { title: string }[];
    expect(planned.map((r) => r.title)).toEqual([hfPaper(3).title]);
  });

  it("GIVEN tldr ai-summary THEN a Hugging Face paper's TL;DR is its ai_summary, and the extractive one without it", async () => {
    hf = await startFakeHuggingFace();
    hf.setDay("2025-12-18", [hfPaper(1, { aiSummary: "A one-line summary from Hugging Face." }), hfPaper(2)]);
    const built = sourcesApp(tempDataDir(), { sources: [hfSource(hf.url)], digest: { tldr: "ai-summary" } }, "2025-12-18T12:00:00Z");
    app = built.app;
    await fetchSources(app, app.clock.now());
    expect(app.store.papers.findByArxivId("2512.00001")?.tldr).toBe("A one-line summary from Hugging Face.");
    const plain = app.store.papers.findByArxivId("2512.00002");
    expect(plain?.tldr).toBe(summarize(plain?.abstract ?? ""));
  });

  it("GIVEN a Hugging Face source THEN `paperbot run --once` fetches it and prints its papers on the console", async () => {
    hf = await startFakeHuggingFace();
    const today = new Date().toISOString().slice(0, 10);
    hf.setDay(today, [hfPaper(7, { title: "Fetched by the scheduled run" })]);
    const dir = tempDataDir();
    const config = writeSourcesConfig(dir, { sources: [hfSource(hf.url)] });
    const run = await runPaperbot(["run", "--once"], { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: config });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Fetched by the scheduled run");
    expect(hf.requestsTo("/api/daily_papers").map((r) => r.query["date"])).toContain(today);
  });
});
