export type { Actor, CommandContext, CommandSettings } from "./context.js";
export { PAPERS_COMMAND, PAGE_TOKEN_PREFIX, allPaths, findSubcommand, requiresAdmin, usageOf } from "./definitions.js";
export type { CommandPath, GroupDef, Invocation, OptionDef, SubcommandDef } from "./definitions.js";
export { autocomplete, handleCommand, pageClick, type Choice } from "./handlers.js";
export { usageReply } from "./replies.js";
export { createCommandService, type CommandService, type CommandServiceDeps } from "./service.js";
export { parseCommandText } from "./text.js";
export { validateArgs, type CommandMistake, type ParseOutcome } from "./validate.js";
