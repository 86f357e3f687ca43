import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { paperbotBin } from "./scale/ingest.js";
import { percentile } from "./scale/queries.js";

/*
 * `npm run bench -- startup`: the command line's start-up, command by command, beside a bare
 * `node -e 0` measured in the same rounds (each round runs every command once, so load on the
 * machine weighs on all of them alike). A fresh data dir with the sample dumps ingested; no
 * config file. Median wall time of `runs` rounds; the target is `status` within 150 ms.
 */

const RUNS = 15;

function wall(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${String(result.status)}`);
  return performance.now() - started;
}

export function benchStartup(runs = RUNS, log: (line: string) => void = console.log): void {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-bench-startup-"));
  const env = { ...process.env, PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: "" };
  const bin = paperbotBin();
  const samples = join(bin, "..", "..", "data", "inbox");
  const sample = join(samples, readdirSync(samples).filter((n) => n.endsWith(".txt")).sort()[0] ?? "");
  const commands: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["paperbot --help", [bin, "--help"]],
    ["paperbot status", [bin, "status"]],
    ["paperbot search attention", [bin, "search", "attention"]],
    ["paperbot doctor", [bin, "doctor"]],
    ["paperbot ingest (one known dump)", [bin, "ingest", sample]],
  ];
  try {
    wall([bin, "ingest", samples], env);
    const times = commands.map((): number[] => []);
    for (let i = 0; i < runs; i += 1) commands.forEach(([, args], c) => times[c]?.push(wall(args, env)));
    const medians = times.map((t) => percentile(t, 50));
    const node = medians[0] ?? NaN;
    const status = medians[2] ?? NaN;
    log(`\nstart-up: median of ${runs} rounds (ms), ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
    const width = Math.max(...commands.map(([name]) => name.length));
    commands.forEach(([name], c) => {
      const ms = medians[c] ?? NaN;
      const beyond = c === 0 ? "" : `  (node + ${(ms - node).toFixed(0)})`;
      log(`${name.padEnd(width)}  ${ms.toFixed(0).padStart(5)}${beyond}`);
    });
    log(`status <= 150 ms: ${status <= 150 ? "met" : "NOT met"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
