import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import type { CliIo } from "../../src/cli/io.js";
import { tempDataDir } from "../helpers/env.js";

/** Runs the command line in this process, with its output captured. */
async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), env, cwd: tempDataDir() };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Every option each command accepts, as its parser is configured. */
const ACCEPTED: Record<string, string[]> = {
  parse: ["--json"],
  ingest: ["--json"],
  search: ["--limit", "--offset", "--json"],
  status: ["--json"],
  chat: ["--user", "--channel", "--admin"],
  deliveries: ["--state", "--limit", "--retry", "--retry-dead", "--json"],
  run: ["--once"],
  doctor: ["--json"],
};

describe("help and mistyped names", () => {
  it("GIVEN --help THEN every command and every option it accepts is listed, with the global options", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const [command, options] of Object.entries(ACCEPTED)) {
      expect(stdout).toContain(`\n  ${command} `);
      for (const option of options) expect(stdout).toMatch(new RegExp(`\\n {8}${option}\\b`, "u"));
    }
    for (const global of ["--db PATH", "--debug", "--help", "--version"]) expect(stdout).toContain(global);
  });

  it("GIVEN paperbot <command> --help THEN that command's usage and options are printed and the exit is 0", async () => {
    for (const [command, options] of Object.entries(ACCEPTED)) {
      const { code, stdout, stderr } = await cli([command, "--help"]);
      expect({ command, code, stderr }).toEqual({ command, code: 0, stderr: "" });
      expect(stdout).toMatch(new RegExp(`^usage: paperbot ${command} `, "u"));
      for (const option of [...options, "--db PATH"]) expect(stdout).toContain(`  ${option}`);
    }
    expect((await cli(["help", "search"])).stdout).toMatch(/^usage: paperbot search QUERY/u);
  });

  it("GIVEN a mistyped command or option THEN the usage mistake says what was meant, exit 2", async () => {
    expect(await cli(["serch", "diffusion"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'paperbot: unknown command "serch" (did you mean "search"?); run paperbot --help (serch)\n',
    });
    const option = await cli(["search", "diffusion", "--jsno"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain(`Unknown option '--jsno' (did you mean "--json"?)`);
    expect((await cli(["frobnicate"])).stderr).toBe('paperbot: unknown command "frobnicate"; run paperbot --help (frobnicate)\n');
  });

  it("GIVEN a config file with mistyped keys THEN each is named with the key it was likely meant to be", async () => {
    const dir = tempDataDir();
    const config = join(dir, "paperbot.jsonc");
    writeFileSync(config, '{ "timezone": "UTC", "channels": [{ "platform": "console", "id": "papers", "minUpvote": 3 }] }');
    const { code, stderr } = await cli(["status"], { PAPERBOT_CONFIG: config, PAPERBOT_DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('config key channels.0: unknown key "minUpvote" (did you mean "minUpvotes"?)');
    expect(stderr).toContain('config key (root): unknown key "timezone" (did you mean "timeZone"?)');
  });

  it("GIVEN a store with one paper, dump and destination THEN status prints aligned columns and singular nouns", async () => {
    const dir = tempDataDir();
    const env = { PAPERBOT_DATA_DIR: dir };
    const capture = readFileSync(join(import.meta.dirname, "..", "fixtures", "dumps", "capture-small.txt"), "utf8");
    const first = capture.slice(0, capture.indexOf("\n\n", capture.indexOf("·\n")) + 1);
    writeFileSync(join(dir, "one.txt"), first);
    expect((await cli(["ingest", join(dir, "one.txt")], env)).stdout).toMatch(/: ingested: 1 paper, 1 new, 0 known\n/u);
    const { stdout } = await cli(["status"], env);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.slice(0, 4).map((line) => line.search(/(?<=^\S+\s+)\S/u))).toEqual([15, 15, 15, 15]);
    expect(lines[1]).toBe("papers         1 (from 1 dump, 0 rejected)");
    expect(lines.slice(4)).toEqual([
      "destinations",
      "  platform  kind     address  schedule  state",
      "  console   channel  papers   instant   active",
    ]);
  });
});
