import type { App as BoltApp, BlockButtonAction, RespondFn, webApi } from "@slack/bolt";
import { parseCommandText, requiresAdmin, usageReply, type Actor, type CommandService } from "../../commands/index.js";
import type { Logger } from "../../log.js";
import type { Reply } from "../../messages/index.js";
import { FEEDBACK_ACTION_PREFIX, PAGE_ACTION_PREFIX, renderReply } from "./render.js";

export const FAILURE_TEXT = "Something went wrong; try again.";
/** Slack lets an app use a response_url five times; one is kept for the failure notice. */
const MAX_RESPONSES = 4;

/** Slack sends `&`, `<` and `>` in slash command text as entities, even with should_escape off. */
export function decodeCommandText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** What the Slack command receiver uses: the command service, a logger and the configured admins. */
export interface SlackCommandDeps {
  commands: CommandService;
  log: Logger;
  /** User ids or names that may change channel settings besides workspace admins and owners. */
  admins: readonly string[];
}

/** Changing a channel's digest, or subscribing a channel, needs a workspace admin or owner. */
interface Who {
  userId: string;
  userName: string;
  channelId: string | null;
  teamId: string | null;
}

/**
 * Admin rights: listed in the config (by user id or name), else workspace admin/owner per
 * users.info, asked only when the command needs it. A failed lookup means "not an admin".
 */
async function isAdmin(deps: SlackCommandDeps, client: webApi.WebClient, who: Who, needed: boolean): Promise<boolean> {
  const { admins } = deps;
  if (admins.includes(who.userId) || admins.includes(who.userName)) return true;
  if (!needed) return false;
  try {
    const user = (await client.users.info({ user: who.userId })).user;
    return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  } catch (error) {
    deps.log.warn(`slack: users.info for ${who.userId} failed, treating as not an admin: ${String(error)}`);
    return false;
  }
}


function actorOf(who: Who, admin: boolean): Actor {
  return { platform: "slack", userId: who.userId, userName: who.userName, channelId: who.channelId, workspaceId: who.teamId, isAdmin: admin };
}

/** A DM with the bot (`D…`) is not a channel that can be configured. */
const channelOf = (id: string | undefined): string | null => (id === undefined || id === "" || id.startsWith("D") ? null : id);

/** Acknowledges within Slack's 3 seconds; a failed ack is logged, and the answer still tried. */
async function acknowledge(log: Logger, ack: () => Promise<void>): Promise<void> {
  try {
    await ack();
  } catch (error) {
    log.warn(`slack: ack failed: ${String(error)}`);
  }
}

/**
 * A reply's file (a BibTeX export) cannot ride on an ephemeral answer, and a file shared in the
 * channel would not be private: it goes to the person's DM with the bot, and the answer says so.
 */
async function sendFile(client: webApi.WebClient, userId: string, reply: Reply): Promise<Reply> {
  const file = reply.attachment;
  if (file === undefined) return reply;
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (channel === undefined) throw new Error("conversations.open returned no channel");
  await client.filesUploadV2({ channel_id: channel, filename: file.filename, content: file.content, title: file.filename });
  return { ...reply, text: `${reply.text}\nSent to your direct messages as ${file.filename}.`.trim() };
}

/** Runs a handler and sends its reply; any failure is logged and the person told to try again. */
async function answer(log: Logger, respond: RespondFn, replace: boolean, run: () => Promise<Reply>): Promise<void> {
  try {
    const reply = await run();
    const messages = renderReply(reply).slice(0, MAX_RESPONSES);
    const responseType = reply.ephemeral ? "ephemeral" : "in_channel";
    for (const [i, message] of messages.entries()) {
      await respond({ ...message, response_type: responseType, replace_original: replace && i === 0 });
    }
  } catch (error) {
    log.error(`slack: a /papers request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    try {
      await respond({ response_type: "ephemeral", replace_original: false, text: FAILURE_TEXT });
    } catch (notice) {
      log.warn(`slack: could not tell the user about the failure: ${String(notice)}`);
    }
  }
}

/** `/papers …` and the page buttons. Every request is acknowledged first, then answered via response_url. */
export function registerCommands(bolt: BoltApp, deps: SlackCommandDeps, commandName = "/papers"): void {
  const { log } = deps;
  bolt.command(commandName, async ({ command, ack, respond, client }) => {
    await acknowledge(log, ack);
    await answer(log, respond, false, async () => {
      const parsed = parseCommandText(decodeCommandText(command.text));
      if (!parsed.ok) return usageReply(parsed.mistake.message, parsed.mistake.usage);
      const who = { userId: command.user_id, userName: command.user_name, channelId: channelOf(command.channel_id), teamId: command.team_id };
      const admin = await isAdmin(deps, client, who, requiresAdmin(parsed.invocation));
      return sendFile(client, who.userId, await deps.commands.run(actorOf(who, admin), parsed.invocation));
    });
  });

  bolt.action<BlockButtonAction>({ type: "block_actions", action_id: new RegExp(`^${FEEDBACK_ACTION_PREFIX}`) }, async ({ ack, body, action, respond }) => {
    await acknowledge(log, ack);
    await answer(log, respond, false, async () => {
      const who = { userId: body.user.id, userName: body.user.name ?? body.user.id, channelId: channelOf(body.channel?.id), teamId: body.team?.id ?? null };
      return deps.commands.feedback(actorOf(who, false), action.value ?? "");
    });
  });

  bolt.action<BlockButtonAction>({ type: "block_actions", action_id: new RegExp(`^${PAGE_ACTION_PREFIX}`) }, async ({ ack, body, action, respond }) => {
    await acknowledge(log, ack);
    await answer(log, respond, true, async () => {
      const who = { userId: body.user.id, userName: body.user.name ?? body.user.id, channelId: channelOf(body.channel?.id), teamId: body.team?.id ?? null };
      return await deps.commands.page(actorOf(who, false), action.value ?? "");
    });
  });

  bolt.error(async (error) => {
    log.error(`slack: ${error.message}`);
  });
}
