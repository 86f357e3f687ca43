import { fail, type CheckResult, type DoctorSettings, type DoctorTarget, type PlatformDoctor } from "./checks.js";
import { checkDatabase, checkDataDir, checkSchedules, checkSources, nextDigest, targetsOf } from "./local.js";

export { fail, pass, renderChecklist, type CheckResult, type DoctorSettings, type DoctorTarget, type PlatformDoctor } from "./checks.js";

/**
 * Everything `paperbot doctor` checks once the config has loaded: the data dir, the database
 * (read-only), each fetched source's last fetch, time zones and schedules, then each platform through its own doctor, with each
 * channel's next digest time. Nothing is written; a failure is a ✘ line, never a throw.
 */
export async function runDoctor(
  config: DoctorSettings,
  loadDoctor: (platform: string) => Promise<PlatformDoctor | null>,
  now: Date,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [...checkDataDir(config)];
  const database = checkDatabase(config);
  results.push(database.result);
  results.push(...checkSources(config, database.sources ?? []));
  const targets = targetsOf(config, database.destinations);
  results.push(...checkSchedules(config, targets));
  const notesFor = (target: DoctorTarget): string[] => [nextDigest(target, now)];
  const byPlatform = new Map<string, DoctorTarget[]>();
  for (const target of targets) byPlatform.set(target.platform, [...(byPlatform.get(target.platform) ?? []), target]);
  const configured = new Set([...config.platforms, ...byPlatform.keys()]);
  for (const name of [...configured].sort()) {
    const doctor = await loadDoctor(name);
    const mine = byPlatform.get(name) ?? [];
    if (doctor === null) results.push(fail(`${name}`, `unknown platform with ${mine.length} destination(s)`, "remove them from the config file"));
    else results.push(...(await doctor(mine, notesFor)));
  }
  return results;
}
