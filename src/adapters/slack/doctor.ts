import { webApi } from "@slack/bolt";
import { fail, networkReason, pass, type CheckResult, type DoctorTarget, type PlatformDoctor } from "../../doctor/checks.js";
import { silentLogger } from "../../log.js";
import { boltLogger } from "./logger.js";

export interface SlackDoctorSettings {
  /** null when SLACK_BOT_TOKEN is unset (incoming webhooks only). */
  botToken: string | null;
  appToken: string | null;
  apiUrl: string;
  timeoutMs?: number;
}

const TOKEN_ERRORS = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);

/** A Web API failure by its Slack error code (`channel_not_found`), else the network reason. */
function slackError(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : networkReason(error);
}

interface ConversationInfo {
  name?: string;
  is_private?: boolean;
  is_member?: boolean;
  is_archived?: boolean;
}

async function checkChannel(client: webApi.WebClient, target: DoctorTarget, notes: string[]): Promise<CheckResult> {
  const title = `slack ${target.label}`;
  let channel: ConversationInfo;
  try {
    channel = ((await client.conversations.info({ channel: target.address })) as { channel?: ConversationInfo }).channel ?? {};
  } catch (error) {
    const code = slackError(error);
    if (code === "channel_not_found") {
      return fail(title, "channel_not_found: deleted, a wrong id, or a private channel the bot is not in", "in the channel, run /invite @paperbot (private channels), or correct the id", notes);
    }
    if (code === "missing_scope") return fail(title, "missing_scope", "reinstall the app from slack/manifest.yml (it asks for channels:read, groups:read)", notes);
    return fail(title, `not checked: ${code}`, "check the network and PAPERBOT_SLACK_API_URL, then run doctor again", notes);
  }
  const name = channel.name === undefined ? target.address : `#${channel.name}`;
  if (channel.is_archived === true) return fail(title, `${name} is archived`, "unarchive it, or remove it from the config / run /papers channel off", notes);
  if (channel.is_member !== true) {
    if (channel.is_private === true) return fail(title, `${name} is private and the bot is not a member`, `in ${name}, run /invite @paperbot`, notes);
    return pass(title, `${name} (public; the bot posts without joining, via chat:write.public)`, notes);
  }
  return pass(title, `${name} (${channel.is_private === true ? "private" : "public"}, the bot is a member)`, notes);
}

/** An incoming webhook answers an empty message with 400 (`no_text`) when its URL is live, without posting. */
async function checkWebhook(target: DoctorTarget, timeoutMs: number, notes: string[]): Promise<CheckResult> {
  const title = `slack ${target.label}`;
  try {
    const res = await fetch(target.address, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.text()).trim().slice(0, 80);
    if (res.status === 400) return pass(title, "live (checked with an empty message; nothing posted)", notes);
    if ([403, 404, 410].includes(res.status)) {
      return fail(title, `refused (${res.status} ${body})`, "the webhook or its channel is gone: add a new incoming webhook and put its URL in the config file", notes);
    }
    return fail(title, `answered ${res.status} ${body}`, "try again later; if it persists, add a new incoming webhook", notes);
  } catch (error) {
    return fail(title, `not reachable: ${networkReason(error)}`, "check the network and the webhook URL", notes);
  }
}

/** Slack's checks: the bot token (auth.test), the app token, each channel (conversations.info), each webhook. */
export function slackDoctor(settings: SlackDoctorSettings): PlatformDoctor {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const options = { slackApiUrl: settings.apiUrl, retryConfig: { retries: 0 }, timeout: timeoutMs, logger: boltLogger(silentLogger, "error") };
  return async (targets, notesFor) => {
    const results: CheckResult[] = [];
    const channels = targets.filter((t) => t.kind === "channel");
    let client: webApi.WebClient | null = null;
    if (settings.botToken === null) {
      if (channels.length > 0) results.push(fail("slack token", `SLACK_BOT_TOKEN is not set, but ${channels.length} channel(s) need it`, "set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…)"));
    } else {
      const candidate = new webApi.WebClient(settings.botToken, options);
      try {
        const auth = (await candidate.auth.test()) as { team?: string; user?: string };
        client = candidate;
        results.push(pass("slack token", `valid (${auth.user ?? "bot"} in ${auth.team ?? "the workspace"})`));
      } catch (error) {
        const code = slackError(error);
        const refused = TOKEN_ERRORS.has(code);
        results.push(fail("slack token", refused ? `refused (${code})` : `not checked: ${code}`, refused ? "copy the Bot User OAuth Token (Install App page) into SLACK_BOT_TOKEN" : "check the network and PAPERBOT_SLACK_API_URL"));
      }
    }
    if (settings.appToken !== null) {
      try {
        await new webApi.WebClient(settings.appToken, options).apps.connections.open();
        results.push(pass("slack app token", "valid (Socket Mode)"));
      } catch (error) {
        const code = slackError(error);
        results.push(fail("slack app token", `refused (${code})`, "generate an app-level token with connections:write (Basic Information → App-Level Tokens) and set SLACK_APP_TOKEN"));
      }
    }
    for (const target of channels) {
      if (client === null) results.push(fail(`slack ${target.label}`, "not checked: no valid token", "fix the token first", notesFor(target)));
      else results.push(await checkChannel(client, target, notesFor(target)));
    }
    for (const target of targets.filter((t) => t.kind === "webhook")) results.push(await checkWebhook(target, timeoutMs, notesFor(target)));
    return results;
  };
}
