import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, paperbot } from "../helpers/cli.js";
import { REPO, SAMPLES, tempDataDir } from "../helpers/env.js";

describe("the command line at its edges", () => {
  it("GIVEN parse --json piped into head -2 THEN the output ends quietly: no EPIPE, no stack trace, exit 0", () => {
    const sample = SAMPLES[1] ?? "";
    const script = `"${process.execPath}" "${BIN}" parse "${sample}" --json | head -2; echo "exit=\${PIPESTATUS[0]}" >&2`;
    const result = spawnSync("bash", ["--norc", "--noprofile", "-c", script], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, timeout: 60_000 });
    expect(result.stdout).toBe('{\n  "format": "hf-daily-text",\n');
    expect(result.stderr).toBe("exit=0\n");
  });

  it("GIVEN --db in a directory that does not exist THEN one error names it, and nothing is created", () => {
    const cwd = mkdtempSync(join(tmpdir(), "paperbot-cwd-"));
    const missing = join(cwd, "no-such-dir");
    const { code, stdout, stderr } = paperbot(["status", "--db", join(missing, "p.db")], {}, cwd);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`paperbot: the database's directory does not exist; create it or choose another path (${missing})\n`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(cwd, "data"))).toBe(false);
  });

  it("GIVEN no --db THEN the default data dir is created with its database and inbox", () => {
    const cwd = mkdtempSync(join(tmpdir(), "paperbot-cwd-"));
    const { code } = paperbot(["status"], {}, cwd);
    expect(code).toBe(0);
    expect(existsSync(join(cwd, "data", "paperbot.db"))).toBe(true);
    expect(existsSync(join(cwd, "data", "inbox"))).toBe(true);
  });

  it("GIVEN chat THEN the exit code says: 2 for a usage mistake, 1 for refused input, 0 for an answer", () => {
    const env = { PAPERBOT_DATA_DIR: tempDataDir({ samples: true }) };
    expect(paperbot(["run", "--once"], env).code).toBe(0);
    const cases: [string[], number][] = [
      [["/papers frobnicate"], 2],
      [["/papers search limit:many diffusion"], 2],
      [['/papers search "unbalanced'], 1],
      [["--admin", "/papers channel set daily 25:00"], 1],
      [["/papers channel set daily 09:00"], 1],
      [["/papers show no such paper anywhere xyzzy"], 1],
      [["/papers search homomorphic encryption"], 0],
      [["--admin", "/papers channel set daily 09:00"], 0],
    ];
    for (const [args, expected] of cases) {
      const result = paperbot(["chat", ...args], env);
      expect({ args, code: result.code }).toEqual({ args, code: expected });
    }
  });

  it("GIVEN a schedule with the time zone Mars/Olympus THEN it is reported as an unknown time zone with an example", () => {
    const env = { PAPERBOT_DATA_DIR: tempDataDir() };
    const { code, stdout } = paperbot(["chat", "--admin", "/papers channel set daily 09:00 Mars/Olympus"], env);
    expect(code).toBe(1);
    expect(stdout).toContain('Unknown time zone "Mars/Olympus": use an IANA name, e.g. Europe/Paris or UTC.');
    expect(stdout).not.toContain("not a time");
    const config = paperbot(["status"], { ...env, PAPERBOT_TIME_ZONE: "Mars/Olympus" });
    expect(config.code).toBe(1);
    expect(config.stderr).toContain('timeZone: unknown time zone "Mars/Olympus": use an IANA name, e.g. Europe/Paris or UTC');
  });
});
