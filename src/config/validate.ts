import { validate as nodeCronAccepts } from "node-cron";
import type { PlatformModule } from "../adapters/index.js";
import { parseCron } from "../scheduler/schedule-cron.js";
import { parseSchedule, unknownTimeZone, validTimeZone } from "../scheduler/schedule.js";
import { describeQueryError, parseBoundedQuery } from "../search/index.js";
import type { ConfigChecks } from "./build.js";
import type { ChannelConfig } from "./schema.js";

/*
 * Checks of values the schema can only say are strings: schedules with the scheduler's own parser,
 * crons with the cron parser the scheduler uses (and node-cron, which runs the jobs), filters with
 * the query parser, webhook URLs with their platform's shape. Each problem is `key: "value": why`.
 */

const quoted = (value: string): string => JSON.stringify(value);

export function checkTimeZone(key: string, zone: string, problems: string[]): void {
  if (!validTimeZone(zone)) problems.push(`${key}: ${unknownTimeZone(zone)}`);
}

/** A cron for a job (inbox scan, delivery pass). */
export function checkCron(key: string, value: string, problems: string[]): void {
  const parsed = parseCron(value);
  if (!parsed.ok) problems.push(`${key}: ${quoted(value)} is not a valid cron expression: ${parsed.error}`);
  else if (!nodeCronAccepts(value)) problems.push(`${key}: ${quoted(value)} is not a valid cron expression`);
}

/** A digest schedule: instant, daily HH:MM, weekly <day> HH:MM or a cron expression. */
export function checkSchedule(key: string, value: string, problems: string[]): void {
  const parsed = parseSchedule(value);
  if (!parsed.ok) problems.push(`${key}: ${quoted(value)}: ${parsed.error}`);
}

export function checkFilter(key: string, value: string, problems: string[]): void {
  const parsed = parseBoundedQuery(value);
  if (!parsed.ok) problems.push(`${key}: ${quoted(value)}: ${describeQueryError(parsed.error, "the filter")}`);
}

/** Every declared channel: one of id or webhookUrl, a webhook of its platform's shape, its schedule, zone and filter. */
export function checkChannels(
  channels: readonly ChannelConfig[],
  platforms: readonly PlatformModule<unknown>[],
  problems: string[],
): void {
  for (const [i, channel] of channels.entries()) {
    const key = `channels[${i}]`;
    if ((channel.id === undefined) === (channel.webhookUrl === undefined)) {
      problems.push(`${key}: give exactly one of "id" or "webhookUrl"`);
    }
    if (channel.webhookUrl !== undefined) {
      const platform = platforms.find((p) => p.name === channel.platform);
      const problem =
        platform?.webhookProblem === undefined ? `the ${channel.platform} platform has no webhooks` : platform.webhookProblem(channel.webhookUrl);
      if (problem !== null) problems.push(`${key}.webhookUrl: ${problem}`);
    }
    if (channel.schedule !== undefined) checkSchedule(`${key}.schedule`, channel.schedule, problems);
    if (channel.timeZone !== undefined) checkTimeZone(`${key}.timeZone`, channel.timeZone, problems);
    if (channel.filter !== undefined && channel.filter.trim() !== "") checkFilter(`${key}.filter`, channel.filter, problems);
  }
}

/** Every check, as loadConfig runs them. */
export const CONFIG_CHECKS: ConfigChecks = { timeZone: checkTimeZone, cron: checkCron, schedule: checkSchedule, channels: checkChannels };
