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
import { commandContext, type App } from "../../app.js";
import {
  PAPERS_COMMAND,
  autocomplete,
  handleCommand,
  pageClick,
  usageReply,
  validateArgs,
  type CommandContext,
  type CommandPath,
} from "../../commands/index.js";
import { clip } from "./inert.js";
import { renderReply, type DiscordMessage } from "./render.js";

export const SORRY = "Something went wrong; try again.";

/**
 * Subcommands that query the full-text index (or, for `latest`, sort the whole paper table). They
 * are deferred (an ephemeral "thinking…" within milliseconds) before the work, then the answer is
 * edited in: the 3 s window never depends on the store's speed. Deferring fixes the visibility in
 * advance, so only subcommands whose replies are always ephemeral qualify. The others are short
 * reads and writes and answer directly, with the visibility their reply asks for.
 */
const DEFERRED: ReadonlySet<CommandPath> = new Set<CommandPath>(["search", "latest", "show", "subscribe"]);

type Commandish = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction;

/** The person and place of an interaction, as the neutral handlers see them. */
export function contextOf(app: App, interaction: Commandish): CommandContext {
  const inGuild = interaction.guildId !== null;
  return commandContext(app, {
    platform: "discord",
    userId: interaction.user.id,
    userName: interaction.user.username,
    channelId: inGuild ? interaction.channelId : null,
    workspaceId: interaction.guildId,
    isAdmin: inGuild && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  });
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

function editOptions(message: DiscordMessage): InteractionEditReplyOptions {
  return { content: message.content, embeds: message.embeds, components: message.components, allowedMentions: NO_MENTIONS };
}

function replyOptions(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return { ...editOptions(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}

async function onCommand(app: App, interaction: ChatInputCommandInteraction): Promise<void> {
  if (interaction.commandName !== PAPERS_COMMAND.name) {
    await interaction.reply(replyOptions(renderReply(usageReply("I only know /papers.", "/papers help")), true));
    return;
  }
  const path = pathOf(interaction);
  const parsed = validateArgs(path, rawArgs(interaction));
  if (!parsed.ok) {
    await interaction.reply(replyOptions(renderReply(usageReply(parsed.mistake.message, parsed.mistake.usage)), true));
    return;
  }
  if (DEFERRED.has(parsed.invocation.path)) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = handleCommand(contextOf(app, interaction), parsed.invocation);
    await interaction.editReply(editOptions(renderReply(reply)));
    return;
  }
  const reply = handleCommand(contextOf(app, interaction), parsed.invocation);
  await interaction.reply(replyOptions(renderReply(reply), reply.ephemeral));
}

/** Suggestions for `show` and `unsubscribe`: at most 25, names and values within 100 characters. */
async function onAutocomplete(app: App, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const suggestions = autocomplete(contextOf(app, interaction), pathOf(interaction), focused.name, String(focused.value));
  const choices = suggestions
    .slice(0, 25)
    .map((c) => ({ name: clip(c.name, 100) || clip(c.value, 100), value: clip(c.value, 100) }))
    .filter((c) => c.name !== "" && c.value !== "");
  await interaction.respond(choices);
}

/** Previous/Next: the stateless id carries the page; the result message is edited in place. */
async function onButton(app: App, interaction: ButtonInteraction): Promise<void> {
  if (!interaction.customId.startsWith("pg:")) {
    await interaction.reply(replyOptions(renderReply(pageClick(contextOf(app, interaction), interaction.customId)), true));
    return;
  }
  await interaction.deferUpdate();
  const reply = pageClick(contextOf(app, interaction), interaction.customId);
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
export function createInteractionHandler(app: App): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await onCommand(app, interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(app, interaction);
      else if (interaction.isButton()) await onButton(app, interaction);
    } catch (error) {
      app.log.error(`discord: ${describe(interaction)} from ${interaction.user.id} failed: ${errorText(error)}`);
      try {
        await apologise(interaction);
      } catch (again) {
        app.log.warn(`discord: could not answer the failed interaction: ${errorText(again)}`);
      }
    }
  };
}
