import { PLATFORMS, type PlatformModule } from "../adapters/index.js";
import { isPaperbotError } from "../errors.js";
import { plainEnvValue } from "../env-values.js";
import { buildConfig, DEFAULTS, type Config, type ConfigChecks } from "./build.js";
import { PAPERBOT_ENV, type EnvSettings } from "./own-env.js";

/*
 * The configuration of the common case read without zod, node-cron or the query parser: no config
 * file, and every variable unset or plainly valid (see plainEnvValue), with the schedules and the
 * time zone at their defaults. It yields exactly what loadConfig would; anything else (a value the
 * schemas might refuse, a problem to report, a check to run) is left to loadConfig, which then
 * words every problem as it always does. So a command such as `paperbot status` starts without
 * loading the libraries that only judge what this case does not have.
 */

const LIST = PLATFORMS as readonly PlatformModule<unknown>[];
const DEFAULT_CRONS = new Set<string>([DEFAULTS.inboxCron, DEFAULTS.deliveryCron]);

/** Checks that pass the defaults alone (loadConfig's checks accept them); any other value makes the result unsure. */
function defaultsOnly(): { checks: ConfigChecks; unsure: () => boolean } {
  let unsure = false;
  const expect = (ok: boolean): void => {
    if (!ok) unsure = true;
  };
  return {
    checks: {
      timeZone: (_key, zone) => expect(zone === DEFAULTS.timeZone),
      cron: (_key, value) => expect(DEFAULT_CRONS.has(value)),
      schedule: (_key, value) => expect(value === DEFAULTS.digestSchedule),
      channels: (channels) => expect(channels.length === 0),
    },
    unsure: () => unsure,
  };
}

/** The configuration when it can be read without the schemas and checkers, else null: call loadConfig. */
export function quickConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config | null {
  const kinds = [...Object.entries(PAPERBOT_ENV), ...LIST.flatMap((p) => Object.entries(p.env))];
  const all: Record<string, unknown> = {};
  for (const [key, kind] of kinds) {
    const read = plainEnvValue(kind, env[key]);
    if (read === null) return null;
    if (read.value !== undefined) all[key] = read.value;
  }
  if (all["PAPERBOT_CONFIG"] !== undefined) return null;
  const own = Object.fromEntries(Object.keys(PAPERBOT_ENV).flatMap((key) => (key in all ? [[key, all[key]]] : []))) as EnvSettings;
  const { checks, unsure } = defaultsOnly();
  try {
    const config = buildConfig({ env: own, all, file: {}, sections: {} }, cwd, checks, []);
    return unsure() ? null : config;
  } catch (error) {
    if (isPaperbotError(error) && error.code === "CONFIG_INVALID") return null;
    throw error;
  }
}

/**
 * The configuration for a command: read by quickConfig when it can tell, else by loadConfig
 * (validated whole, every problem reported), whose schemas and checkers are loaded only then.
 */
export async function readConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Promise<Config> {
  return quickConfig(env, cwd) ?? (await import("./index.js")).loadConfig(env, cwd);
}
