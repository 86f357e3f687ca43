import type { z } from "zod";
import { webhookTransportProblem } from "../../env-values.js";
import type { PlatformModule } from "../platform.js";
import type { DiscordSettings } from "./settings.js";

export type { DiscordSettings } from "./settings.js";
import { DISCORD_PACING } from "./limits.js";


export const DISCORD_DEFAULTS = { apiUrl: "https://discord.com/api" } as const;

/** Its config section, built with the schema library config/ loads (this module loads none). */
const section = (zod: typeof z) =>
  zod
    .strictObject({
    apiUrl: zod.url().optional(),
    guildIds: zod.array(zod.string().regex(/^\d{5,25}$/, "a Discord guild id (digits)")).optional(),
  })
  .optional();

const WEBHOOK_PATH = /\/webhooks\/\d{5,25}\/[A-Za-z0-9_-]{10,}\/?$/;

/** Discord through discord.js: slash commands over the gateway, digests by REST or channel webhooks. */
export const discordPlatform: PlatformModule<DiscordSettings | null, "discord"> = {
  name: "discord",
  env: { DISCORD_TOKEN: "string", PAPERBOT_DISCORD_API_URL: "url" },
  secrets: ["DISCORD_TOKEN"],
  redactions: [
    { pattern: /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, replacement: "[redacted]" },
    { pattern: /(https:\/\/(?:discord(?:app)?\.com|[^/\s]+)\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]+/g, replacement: "$1[redacted]" },
  ],
  configSection: section,
  settings(env, raw) {
    const file = raw as z.infer<ReturnType<typeof section>>;
    const token = env["DISCORD_TOKEN"] as string | undefined;
    if (token === undefined) return null;
    const apiUrl = (env["PAPERBOT_DISCORD_API_URL"] as string | undefined) ?? file?.apiUrl ?? DISCORD_DEFAULTS.apiUrl;
    return { token, apiUrl, guildIds: file?.guildIds ?? [] };
  },
  webhookProblem(text) {
    const url = new URL(text);
    return webhookTransportProblem(url) ?? (WEBHOOK_PATH.test(url.pathname) ? null : "not a Discord webhook URL (…/api/webhooks/<id>/<token>)");
  },
  pacing: DISCORD_PACING,
  wanted: (settings, channels) => settings !== null || channels.length > 0,
  load: async () => (await import("./index.js")).createDiscordAdapter,
  loadDoctor: async () => {
    const { discordDoctor } = await import("./doctor.js");
    return (settings) => discordDoctor({ token: settings?.token ?? null, apiUrl: settings?.apiUrl ?? DISCORD_DEFAULTS.apiUrl });
  },
};
