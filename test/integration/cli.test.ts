import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SAMPLES, tempDataDir } from "../helpers/env.js";

const BIN = join(REPO, "bin", "paperbot");

function paperbot(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("paperbot command line", () => {
  it("GIVEN parse --json on a sample THEN the contract fields are printed", () => {
    const { code, stdout } = paperbot(["parse", SAMPLES[0] ?? "", "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { format: string; dumpDate: string; papers: Record<string, unknown>[]; warnings: unknown[] };
    expect(parsed.format).toBe("hf-daily-text");
    expect(parsed.papers).toHaveLength(5);
    expect(parsed.warnings).toEqual([]);
    expect(Object.keys(parsed.papers[0] ?? {})).toEqual(
      expect.arrayContaining(["title", "abstract", "authorCount", "organization", "publishedOn", "upvotes"]),
    );
  });

  it("GIVEN ingest of the samples and a broken file THEN the others are ingested and the exit is 1", () => {
    const dir = tempDataDir();
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "\u0000\u0001binary");
    const db = join(dir, "p.db");
    const { code, stdout, stderr } = paperbot(["ingest", ...SAMPLES, bad, "--db", db, "--json"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const { files } = JSON.parse(stdout) as { files: { path: string; status: string; new: number; error: string | null }[] };
    expect(files.map((f) => f.status)).toEqual(["ingested", "ingested", "ingested", "ingested", "rejected"]);
    expect(files.map((f) => f.new)).toEqual([5, 53, 32, 12, 0]);
    expect(files[4]?.error).toContain("bad.txt");
    const again = paperbot(["ingest", SAMPLES[0] ?? "", "--db", db, "--json"]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { files: { status: string }[] }).files[0]?.status).toBe("duplicate");
    const status = paperbot(["status", "--db", db, "--json"]);
    const counts = JSON.parse(status.stdout) as { papers: number; dumps: number; subscriptions: number; deliveries: Record<string, number> };
    expect(counts.papers).toBe(102);
    expect(counts.dumps).toBe(4);
    expect(counts.subscriptions).toBe(0);
    expect(counts.deliveries).toMatchObject({ pending: expect.any(Number), sent: 0, failed: 0 });
  });

  it("GIVEN a search THEN the homomorphic encryption paper is first", () => {
    const dir = tempDataDir();
    const db = join(dir, "p.db");
    paperbot(["ingest", ...SAMPLES, "--db", db]);
    const { code, stdout } = paperbot(["search", "homomorphic encryption", "--limit", "3", "--db", db, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { query: string; total: number; results: { id: number; title: string; score: number; summary: string; upvotes: number }[] };
    expect(result.query).toBe("homomorphic encryption");
    expect(result.results[0]?.title).toBe("Leveraging ASIC AI Chips for Homomorphic Encryption");
    expect(result.results[0]?.summary.length).toBeGreaterThan(0);
  });

  it("GIVEN a hostile query THEN one readable line and exit 1, no stack trace", () => {
    const dir = tempDataDir();
    const { code, stderr } = paperbot(["search", '"unbalanced', "--db", join(dir, "p.db")]);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^paperbot: .*\(.*\)\n$/);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("GIVEN a missing file THEN parse names it and exits non-zero", () => {
    const { code, stderr } = paperbot(["parse", "/nonexistent/dump.txt"]);
    expect(code).toBe(1);
    expect(stderr).toBe("paperbot: cannot read the file: ENOENT (/nonexistent/dump.txt)\n");
  });

  it("GIVEN an unknown command or option THEN the usage mistake exits 2", () => {
    expect(paperbot(["frobnicate"]).code).toBe(2);
    const bad = paperbot(["search", "x", "--limit", "many"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--limit");
  });

  it("GIVEN an invalid environment THEN every problem is named and no secret is printed", () => {
    const { code, stderr } = paperbot(["status"], {
      SLACK_BOT_TOKEN: "xoxb-super-secret-value",
      PAPERBOT_HTTP_PORT: "port",
    });
    expect(code).toBe(1);
    expect(stderr).toContain("PAPERBOT_HTTP_PORT");
    expect(stderr).toContain("SLACK_SIGNING_SECRET");
    expect(stderr).not.toContain("super-secret");
  });

  it("GIVEN run --once on a fresh data dir THEN the digest is printed with at most the first-run limit", () => {
    const dir = tempDataDir({ samples: true });
    const { code, stdout } = paperbot(["run", "--once"], { PAPERBOT_DATA_DIR: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("#papers · Daily Papers");
    expect(stdout).toContain("10 new papers");
    expect(stdout.match(/^\d+\. /gm)).toHaveLength(10);
    const second = paperbot(["run", "--once"], { PAPERBOT_DATA_DIR: dir });
    expect(second.stdout).toBe("");
  });

  it("GIVEN npm start's command THEN it prints the digest within seconds and stops cleanly on SIGTERM", async () => {
    const dir = tempDataDir({ samples: true });
    const child = spawn(process.execPath, [BIN, "run"], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dir },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no digest within 20 s: ${err}`)), 20_000);
      child.stdout.on("data", () => {
        if (out.includes("10. ")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).toContain("SIGTERM received, stopping");
  });
});
