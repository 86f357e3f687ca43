import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, paperbot } from "../helpers/cli.js";
import { REPO, SAMPLES_DIR, tempDataDir } from "../helpers/env.js";

/*
 * Start-up of the command line: each command loads what it needs and nothing else. Proved by the
 * modules a real `paperbot` process loads (a `--import` preload records them), not by timing:
 * how fast it starts is measured by `npm run bench -- scale`.
 */

const TRACER = join(REPO, "test", "helpers", "module-trace.mjs");

/** Runs the built command line with the module tracer; its exit code, output and the packages and paperbot modules it loaded. */
function traced(args: string[], env: Record<string, string>) {
  const trace = join(mkdtempSync(join(tmpdir(), "paperbot-trace-")), "modules.txt");
  writeFileSync(trace, "");
  const result = spawnSync(process.execPath, ["--import", TRACER, BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env, PAPERBOT_TEST_MODULE_TRACE: trace },
    timeout: 60_000,
  });
  const modules = readFileSync(trace, "utf8").split("\n").filter((line) => line !== "");
  const packages = new Set(modules.flatMap((m) => [...m.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((hit) => hit[1] ?? "")));
  const own = new Set(modules.flatMap((m) => /\/dist\/src\/(.+)\.js$/.exec(m)?.[1] ?? []));
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, packages, own };
}

/** Libraries none of status, search and help needs: schemas, cron, logging, metrics, the platforms. */
const NOT_NEEDED = ["zod", "node-cron", "pino", "prom-client", "discord.js", "@discordjs/rest", "@slack/bolt", "@slack/web-api", "cli-progress"];

const loadedOf = (packages: Set<string>) => NOT_NEEDED.filter((p) => packages.has(p));

describe("command-line start-up", () => {
  it("GIVEN an empty store and no config file WHEN `paperbot status` runs THEN it loads SQLite and the store, and no schema, cron, logging, metrics, platform, search or delivery code", () => {
    const dir = tempDataDir();
    const run = traced(["status", "--json"], { PAPERBOT_DATA_DIR: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ papers: 0, dumps: 0, subscriptions: 0 });
    expect(run.packages.has("better-sqlite3")).toBe(true);
    expect(run.own.has("store/sqlite")).toBe(true);
    expect(loadedOf(run.packages)).toEqual([]);
    const beyondTheStore = /^(delivery|ingest|digests|papers|commands|scheduler|messages|sources|observe|config\/(index|schema|validate))\/?|^search\/(index|parser|matcher|pool)$/;
    expect([...run.own].filter((m) => beyondTheStore.test(m))).toEqual([]);
  });

  it("GIVEN platform tokens and settings in the environment WHEN `paperbot status` runs THEN they are read without zod and no platform library is loaded", () => {
    const dir = tempDataDir();
    const env = {
      PAPERBOT_DATA_DIR: dir,
      DISCORD_TOKEN: "discord-token-for-status",
      SLACK_BOT_TOKEN: "xoxb-status",
      SLACK_APP_TOKEN: "xapp-status",
      PAPERBOT_HTTP_PORT: "0",
      PAPERBOT_LOG_FORMAT: "json",
    };
    const run = traced(["status"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("papers         0");
    expect(loadedOf(run.packages)).toEqual([]);
  });

  it("GIVEN `paperbot --help` and `paperbot status --help` THEN no library and no store code is loaded", () => {
    for (const args of [["--help"], ["status", "--help"]]) {
      const run = traced(args, { PAPERBOT_DATA_DIR: tempDataDir() });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("paperbot");
      expect([...run.packages]).toEqual([]);
      expect([...run.own].filter((m) => m.startsWith("store/"))).toEqual([]);
    }
  });

  it("GIVEN a history of the sample dumps WHEN `paperbot search` runs THEN it loads the store and the search code, and no schema, cron, logging, metrics or platform library", () => {
    const dir = tempDataDir();
    const ingested = paperbot(["ingest", SAMPLES_DIR, "--json"], { PAPERBOT_DATA_DIR: dir });
    expect(ingested.code).toBe(0);
    const run = traced(["search", "language", "--json"], { PAPERBOT_DATA_DIR: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { total: number }).total).toBeGreaterThan(0);
    expect(run.packages.has("better-sqlite3")).toBe(true);
    expect(loadedOf(run.packages)).toEqual([]);
    expect([...run.own].filter((m) => /^(delivery|ingest|commands|scheduler|observe|adapters\/[^/]+\/(?!platform|limits))/.test(m))).toEqual([]);
  });

  it("GIVEN a bad variable WHEN `paperbot status` runs THEN the configuration is validated whole and the problem is reported as before", () => {
    const run = traced(["status"], { PAPERBOT_DATA_DIR: tempDataDir(), PAPERBOT_HTTP_PORT: "eighty" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^paperbot: invalid configuration: environment variable PAPERBOT_HTTP_PORT: .+\n$/);
    expect(run.packages.has("zod")).toBe(true);
  });
});
