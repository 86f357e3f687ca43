import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A real-looking snowflake: Discord epoch timestamp << 22 | worker | process | increment. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  const ms = BigInt(at) - DISCORD_EPOCH;
  return ((ms << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}

/** Interaction / webhook token lookalike (url-safe, ~ the length Discord uses). */
export function randomToken(prefix = "aW50ZXJhY3Rpb246"): string {
  return `${prefix}${randomBytes(48).toString("base64url")}`;
}

export function isSnowflake(value: unknown): value is string {
  return typeof value === "string" && /^\d{1,20}$/.test(value);
}
