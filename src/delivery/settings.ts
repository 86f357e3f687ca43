import type { Destination } from "../domain/destination.js";
import type { Logger } from "../log.js";
import { parseSchedule, validTimeZone } from "../scheduler/schedule.js";
import { describeQueryError, parseQuery } from "../search/index.js";
import { publicAddress } from "../domain/destination.js";
import type { Store } from "../store/index.js";

/**
 * Why a stored destination's settings cannot be planned for (a schedule, time zone or filter
 * saved by an older version that this one no longer reads), or null when they are fine.
 */
export function unusableSettings(destination: Destination): string | null {
  const schedule = parseSchedule(destination.schedule);
  if (!schedule.ok) return `its schedule "${destination.schedule}" no longer parses: ${schedule.error}`;
  if (destination.timeZone !== null && !validTimeZone(destination.timeZone)) {
    return `its time zone "${destination.timeZone}" is not a known IANA time zone`;
  }
  if (destination.filter !== null && destination.filter.trim() !== "") {
    const filter = parseQuery(destination.filter);
    if (!filter.ok) return `its filter "${destination.filter}" no longer parses: ${describeQueryError(filter.error, "the filter")}`;
  }
  return null;
}

/**
 * At start: every active destination whose stored settings no longer parse is disabled with the
 * reason (shown by `paperbot status` and `/papers channel show`) and logged, once, since it stays
 * disabled until someone sets it again. Nothing falls back to a default silently.
 */
export function disableUnusable(store: Store, log: Logger, now: Date): number {
  let disabled = 0;
  for (const destination of store.destinations.all()) {
    if (destination.status !== "active") continue;
    const problem = unusableSettings(destination);
    if (problem === null) continue;
    const reason = `settings no longer valid: ${problem}`;
    store.destinations.disable(destination.id, reason, now);
    log.warn(`destination ${destination.platform}/${destination.kind}/${publicAddress(destination)} disabled: ${reason}`);
    disabled += 1;
  }
  return disabled;
}
