/** One bot per database, with real processes: the lock is the kernel's, released when its holder dies, whatever its pid. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, tempDataDir } from "../helpers/env.js";

const BIN = join(REPO, "bin", "paperbot");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Whether this machine lets us make PID namespaces (root, or user namespaces allowed). */
const CAN_UNSHARE = spawnSync("unshare", ["--pid", "--fork", "--kill-child", "true"]).status === 0;

function command(prefix: readonly string[], args: readonly string[]): [string, string[]] {
  const [head, ...rest] = [...prefix, process.execPath, BIN, ...args];
  return [head ?? process.execPath, rest];
}

/** Starts `paperbot run` and resolves once it is watching the inbox (it holds the lock by then). */
async function startBot(dataDir: string, prefix: readonly string[] = []): Promise<ChildProcess> {
  const [cmd, args] = command(prefix, ["run"]);
  const child = spawn(cmd, args, { cwd: REPO, env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("watching")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the first bot exited (${code}): ${log}`)));
  });
  return child;
}

function runOnce(dataDir: string, prefix: readonly string[] = []) {
  const [cmd, args] = command(prefix, ["run", "--once"]);
  const result = spawnSync(cmd, args, { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dataDir }, timeout: 60_000 });
  return { code: result.status, stderr: result.stderr };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe("the run lock across processes", () => {
  it("GIVEN a running bot THEN a second is refused with one line; once the first is killed -9 the next one starts", async () => {
    const dir = tempDataDir();
    const first = await startBot(dir);
    const second = runOnce(dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^paperbot: another paperbot is running on this database \(pid \d+ on host .+\) \(.+paperbot\.db\.lock\)\n$/u);
    await killHard(first);
    expect(runOnce(dir)).toMatchObject({ code: 0 });
  }, 60_000);

  it.skipIf(!CAN_UNSHARE)("GIVEN two bots in separate PID namespaces (each is pid 1) on one data dir THEN only one runs", async () => {
    const dir = tempDataDir();
    const namespace = ["unshare", "--pid", "--fork", "--kill-child"];
    const first = await startBot(dir, namespace);
    const second = runOnce(dir, namespace);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another paperbot is running on this database \(pid 1 on host/u);
    await killHard(first);
    expect(runOnce(dir, namespace)).toMatchObject({ code: 0 });
  }, 60_000);
});
