import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { nextSlot, parseSchedule, validTimeZone } from "../scheduler/schedule.js";
import { inspectDatabase, type InspectedDestination, type InspectedSource } from "../store/inspect.js";
import { fail, pass, type CheckResult, type DoctorSettings, type DoctorTarget } from "./checks.js";

/** The nearest existing directory at or above path (where a missing one would be created). */
function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The data dir (and the inbox) exist or can be created, and the bot may write there. */
export function checkDataDir(config: DoctorSettings): CheckResult[] {
  const results: CheckResult[] = [];
  for (const [title, path] of [["data dir", config.dataDir], ["inbox", config.inboxDir]] as const) {
    if (existsSync(path)) {
      if (!statSync(path).isDirectory()) {
        results.push(fail(title, `${path} is not a directory`, `remove it or point ${title === "inbox" ? "PAPERBOT_INBOX_DIR" : "PAPERBOT_DATA_DIR"} elsewhere`));
      } else if (!writable(path)) {
        results.push(fail(title, `${path} is not writable by this user`, `chown -R $(id -u) ${path} (in Docker the volume must belong to uid 1000)`));
      } else {
        results.push(pass(title, `${path} (writable)`));
      }
      continue;
    }
    const parent = nearestExisting(path);
    if (writable(parent)) results.push(pass(title, `${path} (created at the first start)`));
    else results.push(fail(title, `${path} does not exist and ${parent} is not writable`, `mkdir -p ${path} as a user who may, then chown it to this user`));
  }
  return results;
}

/** `PRAGMA integrity_check` on the database, read-only; its channel destinations for the later checks. */
export function checkDatabase(config: DoctorSettings): { result: CheckResult; destinations: InspectedDestination[]; sources?: InspectedSource[] } {
  const found = inspectDatabase(config.dbPath);
  switch (found.state) {
    case "missing":
      return { result: pass("database", `${config.dbPath} (created at the first start)`), destinations: [] };
    case "unreadable":
      return {
        result: fail("database", `${config.dbPath}: ${found.reason}`, "check the file's owner and permissions, and that no other program holds it"),
        destinations: [],
      };
    case "corrupt":
      return {
        result: fail("database", `${config.dbPath} fails the integrity check: ${found.reason}`, "stop the bot and restore the file from a backup (the dumps can be ingested again into a new one)"),
        destinations: [],
      };
    case "ok": {
      const behind = found.schemaVersion < found.latestVersion ? `; schema ${found.schemaVersion}, upgraded to ${found.latestVersion} at the next start` : "";
      const noun = found.papers === 1 ? "paper" : "papers";
      return {
        result: pass("database", `${config.dbPath} (integrity ok, ${found.papers} ${noun}${behind})`),
        destinations: found.destinations,
        sources: found.sources,
      };
    }
  }
}

/**
 * Every place digests go to: the config file's channels and webhooks, and the channels set by
 * slash command (from the database); one target per address, the config's settings first.
 */
export function targetsOf(config: DoctorSettings, stored: readonly InspectedDestination[]): DoctorTarget[] {
  const targets = new Map<string, DoctorTarget>();
  let webhook = 0;
  for (const channel of config.channels) {
    const kind = channel.webhookUrl === undefined ? "channel" : "webhook";
    const address = channel.webhookUrl ?? channel.id ?? "";
    const label = kind === "webhook" ? `webhook #${(webhook += 1)} (config)` : `channel ${address} (config)`;
    const schedule = channel.schedule ?? config.digestSchedule;
    targets.set(`${channel.platform}:${address}`, { platform: channel.platform, kind, address, label, schedule, timeZone: channel.timeZone ?? config.timeZone });
  }
  for (const d of stored) {
    const key = `${d.platform}:${d.address}`;
    if (targets.has(key) || d.status !== "active" || d.kind === "dm") continue;
    const label = d.kind === "webhook" ? `webhook #${(webhook += 1)}` : `channel ${d.address}`;
    targets.set(key, { platform: d.platform, kind: d.kind, address: d.address, label, schedule: d.schedule, timeZone: d.timeZone ?? config.timeZone });
  }
  return [...targets.values()];
}

/** Each target's time zone and schedule are usable. */
export function checkSchedules(config: DoctorSettings, targets: readonly DoctorTarget[]): CheckResult[] {
  const results: CheckResult[] = [pass("time zone", config.timeZone)];
  for (const t of targets) {
    if (!validTimeZone(t.timeZone)) {
      results.push(fail(`${t.platform} ${t.label}: time zone`, `"${t.timeZone}" is not a known IANA time zone`, `use a zone such as Europe/Berlin or America/New_York (run /papers channel set there again)`));
      continue;
    }
    const parsed = parseSchedule(t.schedule);
    if (!parsed.ok) results.push(fail(`${t.platform} ${t.label}: schedule`, `"${t.schedule}": ${parsed.error}`, "set a schedule such as daily 09:00 with /papers channel set"));
  }
  return results;
}

/** When the target's next digest goes out, in its own zone, as a line under its check. */
export function nextDigest(target: DoctorTarget, now: Date): string {
  const parsed = parseSchedule(target.schedule);
  if (!parsed.ok || !validTimeZone(target.timeZone)) return "next digest: unknown (see the schedule check)";
  if (parsed.schedule.kind === "instant") return "next digest: instant (papers are posted as they arrive)";
  const at = nextSlot(parsed.schedule, target.timeZone, now);
  if (at === null) return `next digest: never ("${target.schedule}" never fires)`;
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: target.timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return `next digest: ${local} ${target.timeZone} (${target.schedule})`;
}

/**
 * Each fetched source's last fetch, from the database: ✘ when it failed (until one succeeds), with
 * what to check; ✔ with its last success, or a note that it has not been fetched yet.
 */
export function checkSources(config: DoctorSettings, stored: readonly InspectedSource[]): CheckResult[] {
  return config.sources.map((source) => {
    const state = stored.find((s) => s.source === source.name);
    const name = `source ${source.name}`;
    if (state === undefined || (state.lastSuccessAt === null && state.lastError === null)) {
      return pass(name, `${source.type} at ${source.apiUrl}: not fetched yet (fetched at the next start or \`paperbot fetch\`)`);
    }
    if (state.lastError !== null) {
      const since = state.lastSuccessAt === null ? "never succeeded" : `last success ${state.lastSuccessAt}`;
      return fail(name, `last fetch failed at ${state.lastErrorAt ?? "?"}: ${state.lastError} (${since})`, `check the network and ${source.apiUrl}; the next scheduled fetch retries and catches up the missed days`);
    }
    return pass(name, `${source.type}: last success ${state.lastSuccessAt ?? "?"}, through ${state.lastDay ?? "no day yet"}`);
  });
}
