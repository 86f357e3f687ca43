import { webApi } from "@slack/bolt";
import type { AdapterFactory } from "../main.js";
import { createDiscordAdapter } from "./discord/index.js";
import { createSlackAdapter } from "./slack/index.js";

/** The platform adapters `paperbot run` may start; each returns null without credentials. */
export function platformAdapters(): AdapterFactory[] {
  return [
    createDiscordAdapter,
    (app) => createSlackAdapter(app, { retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes }),
  ];
}
