import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { REPO, SAMPLES_DIR } from "../helpers/env.js";

/** The shell lines of the README's "Trying the bot without any token" block, comments dropped. */
function tryItLines(): string[] {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Trying the bot without any token"));
  const block = /```sh\n([\s\S]*?)```/u.exec(section)?.[1] ?? "";
  return block.split("\n").map((line) => line.replace(/\s+#.*$/u, "").trim()).filter((line) => line !== "");
}

describe("the README's try-it sequence", () => {
  it("GIVEN a fresh checkout WHEN its lines run as written THEN each succeeds and the last shows what #papers and @ada receive", () => {
    const cwd = mkdtempSync(join(tmpdir(), "paperbot-readme-"));
    mkdirSync(join(cwd, "data"));
    cpSync(SAMPLES_DIR, join(cwd, "data", "inbox"), { recursive: true });
    cpSync(join(REPO, "examples"), join(cwd, "examples"), { recursive: true });
    const lines = tryItLines();
    expect(lines).toHaveLength(6);
    const outputs = lines.map((line) => {
      const command = line.replace(/^npx paperbot\b/u, `"${process.execPath}" "${BIN}"`);
      const result = spawnSync("bash", ["--norc", "--noprofile", "-c", command], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, timeout: 60_000 });
      expect({ line, code: result.status, stderr: result.stderr.includes("paperbot: ") ? result.stderr : "" }).toEqual({ line, code: 0, stderr: "" });
      return result.stdout;
    });
    expect(outputs[0]).toMatch(/── #papers · Daily Papers · .* · 10 new papers ──/u);
    expect(outputs[1]).toContain("Leveraging ASIC AI Chips for Homomorphic Encryption");
    expect(outputs[2]).toMatch(/^Subscribed \(#1\): "linear attention" → your direct messages, instant\./u);
    const last = outputs[5] ?? "";
    const ada = last.slice(last.indexOf("── @ada (DM)"));
    expect(last).toMatch(/── #papers · Daily Papers · .* · 2 new papers ──/u);
    expect(ada).toMatch(/^── @ada \(DM\) · 1 new paper matching your subscriptions ──\n1\. Chunked Linear Attention for Million-Token Retrieval/u);
    expect(ada).toContain("matched: linear attention");
  });
});
