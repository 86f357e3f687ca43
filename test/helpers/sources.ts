import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import { startFakeArxiv, type FakeArxiv } from "../fakes/arxiv/index.js";
import { startFakeHuggingFace, type FakeHuggingFace, type HfPaperInput } from "../fakes/huggingface/index.js";
import { REPO, testApp } from "./env.js";

/** Fast politeness for tests against the local fakes; the defaults (3 s for arXiv) stay in the product. */
export const FAST = { minIntervalMs: 20, timeoutMs: 2_000, retries: 2, backoffMs: 20 } as const;

/** A config file with the given sources (pointed at the fakes), written into the data dir. */
export function writeSourcesConfig(dataDir: string, config: object): string {
  const path = join(dataDir, "paperbot.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

export function hfSource(url: string, extra: object = {}) {
  return { type: "huggingface", apiUrl: url, ...FAST, ...extra };
}

export function arxivSource(url: string, categories: string[], extra: object = {}) {
  return { type: "arxiv", apiUrl: url, categories, ...FAST, ...extra };
}

/** An app (real SQLite in dataDir) whose config file is `config`. */
export function sourcesApp(dataDir: string, config: object, now: string, env: Record<string, string> = {}) {
  const path = writeSourcesConfig(dataDir, config);
  return testApp(dataDir, now, { PAPERBOT_CONFIG: path, ...env });
}

export const hfPaper = (n: number, extra: Partial<HfPaperInput> = {}): HfPaperInput => ({
  id: `2512.${String(n).padStart(5, "0")}`,
  title: `Hugging paper number ${n} on efficient inference`,
  summary: `We present method ${n}. It makes inference ${n} times cheaper on commodity hardware.`,
  upvotes: n,
  ...extra,
});

/** Runs the built CLI asynchronously (the fakes live in this process, so it must not block). */
export function runPaperbot(
  args: string[],
  env: Record<string, string>,
  onStart?: (kill: () => void) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "bin", "paperbot"), ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.(() => child.kill("SIGKILL"));
  });
}

/**
 * The Hugging Face and arXiv fakes, started on demand by a test and closed after it: call once at
 * the top of a test file.
 */
export function sourceFakesPerTest(): { huggingFace: () => Promise<FakeHuggingFace>; arxiv: () => Promise<FakeArxiv> } {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const fake of open.splice(0)) await fake.close();
  });
  const started = async <T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<T> => {
    const fake = await start();
    open.push(fake);
    return fake;
  };
  return { huggingFace: () => started(startFakeHuggingFace), arxiv: () => started(startFakeArxiv) };
}
