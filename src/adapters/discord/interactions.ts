import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from "discord.js";
import { PAPERS_COMMAND, usageReply, type Actor, type CommandService } from "../../commands/index.js";
import type { Logger } from "../../log.js";
import type { Reply } from "../../messages/index.js";
import { clip } from "./inert.js";
import { renderReply, type DiscordMessage } from "./render.js";

export const SORRY = "Something went wrong; try again.";

type Commandish = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction;

/** The person and place of an interaction, as the neutral handlers see them. */
export function actorOf(interaction: Commandish): Actor {
  const inGuild = interaction.guildId !== null;
  return {
    platform: "discord",
    userId: interaction.user.id,
    userName: interaction.user.username,
    channelId: inGuild ? interaction.channelId : null,
    workspaceId: interaction.guildId,
    isAdmin: inGuild && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}

function pathOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false);
  return [group, sub].filter((s): s is string => s !== null).join(" ") || "help";
}

/** The leaf options of the invoked subcommand, as raw values for `validateArgs`. */
function rawArgs(interaction: ChatInputCommandInteraction): Record<string, string | number> {
  let level: readonly CommandInteractionOption[] = interaction.options.data;
  for (;;) {
    const nested = level.find(
      (o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (nested === undefined) break;
    level = nested.options ?? [];
  }
  const raw: Record<string, string | number> = {};
  for (const option of level) {
    if (typeof option.value === "string" || typeof option.value === "number") raw[option.name] = option.value;
  }
  return raw;
}

const NO_MENTIONS = { parse: [] };

type Attachment = Reply["attachment"];

/** A reply's file (a BibTeX export) goes along as an attachment. */
function editOptions(message: DiscordMessage, attachment?: Attachment): InteractionEditReplyOptions {
  const files = attachment === undefined ? {} : { files: [{ attachment: Buffer.from(attachment.content, "utf8"), name: attachment.filename }] };
  return { content: message.content, embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS, ...files };
}

function replyOptions(message: DiscordMessage, ephemeral: boolean, attachment?: Attachment): InteractionReplyOptions {
  return { ...editOptions(message, attachment), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}

async function onCommand(commands: CommandService, interaction: ChatInputCommandInteraction): Promise<void> {
  if (interaction.commandName !== PAPERS_COMMAND.name) {
    await interaction.reply(replyOptions(renderReply(usageReply("I only know /papers.", "/papers help")), true));
    return;
  }
  const path = pathOf(interaction);
  const parsed = commands.validate(path, rawArgs(interaction));
  if (!parsed.ok) {
    await interaction.reply(replyOptions(renderReply(usageReply(parsed.mistake.message, parsed.mistake.usage)), true));
    return;
  }
  // A slow subcommand is deferred (an ephemeral "thinking…" within milliseconds) before the work,
  // then the answer is edited in: the 3 s window never depends on the store's speed.
  if (commands.isSlow(parsed.invocation.path)) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await commands.run(actorOf(interaction), parsed.invocation);
    await interaction.editReply(editOptions(renderReply(reply), reply.attachment));
    return;
  }
  const reply = await commands.run(actorOf(interaction), parsed.invocation);
  await interaction.reply(replyOptions(renderReply(reply), reply.ephemeral, reply.attachment));
}

/** Suggestions for `show` and `unsubscribe`: at most 25, names and values within 100 characters. */
async function onAutocomplete(commands: CommandService, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const suggestions = await commands.autocomplete(actorOf(interaction), pathOf(interaction), focused.name, String(focused.value));
  const choices = suggestions
    .slice(0, 25)
    .map((c) => ({ name: clip(c.name, 100) || clip(c.value, 100), value: clip(c.value, 100) }))
    .filter((c) => c.name !== "" && c.value !== "");
  await interaction.respond(choices);
}

/**
 * Previous/Next: the stateless id carries the page; the result message is edited in place.
 * 👍 👎 🔖 under a card: recorded for whoever clicked, answered privately, the card left as it is.
 */
async function onButton(commands: CommandService, interaction: ButtonInteraction): Promise<void> {
  if (commands.isFeedbackToken(interaction.customId)) {
    await interaction.reply(replyOptions(renderReply(commands.feedback(actorOf(interaction), interaction.customId)), true));
    return;
  }
  if (!commands.isPageToken(interaction.customId)) {
    await interaction.reply(replyOptions(renderReply(await commands.page(actorOf(interaction), interaction.customId)), true));
    return;
  }
  await interaction.deferUpdate();
  const reply = await commands.page(actorOf(interaction), interaction.customId);
  await interaction.editReply(editOptions(renderReply(reply)));
}

async function apologise(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const sorry = { content: SORRY, embeds: [], components: [], allowedMentions: NO_MENTIONS };
  if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) await interaction.editReply(sorry);
  else if (interaction.deferred || interaction.replied) await interaction.followUp({ ...sorry, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...sorry, flags: MessageFlags.Ephemeral });
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName} ${pathOf(interaction)}`;
  if (interaction.isButton()) return "button";
  return `type ${interaction.type}`;
}

/**
 * Answers every interaction; an exception never escapes: it is logged and the person is told
 * "Something went wrong; try again." (ephemerally) when Discord still lets us answer.
 */
export function createInteractionHandler(commands: CommandService, log: Logger): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await onCommand(commands, interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(commands, interaction);
      else if (interaction.isButton()) await onButton(commands, interaction);
    } catch (error) {
      log.error(`discord: ${describe(interaction)} from ${interaction.user.id} failed: ${errorText(error)}`);
      try {
        await apologise(interaction);
      } catch (again) {
        log.warn(`discord: could not answer the failed interaction: ${errorText(again)}`);
      }
    }
  };
}
