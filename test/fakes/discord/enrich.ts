import type { AutocompleteInput, ButtonClickInput, SlashCommandInput } from "./builders.js";
import type { CommandRegistry } from "./commands.js";
import type { MessageStore } from "./store.js";

type Obj = Record<string, unknown>;
const list = (value: unknown): Obj[] =>
  Array.isArray(value) ? value.filter((v): v is Obj => typeof v === "object" && v !== null) : [];

/** Option definitions under the invoked group/subcommand of a registered command. */
function leafDefinitions(options: unknown, group?: string, subcommand?: string): Obj[] {
  let level = list(options);
  if (group !== undefined) level = list(level.find((o) => o["name"] === group && o["type"] === 2)?.["options"]);
  if (subcommand !== undefined) level = list(level.find((o) => o["name"] === subcommand && o["type"] === 1)?.["options"]);
  return level;
}

/** Fills command id, guild scope and option types from what the app registered with the fake. */
export function withRegisteredCommand<T extends SlashCommandInput | AutocompleteInput>(
  input: T,
  commands: CommandRegistry,
  defaultGuildId: string | undefined,
): T {
  const guildId = input.dm === true ? undefined : (input.guildId ?? defaultGuildId);
  const command = commands.lookup(input.name, guildId);
  if (!command) return input;
  const types: Record<string, number> = {};
  for (const definition of leafDefinitions(command.options, input.group, input.subcommand)) {
    if (typeof definition["name"] === "string" && typeof definition["type"] === "number") {
      types[definition["name"]] = definition["type"];
    }
  }
  const enriched: T = { ...input, commandId: input.commandId ?? command.id, optionTypes: { ...types, ...input.optionTypes } };
  if (command.guild_id !== undefined && input.commandGuildId === undefined) enriched.commandGuildId = command.guild_id;
  if ("focused" in enriched && enriched.focused.type === undefined) {
    const focusedType = types[enriched.focused.name];
    if (focusedType !== undefined) enriched.focused = { ...enriched.focused, type: focusedType };
  }
  return enriched;
}

/** Uses the stored message (and its channel) a button click refers to. */
export function withStoredMessage(input: ButtonClickInput, store: MessageStore): ButtonClickInput {
  if (input.message !== undefined || input.messageId === undefined) return input;
  const stored = store.get(input.messageId);
  if (!stored) return input;
  const channelId = input.channelId ?? stored.channelId;
  const inDm = stored.raw.guild_id === undefined && input.guildId === undefined;
  return { ...input, channelId, message: stored.raw, ...(inDm ? { dm: true } : {}) };
}
