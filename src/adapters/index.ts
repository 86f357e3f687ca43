import type { AdapterFactory } from "../main.js";
import { createDiscordAdapter } from "./discord/index.js";
import { createSlackAdapter } from "./slack/index.js";

/** The platform adapters `paperbot run` may start; each returns null without credentials. */
export function platformAdapters(): AdapterFactory[] {
  return [createDiscordAdapter, createSlackAdapter];
}
