import type { z } from "zod";
import { webhookTransportProblem } from "../../env-values.js";
import type { PlatformModule } from "../platform.js";
import type { SlackSettings } from "./settings.js";

export type { SlackSettings } from "./settings.js";
import { SLACK_PACING } from "./limits.js";


export const SLACK_DEFAULTS = { apiUrl: "https://slack.com/api/", port: 3000 } as const;

/** Its config section, built with the schema library config/ loads (this module loads none). */
const section = (zod: typeof z) =>
  zod
    .strictObject({
    apiUrl: zod.url().optional(),
    port: zod.int().min(0).max(65535).optional(),
    admins: zod.array(zod.string().trim().min(1)).optional(),
  })
  .optional();

const WEBHOOK_PATH = /\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+\/?$/;

/** Slack through @slack/bolt: Socket Mode or the HTTP receiver, digests by Web API or incoming webhooks. */
export const slackPlatform: PlatformModule<SlackSettings | null, "slack"> = {
  name: "slack",
  env: {
    SLACK_BOT_TOKEN: "string",
    SLACK_SIGNING_SECRET: "string",
    SLACK_APP_TOKEN: "string",
    PAPERBOT_SLACK_API_URL: "url",
    PAPERBOT_SLACK_PORT: "port",
  },
  secrets: ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"],
  redactions: [
    { pattern: /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{8,}/g, replacement: "[redacted]" },
    { pattern: /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]+/g, replacement: "$1[redacted]" },
  ],
  configSection: section,
  settings(env, raw, problems) {
    const file = raw as z.infer<ReturnType<typeof section>>;
    const botToken = env["SLACK_BOT_TOKEN"] as string | undefined;
    const appToken = env["SLACK_APP_TOKEN"] as string | undefined;
    const signingSecret = env["SLACK_SIGNING_SECRET"] as string | undefined;
    if (botToken !== undefined && appToken === undefined && signingSecret === undefined) {
      problems.push("SLACK_SIGNING_SECRET: required for the HTTP receiver when SLACK_APP_TOKEN is not set");
    }
    if (botToken === undefined && (appToken !== undefined || signingSecret !== undefined)) {
      problems.push("SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set");
    }
    if (botToken === undefined) return null;
    return {
      botToken,
      signingSecret: signingSecret ?? null,
      appToken: appToken ?? null,
      apiUrl: (env["PAPERBOT_SLACK_API_URL"] as string | undefined) ?? file?.apiUrl ?? SLACK_DEFAULTS.apiUrl,
      port: (env["PAPERBOT_SLACK_PORT"] as number | undefined) ?? file?.port ?? SLACK_DEFAULTS.port,
      admins: file?.admins ?? [],
    };
  },
  webhookProblem(text) {
    const url = new URL(text);
    return webhookTransportProblem(url) ?? (WEBHOOK_PATH.test(url.pathname) ? null : "not a Slack incoming webhook URL (…/services/T…/B…/…)");
  },
  pacing: SLACK_PACING,
  wanted: (settings, channels) => settings !== null || channels.length > 0,
  load: async () => {
    const [{ webApi }, { createSlackAdapter }] = await Promise.all([import("@slack/bolt"), import("./index.js")]);
    return (deps) => createSlackAdapter(deps, { retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes });
  },
  loadDoctor: async () => {
    const { slackDoctor } = await import("./doctor.js");
    return (settings) =>
      slackDoctor({ botToken: settings?.botToken ?? null, appToken: settings?.appToken ?? null, apiUrl: settings?.apiUrl ?? SLACK_DEFAULTS.apiUrl });
  },
};
