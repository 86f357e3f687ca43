import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { PAPERS_COMMAND, type OptionDef, type SubcommandDef } from "../../commands/index.js";
import type { Logger } from "../../log.js";
import { clip } from "./inert.js";

const DESCRIPTION = 100;

function optionJson(option: OptionDef): APIApplicationCommandBasicOption {
  const json: Record<string, unknown> = {
    type: option.type === "integer" ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String,
    name: option.name,
    description: clip(option.description, DESCRIPTION),
    required: option.required === true,
  };
  if (option.choices !== undefined) json["choices"] = option.choices.map((c) => ({ name: c, value: c }));
  else if (option.autocomplete === true) json["autocomplete"] = true;
  if (option.min !== undefined) json["min_value"] = option.min;
  if (option.max !== undefined) json["max_value"] = option.max;
  if (option.maxLength !== undefined) json["max_length"] = option.maxLength;
  return json as unknown as APIApplicationCommandBasicOption;
}

function subcommandJson(sub: SubcommandDef): APIApplicationCommandOption {
  // Discord wants required options first.
  const options = [...sub.options].sort((a, b) => Number(b.required === true) - Number(a.required === true));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: sub.name,
    description: clip(sub.description, DESCRIPTION),
    options: options.map(optionJson),
  };
}

/**
 * `/papers` for Discord, derived from the shared definition: subcommands (type 1), the `channel`
 * group (type 2), string/integer options with their limits. Usable in servers and in the bot's DMs;
 * visible to everyone (`default_member_permissions: null`): admin subcommands check Manage Server.
 */
export function commandPayload(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: PAPERS_COMMAND.name,
      description: clip(PAPERS_COMMAND.description, DESCRIPTION),
      default_member_permissions: null,
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [
        ...PAPERS_COMMAND.subcommands.map(subcommandJson),
        ...PAPERS_COMMAND.groups.map((group) => ({
          type: ApplicationCommandOptionType.SubcommandGroup as const,
          name: group.name,
          description: clip(group.description, DESCRIPTION),
          options: group.subcommands.map((sub) => subcommandJson(sub) as never),
        })),
      ],
    },
  ];
}

/** What was last registered per scope: the payload's hash and the command's id and version. */
interface ScopeState {
  hash: string;
  commandId: string;
  version: string;
}
type State = Record<string, ScopeState>;

function readState(path: string): State {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as State) : {};
  } catch {
    return {};
  }
}

function writeState(path: string, state: State): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

interface Registered {
  id: string;
  name: string;
  version: string;
}

export interface RegistrationReport {
  registered: string[];
  unchanged: string[];
  removed: string[];
  failed: string[];
}

const routeOf = (appId: string, scope: string): `/${string}` =>
  scope === "global" ? Routes.applicationCommands(appId) : Routes.applicationGuildCommands(appId, scope.slice("guild:".length));

const describeError = (error: unknown): string => (error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error));

/**
 * Registers `/papers` globally, or in the listed guilds only (instant, for setup), and only when
 * needed: the state file remembers the payload hash and the command's version per scope, and a
 * GET confirms Discord still has that version. So a restart costs one GET per scope, a changed
 * definition or a command deleted elsewhere costs one PUT. Scopes registered before but no longer
 * configured are emptied, so switching from guild to global leaves no duplicate commands.
 */
export async function registerCommands(
  rest: REST,
  appId: string,
  guildIds: readonly string[],
  statePath: string,
  log: Logger,
): Promise<RegistrationReport> {
  const body = commandPayload();
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const state = readState(statePath);
  const report: RegistrationReport = { registered: [], unchanged: [], removed: [], failed: [] };
  const scopes = guildIds.length > 0 ? guildIds.map((id) => `guild:${id}`) : ["global"];
  for (const scope of scopes) {
    const key = `${appId}/${scope}`;
    try {
      const saved = state[key];
      if (saved !== undefined && saved.hash === hash) {
        const current = (await rest.get(routeOf(appId, scope))) as Registered[];
        if (current.some((c) => c.id === saved.commandId && c.version === saved.version)) {
          report.unchanged.push(scope);
          continue;
        }
      }
      const result = (await rest.put(routeOf(appId, scope), { body })) as Registered[];
      const papers = result.find((c) => c.name === PAPERS_COMMAND.name);
      state[key] = { hash, commandId: papers?.id ?? "", version: papers?.version ?? "" };
      writeState(statePath, state);
      report.registered.push(scope);
      log.info(`discord: registered /papers (${scope})`);
    } catch (error) {
      report.failed.push(scope);
      log.error(`discord: registering /papers (${scope}) failed: ${describeError(error)}`);
    }
  }
  for (const key of Object.keys(state)) {
    const scope = key.slice(appId.length + 1);
    if (!key.startsWith(`${appId}/`) || scopes.includes(scope)) continue;
    try {
      await rest.put(routeOf(appId, scope), { body: [] });
      report.removed.push(scope);
      log.info(`discord: removed /papers from ${scope}, no longer configured`);
    } catch (error) {
      log.warn(`discord: could not remove /papers from ${scope}: ${describeError(error)}`);
    }
    delete state[key];
    writeState(statePath, state);
  }
  return report;
}
