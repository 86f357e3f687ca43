import type { Pacing } from "../../delivery/pacing.js";

/** Discord: 5 messages per 5 s per channel, 50 requests per second in all. */
export const DISCORD_PACING: Pacing = {
  perDestination: { count: 5, windowMs: 5_000, marginMs: 50 },
  global: { count: 50, windowMs: 1_000, spread: true, marginMs: 50 },
};
