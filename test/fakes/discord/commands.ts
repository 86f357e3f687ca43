import { FormErrors, discordError } from "./errors.js";
import { charLength } from "./limits.js";
import { snowflake } from "./snowflake.js";
import type { HttpReply } from "./types.js";

/** An application command as Discord returns it. */
export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  options: unknown[];
  default_member_permissions: string | null;
  contexts: number[] | null;
  integration_types: number[];
  nsfw: boolean;
  [key: string]: unknown;
}

export interface Registration {
  guildId: string | null;
  method: "PUT" | "POST" | "PATCH" | "DELETE";
  names: string[];
  at: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateName(errors: FormErrors, path: (string | number)[], name: unknown): void {
  if (typeof name !== "string" || !NAME.test(name) || name !== name.toLowerCase()) {
    errors.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", `Command name is invalid`);
  }
}

function validateOptions(errors: FormErrors, path: (string | number)[], options: unknown): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) return errors.add([...path, "options"], "BASE_TYPE_ARRAY", "Must be an array.");
  if (options.length > 25) errors.maxLength([...path, "options"], 25);
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const at = [...path, "options", i];
    if (!isObj(option)) return;
    validateName(errors, at, option["name"]);
    const description = charLength(option["description"]);
    if (description < 1 || description > 100) errors.badLength([...at, "description"], 1, 100);
    if (typeof option["name"] === "string") {
      if (seen.has(option["name"])) errors.add([...at, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique");
      seen.add(option["name"]);
    }
    const choices = option["choices"];
    if (Array.isArray(choices) && choices.length > 25) errors.maxLength([...at, "choices"], 25);
    if (option["type"] === 1 || option["type"] === 2) validateOptions(errors, at, option["options"]);
  });
}

/** Validates one command body like Discord (name rules, description 1–100 for chat input, ≤ 25 options). */
export function validateCommand(errors: FormErrors, path: (string | number)[], body: unknown): void {
  if (!isObj(body)) return errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
  const type = typeof body["type"] === "number" ? body["type"] : 1;
  validateName(errors, path, body["name"]);
  if (type === 1) {
    const description = charLength(body["description"]);
    if (description < 1 || description > 100) errors.badLength([...path, "description"], 1, 100);
  }
  validateOptions(errors, path, body["options"]);
}

/** Global and per-guild application commands, plus a log of every registration call. */
export class CommandRegistry {
  readonly registrations: Registration[] = [];
  readonly #scopes = new Map<string, RegisteredCommand[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId: string | null): RegisteredCommand[] {
    return this.#scopes.get(guildId ?? "global") ?? [];
  }

  find(guildId: string | null, id: string): RegisteredCommand | undefined {
    return this.list(guildId).find((c) => c.id === id);
  }

  /** The command an interaction for `name` would refer to (guild command first). */
  lookup(name: string, guildId: string | undefined): RegisteredCommand | undefined {
    const inGuild = guildId === undefined ? undefined : this.list(guildId).find((c) => c.name === name);
    return inGuild ?? this.list(null).find((c) => c.name === name);
  }

  /** PUT — bulk overwrite; keeps ids of commands that keep their name and type, like Discord. */
  bulkOverwrite(guildId: string | null, body: unknown): HttpReply {
    if (!Array.isArray(body)) return discordError(50035);
    const errors = new FormErrors();
    body.forEach((command, i) => validateCommand(errors, [i], command));
    const names = body.map((c) => (isObj(c) ? `${String(c["type"] ?? 1)}:${String(c["name"])}` : ""));
    if (new Set(names).size !== names.length) errors.add([], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    if (body.length > 100) errors.maxLength([], 100);
    const invalid = errors.reply();
    if (invalid) return invalid;
    const previous = this.list(guildId);
    const next = body.map((command) => this.#build(guildId, command as Obj, previous));
    this.#scopes.set(guildId ?? "global", next);
    this.registrations.push({ guildId, method: "PUT", names: next.map((c) => c.name), at: Date.now() });
    return { status: 200, body: next };
  }

  /** POST — create or overwrite one command by name. */
  upsert(guildId: string | null, body: unknown): HttpReply {
    const errors = new FormErrors();
    validateCommand(errors, [], body);
    const invalid = errors.reply();
    if (invalid) return invalid;
    const list = this.list(guildId);
    const command = this.#build(guildId, body as Obj, list);
    const existed = list.some((c) => c.id === command.id);
    this.#scopes.set(guildId ?? "global", [...list.filter((c) => c.id !== command.id), command]);
    this.registrations.push({ guildId, method: "POST", names: [command.name], at: Date.now() });
    return { status: existed ? 200 : 201, body: command };
  }

  patch(guildId: string | null, id: string, body: unknown): HttpReply {
    const current = this.find(guildId, id);
    if (!current) return discordError(10063);
    const merged = { ...current, ...(isObj(body) ? body : {}) };
    const errors = new FormErrors();
    validateCommand(errors, [], merged);
    const invalid = errors.reply();
    if (invalid) return invalid;
    const command = this.#build(guildId, merged, this.list(guildId));
    this.#scopes.set(guildId ?? "global", this.list(guildId).map((c) => (c.id === id ? command : c)));
    this.registrations.push({ guildId, method: "PATCH", names: [command.name], at: Date.now() });
    return { status: 200, body: command };
  }

  remove(guildId: string | null, id: string): HttpReply {
    const current = this.find(guildId, id);
    if (!current) return discordError(10063);
    this.#scopes.set(guildId ?? "global", this.list(guildId).filter((c) => c.id !== id));
    this.registrations.push({ guildId, method: "DELETE", names: [current.name], at: Date.now() });
    return { status: 204 };
  }

  #build(guildId: string | null, body: Obj, previous: RegisteredCommand[]): RegisteredCommand {
    const type = typeof body["type"] === "number" ? body["type"] : 1;
    const name = String(body["name"]);
    const prior = previous.find((c) => c.name === name && c.type === type);
    const permissions = body["default_member_permissions"];
    return {
      ...body,
      id: prior?.id ?? snowflake(),
      application_id: this.applicationId,
      ...(guildId === null ? {} : { guild_id: guildId }),
      version: snowflake(),
      type,
      name,
      description: typeof body["description"] === "string" ? body["description"] : "",
      options: Array.isArray(body["options"]) ? body["options"] : [],
      default_member_permissions: typeof permissions === "string" ? permissions : null,
      contexts: Array.isArray(body["contexts"]) ? (body["contexts"] as number[]) : null,
      integration_types: Array.isArray(body["integration_types"]) ? (body["integration_types"] as number[]) : [0],
      nsfw: body["nsfw"] === true,
      name_localizations: body["name_localizations"] ?? null,
      description_localizations: body["description_localizations"] ?? null,
    };
  }
}
