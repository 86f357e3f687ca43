export { FakeDiscord, DEFAULT_BOT_TOKEN } from "./fake.js";
export { clientOptionsFor, connectClient, nextInteraction } from "./discordjs.js";
export {
  DEFAULTS, OptionType, PermissionBits, autocomplete, buttonClick, interactionBase, slashCommand,
  type AutocompleteInput, type ButtonClickInput, type CommandOption, type InteractionContextInput,
  type InteractionPayload, type OptionValue, type PermissionsInput, type SlashCommandInput,
} from "./builders.js";
export type { RegisteredCommand, Registration } from "./commands.js";
export { DISCORD_ERRORS } from "./errors.js";
export type { InteractionRecord } from "./interactions.js";
export { LIMITS, charLength, validateMessage } from "./limits.js";
export type { Pings } from "./mentions.js";
export { snowflake } from "./snowflake.js";
export { RecordedMessage, type MessageObject } from "./store.js";
export type {
  ChannelState, Failure, FailureMatch, FakeChannelConfig, FakeDiscordOptions, FakeGuildConfig, FakeUser,
  IdentifyRecord, RecordedCallback, RecordedRequest,
} from "./types.js";
