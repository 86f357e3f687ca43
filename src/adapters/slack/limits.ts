import type { Pacing } from "../../delivery/pacing.js";

/** Slack: about one message per second per channel; Tier 4-ish overall. */
export const SLACK_PACING: Pacing = {
  perDestination: { count: 1, windowMs: 1_000, marginMs: 50 },
  global: { count: 50, windowMs: 1_000, spread: true, marginMs: 50 },
};
