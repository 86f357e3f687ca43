import type { Config } from "../config/index.js";
import type { AdapterFactory } from "../main.js";

/**
 * The platform adapters `paperbot run` may start; each factory returns null without credentials.
 * A platform's library is loaded only when the configuration can use it, so a console-only or
 * single-platform bot starts without loading the other's.
 */
export async function platformAdapters(config: Config): Promise<AdapterFactory[]> {
  const factories: AdapterFactory[] = [];
  if (config.discord !== null || config.channels.some((c) => c.platform === "discord")) {
    factories.push((await import("./discord/index.js")).createDiscordAdapter);
  }
  if (config.slack !== null || config.channels.some((c) => c.platform === "slack")) {
    const [{ webApi }, { createSlackAdapter }] = await Promise.all([import("@slack/bolt"), import("./slack/index.js")]);
    factories.push((app) => createSlackAdapter(app, { retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes }));
  }
  return factories;
}
