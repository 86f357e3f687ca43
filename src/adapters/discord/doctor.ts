import { DiscordAPIError, HTTPError, PermissionFlagsBits, REST, Routes } from "discord.js";
import { fail, networkReason, pass, type CheckResult, type DoctorTarget, type PlatformDoctor } from "../../doctor/checks.js";

export interface DiscordDoctorSettings {
  /** null when DISCORD_TOKEN is unset (webhooks only). */
  token: string | null;
  apiUrl: string;
  timeoutMs?: number;
}

interface Overwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}
interface ChannelObject {
  id: string;
  name?: string | null;
  guild_id?: string;
  permission_overwrites?: Overwrite[];
}
interface Role {
  id: string;
  permissions: string;
}

/** What the bot needs in a digest channel, by the name the Discord UI gives it. */
const NEEDED: [string, bigint][] = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages", PermissionFlagsBits.SendMessages],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
];

const TOKEN_FIX = "Developer Portal → your application → Bot → Reset Token, then set DISCORD_TOKEN to the new token";

function reason(error: unknown): string {
  if (error instanceof DiscordAPIError) return `${error.status} ${error.message} (code ${String(error.code)})`;
  if (error instanceof HTTPError) return `${error.status} ${error.message}`;
  return networkReason(error);
}

/**
 * The bot's permissions in a channel, computed as Discord does: @everyone and the bot's roles,
 * Administrator grants all, then the channel's overwrites for @everyone, the roles and the bot.
 */
export function channelPermissions(guildId: string, roles: readonly Role[], memberRoles: readonly string[], botId: string, overwrites: readonly Overwrite[]): bigint {
  let perms = 0n;
  for (const role of roles) if (role.id === guildId || memberRoles.includes(role.id)) perms |= BigInt(role.permissions);
  if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ~0n;
  const apply = (o: Overwrite | undefined): void => {
    if (o !== undefined) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
  };
  apply(overwrites.find((o) => o.id === guildId));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guildId && memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  apply(overwrites.find((o) => o.type === 1 && o.id === botId));
  return perms;
}

async function checkChannel(rest: REST, botId: string, target: DoctorTarget, notes: string[]): Promise<CheckResult> {
  const title = `discord ${target.label}`;
  let channel: ChannelObject;
  try {
    channel = (await rest.get(Routes.channel(target.address))) as ChannelObject;
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === 10003 || error.status === 404)) {
      return fail(title, "unknown channel (deleted, or a wrong id)", "correct the id in the config file, or run /papers channel off for it", notes);
    }
    if (error instanceof DiscordAPIError && (error.code === 50001 || error.status === 403)) {
      return fail(title, "the bot cannot see this channel (Missing Access)", "in the channel's settings → Permissions, add paperbot with View Channel, Send Messages and Embed Links", notes);
    }
    return fail(title, `not reachable: ${reason(error)}`, "check the network and PAPERBOT_DISCORD_API_URL, then run doctor again", notes);
  }
  const name = channel.name === undefined || channel.name === null ? target.address : `#${channel.name}`;
  if (channel.guild_id === undefined) return pass(title, `${name} reachable`, notes);
  try {
    const guild = (await rest.get(Routes.guild(channel.guild_id))) as { roles: Role[] };
    const member = (await rest.get(Routes.guildMember(channel.guild_id, botId))) as { roles: string[] };
    const perms = channelPermissions(channel.guild_id, guild.roles, member.roles, botId, channel.permission_overwrites ?? []);
    const missing = NEEDED.filter(([, bit]) => (perms & bit) === 0n).map(([label]) => label);
    const granted = NEEDED.map(([label, bit]) => `${label} ${(perms & bit) === 0n ? "✘" : "✔"}`).join(", ");
    if (missing.length > 0) {
      return fail(title, `${name}: ${granted}`, `in ${name}'s settings → Permissions, allow paperbot: ${missing.join(", ")}`, notes);
    }
    return pass(title, `${name}: ${granted}`, notes);
  } catch (error) {
    return fail(title, `${name}: cannot read the bot's permissions: ${reason(error)}`, "make sure the bot is still a member of the server (invite it again)", notes);
  }
}

async function checkWebhook(target: DoctorTarget, timeoutMs: number, notes: string[]): Promise<CheckResult> {
  const title = `discord ${target.label}`;
  try {
    const res = await fetch(target.address, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.ok) {
      const hook = (await res.json()) as { name?: string; channel_id?: string };
      return pass(title, `valid (“${hook.name ?? "webhook"}” in channel ${hook.channel_id ?? "?"})`, notes);
    }
    if (res.status === 404 || res.status === 401) {
      return fail(title, `refused (${res.status}): the webhook was deleted or the URL is wrong`, "create a new webhook (channel settings → Integrations → Webhooks) and put its URL in the config file", notes);
    }
    return fail(title, `answered ${res.status}`, "try again later; if it persists, create a new webhook", notes);
  } catch (error) {
    return fail(title, `not reachable: ${networkReason(error)}`, "check the network and the webhook URL's host", notes);
  }
}

/** Discord's checks: the token (GET /users/@me), each channel with the bot's permissions there, each webhook. */
export function discordDoctor(settings: DiscordDoctorSettings): PlatformDoctor {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  return async (targets, notesFor) => {
    const results: CheckResult[] = [];
    const channels = targets.filter((t) => t.kind === "channel");
    let rest: REST | null = null;
    let botId: string | null = null;
    if (settings.token === null) {
      if (channels.length > 0) results.push(fail("discord token", `DISCORD_TOKEN is not set, but ${channels.length} channel(s) need it`, "set DISCORD_TOKEN to the bot token (Developer Portal → Bot)"));
    } else {
      rest = new REST({ api: settings.apiUrl, retries: 0, timeout: timeoutMs }).setToken(settings.token);
      try {
        const me = (await rest.get(Routes.user())) as { id: string; username: string };
        botId = me.id;
        results.push(pass("discord token", `valid (bot ${me.username}, id ${me.id})`));
      } catch (error) {
        const refused = error instanceof DiscordAPIError && error.status === 401;
        results.push(fail("discord token", refused ? "refused (401 Unauthorized)" : `not checked: ${reason(error)}`, refused ? TOKEN_FIX : "check the network and PAPERBOT_DISCORD_API_URL"));
      }
    }
    for (const target of channels) {
      if (rest === null || botId === null) {
        results.push(fail(`discord ${target.label}`, "not checked: no valid token", "fix the token first", notesFor(target)));
      } else {
        results.push(await checkChannel(rest, botId, target, notesFor(target)));
      }
    }
    for (const target of targets.filter((t) => t.kind === "webhook")) results.push(await checkWebhook(target, timeoutMs, notesFor(target)));
    return results;
  };
}
