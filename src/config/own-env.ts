import { resolve } from "node:path";
import type { EnvKind, EnvValueOf } from "../env-values.js";

/** The environment variables paperbot itself reads (platforms declare theirs), by kind. */
export const PAPERBOT_ENV = {
  PAPERBOT_CONFIG: "string",
  PAPERBOT_DATA_DIR: "string",
  PAPERBOT_DB: "string",
  PAPERBOT_INBOX_DIR: "string",
  PAPERBOT_INBOX_CRON: "string",
  PAPERBOT_TIME_ZONE: "string",
  PAPERBOT_HTTP_PORT: "port",
  PAPERBOT_HTTP_HOST: "host",
  PAPERBOT_INBOX_FOLLOW_SYMLINKS: "flag",
  PAPERBOT_LOG_LEVEL: { oneOf: ["debug", "info", "warn", "error"] },
  PAPERBOT_LOG_FORMAT: { oneOf: ["human", "json"] },
  PAPERBOT_HF_API_URL: "url",
  PAPERBOT_ARXIV_API_URL: "url",
} as const satisfies Record<string, EnvKind>;

/** paperbot's own variables once read: absent when unset. */
export type EnvSettings = { [K in keyof typeof PAPERBOT_ENV]?: EnvValueOf<(typeof PAPERBOT_ENV)[K]> | undefined };

/** The process's environment: config/ is its only reader; the command line hands it to loadConfig. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

/** The config file `loadConfig` reads (absolute), or null when everything comes from the environment. */
export function configFilePath(env: Record<string, string | undefined>, cwd: string = process.cwd()): string | null {
  const named = env["PAPERBOT_CONFIG"]?.trim();
  return named === undefined || named === "" ? null : resolve(cwd, named);
}
