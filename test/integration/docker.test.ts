/**
 * The container image's contract, checked without a Docker engine: the Dockerfile's HEALTHCHECK
 * command is run as is against a running bot, and the image's settings agree with compose.yaml
 * and the README (health on 8080 reachable from outside the container, samples in the volume).
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { systemClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import { REPO, tempDataDir } from "../helpers/env.js";

const DOCKERFILE = readFileSync(join(REPO, "Dockerfile"), "utf8");
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The HEALTHCHECK's exec-form command, as Docker would run it. */
function healthcheckCommand(): string[] {
  const joined = DOCKERFILE.replace(/\\\n\s*/g, " ");
  const match = /^HEALTHCHECK .*?CMD (\[.*\])\s*$/m.exec(joined);
  if (match?.[1] === undefined) throw new Error("no exec-form HEALTHCHECK in the Dockerfile");
  return JSON.parse(match[1]) as string[];
}

/** Runs it in a child process (asynchronously: the bot answering it lives in this process). */
function runHealthcheck(port: number): Promise<number | null> {
  const [cmd, ...args] = healthcheckCommand();
  const child = spawn(cmd === "node" ? process.execPath : (cmd ?? ""), args, { env: { PAPERBOT_HTTP_PORT: String(port) }, stdio: "ignore", timeout: 20_000 });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("Docker image", () => {
  it("GIVEN the Dockerfile THEN it exposes health on 8080 on every interface, runs as uid 1000 with a /data volume holding the sample dumps, and compose.yaml mounts a named volume there", () => {
    expect(DOCKERFILE).toMatch(/^EXPOSE 8080\b/m);
    expect(DOCKERFILE).toMatch(/PAPERBOT_HTTP_PORT=8080/);
    expect(DOCKERFILE).toMatch(/PAPERBOT_HTTP_HOST=0\.0\.0\.0/);
    expect(DOCKERFILE).toMatch(/^COPY --chown=node:node data\/inbox\/\*\.txt \/data\/inbox\/$/m);
    expect(DOCKERFILE).toMatch(/^USER node$/m);
    expect(DOCKERFILE).toMatch(/^VOLUME \["\/data"\]$/m);
    const compose = readFileSync(join(REPO, "compose.yaml"), "utf8");
    expect(compose).toMatch(/- paperbot-data:\/data/);
    expect(compose).toMatch(/^volumes:\n {2}paperbot-data:/m);
    expect(readFileSync(join(REPO, "README.md"), "utf8")).toMatch(/## Run with Docker[\s\S]*uid 1000/);
  });

  it("GIVEN a running bot THEN the Dockerfile's HEALTHCHECK command exits 0; once the bot is gone it exits 1", async () => {
    const dir = tempDataDir({ samples: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({ PAPERBOT_DATA_DIR: dir, PAPERBOT_HTTP_PORT: "0" }, dir);
    const lines: string[] = [];
    const log = { ...silentLogger, info: (m: string) => void lines.push(m) };
    const app = openApp(config, log, systemClock);
    let stop: (signal: string) => void = () => {};
    const running = runBot(app, config, log, { once: false, write: () => {}, adapters: [], stopSignal: new Promise((resolve) => (stop = resolve)) });
    const deadline = Date.now() + 20_000;
    let port: number | undefined;
    while (port === undefined) {
      port = Number(/health and metrics on http:\/\/127\.0\.0\.1:(\d+)/.exec(lines.join("\n"))?.[1] ?? Number.NaN) || undefined;
      if (Date.now() > deadline) throw new Error("no health server");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await runHealthcheck(port)).toBe(0);
    stop("SIGTERM");
    expect(await running).toBe(0);
    expect(await runHealthcheck(port)).toBe(1);
  }, 60_000);
});
