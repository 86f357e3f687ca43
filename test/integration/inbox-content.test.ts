import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, runCycle, type App } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/log.js";
import { paperbot } from "../helpers/cli.js";
import { REPO, SAMPLES, tempDataDir } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

const JSON_DUMP = join(REPO, "test", "fixtures", "dumps", "daily-papers.json");

/** An inbox holding dumps under any name, and files that are no dump at all. */
function mixedInbox(inbox: string): void {
  const mtime = new Date("2025-12-20T12:00:00Z");
  copyFileSync(SAMPLES[0] ?? "", join(inbox, "a-capture.html"));
  copyFileSync(JSON_DUMP, join(inbox, "b-papers"));
  writeFileSync(join(inbox, "c-photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
  writeFileSync(join(inbox, "d-notes.txt"), "Remember to renew the certificate.\nAnd water the plants.\n");
  writeFileSync(join(inbox, ".e-partial.txt"), "half a dump");
  mkdirSync(join(inbox, "f-archive"));
  for (const name of ["a-capture.html", "b-papers", "c-photo.png", "d-notes.txt", ".e-partial.txt"]) {
    utimesSync(join(inbox, name), mtime, mtime);
  }
}

describe("the inbox, read by content", () => {
  it("GIVEN dumps under any name and files that are not dumps THEN the dumps are ingested and each other file is logged once, skipped with its reason", async () => {
    const dir = tempDataDir();
    mixedInbox(join(dir, "inbox"));
    const lines: string[] = [];
    const config = loadConfig({ PAPERBOT_DATA_DIR: dir }, dir);
    app = openApp(config, createLogger((line) => lines.push(line), { level: "info", secrets: [] }), fixedClock("2025-12-20T12:00:00Z"));
    const report = await runCycle(app, app.clock.now());
    const byName = Object.fromEntries(report.ingested.map((o) => [o.path.split("/").pop() ?? "", [o.status, o.error]]));
    expect(byName).toEqual({
      "a-capture.html": ["ingested", null],
      "b-papers": ["ingested", null],
      "c-photo.png": ["skipped", expect.stringMatching(/^not a dump: dump is binary/)],
      "d-notes.txt": ["skipped", expect.stringMatching(/^not a dump: not a Daily Papers capture or Hugging Face JSON/)],
      ".e-partial.txt": ["skipped", "a hidden file"],
      "f-archive": ["skipped", "a directory (subdirectories are not read)"],
    });
    expect(app.store.status()).toMatchObject({ dumps: 2, rejectedDumps: 0 });
    const skippedLines = (): string[] => lines.filter((line) => line.includes(" skipped "));
    expect(skippedLines()).toHaveLength(4);
    await runCycle(app, app.clock.now());
    expect(skippedLines()).toHaveLength(4);
  });

  it("GIVEN ingest DIR --json THEN skipped files are listed with their reason and do not fail the command", () => {
    const dir = tempDataDir();
    mixedInbox(join(dir, "inbox"));
    const { code, stdout } = paperbot(["ingest", join(dir, "inbox"), "--db", join(dir, "p.db"), "--json"]);
    expect(code).toBe(0);
    const { files } = JSON.parse(stdout) as { files: { path: string; status: string; error: string | null }[] };
    expect(files.map((f) => [f.path.split("/").pop(), f.status])).toEqual([
      [".e-partial.txt", "skipped"],
      ["a-capture.html", "ingested"],
      ["b-papers", "ingested"],
      ["c-photo.png", "skipped"],
      ["d-notes.txt", "skipped"],
      ["f-archive", "skipped"],
    ]);
  });
});
