import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./env.js";

export const BIN = join(REPO, "bin", "paperbot");

/** Runs the built command line as a user would, in `cwd` (the repository unless told). */
export function paperbot(args: string[], env: Record<string, string> = {}, cwd = REPO) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
