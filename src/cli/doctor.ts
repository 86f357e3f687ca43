import { systemClock } from "../clock.js";
import { PLATFORMS, type PlatformModule } from "../adapters/index.js";
import type { Config } from "../config/index.js";
import { configFilePath } from "../config/own-env.js";
import { readConfig } from "../config/quick.js";
import { fail, pass, renderChecklist, runDoctor, type CheckResult, type DoctorSettings, type PlatformDoctor } from "../doctor/index.js";
import { isPaperbotError, PaperbotError } from "../errors.js";
import { parseCommandArgs, printJson, type CliIo } from "./io.js";

const LIST = PLATFORMS as readonly PlatformModule<unknown>[];

/** A platform's doctor, loaded (with its library) only when the config or the database uses the platform. */
async function platformDoctor(config: Config, name: string): Promise<PlatformDoctor | null> {
  const platform = LIST.find((p) => p.name === name);
  if (platform === undefined) return null;
  return (await platform.loadDoctor())((config as Record<string, unknown>)[name]);
}

/** The doctor's view of the configuration. */
function doctorSettings(config: Config): DoctorSettings {
  const wanted = LIST.filter((p) => p.fallback !== true && p.wanted((config as Record<string, unknown>)[p.name], config.channels.filter((c) => c.platform === p.name)));
  return {
    dataDir: config.dataDir,
    inboxDir: config.inboxDir,
    dbPath: config.dbPath,
    timeZone: config.timeZone,
    digestSchedule: config.digest.schedule,
    channels: config.channels,
    platforms: wanted.map((p) => p.name),
    sources: config.sources.flatMap((s) => (s.type === "inbox" ? [] : [{ name: s.name, type: s.type, apiUrl: s.apiUrl }])),
  };
}

/**
 * `paperbot doctor`: a ✔/✘ checklist of the config, data dir, database, time zones, platforms,
 * channels and webhooks, with a fix under each ✘; exit 1 when anything failed. A config that does
 * not load is itself the first ✘ (the other checks need it).
 */
export async function doctorCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("doctor", args, { json: { type: "boolean" } }, "[--json]");
  if (positionals.length > 0) throw new PaperbotError("USAGE", `unexpected argument "${positionals[0] ?? ""}"; usage: paperbot doctor [--json]`, "doctor");
  const results: CheckResult[] = [];
  let config: Config | null = null;
  try {
    config = await readConfig(io.env, io.cwd);
    results.push(pass("config", configFilePath(io.env, io.cwd) ?? "no config file (environment and defaults)"));
  } catch (error) {
    if (!isPaperbotError(error)) throw error;
    results.push(fail("config", error.message, "correct the settings named above (every key is documented in config/paperbot.jsonc)"));
  }
  if (config !== null) {
    const loaded = config;
    results.push(...(await runDoctor(doctorSettings(loaded), (platform) => platformDoctor(loaded, platform), systemClock.now())));
  }
  if (values.json === true) printJson(io, { ok: results.every((r) => r.ok), checks: results });
  else io.out(renderChecklist(results));
  return results.every((r) => r.ok) ? 0 : 1;
}
