import { findSubcommand, usageOf, type CommandArgs, type CommandPath, type Invocation, type OptionDef } from "./definitions.js";

/** A mistake in a command: the message and the usage of the subcommand it concerns. */
export interface CommandMistake {
  message: string;
  usage: string;
}

export type ParseOutcome = { ok: true; invocation: Invocation } | { ok: false; mistake: CommandMistake };

const MAX_VALUE_LENGTH = 1_000;

export function mistake(path: string, message: string): ParseOutcome {
  return { ok: false, mistake: { message, usage: usageOf(path) } };
}

function checkValue(option: OptionDef, raw: string | number): string | number | { error: string } {
  if (option.type === "integer") {
    const n = typeof raw === "number" ? raw : /^[+-]?\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isInteger(n)) return { error: `${option.name} must be a whole number, not "${String(raw).slice(0, 40)}"` };
    if (option.min !== undefined && n < option.min) return { error: `${option.name} must be at least ${option.min}` };
    if (option.max !== undefined && n > option.max) return { error: `${option.name} must be at most ${option.max}` };
    return n;
  }
  const text = String(raw).replace(/\u0000/g, "").trim();
  if (text === "") return { error: `${option.name} is empty` };
  const max = option.maxLength ?? MAX_VALUE_LENGTH;
  if (text.length > max) return { error: `${option.name} is too long (${text.length} characters, max ${max})` };
  if (option.choices !== undefined) {
    const choice = option.choices.find((c) => c === text.toLowerCase());
    if (choice === undefined) return { error: `${option.name} must be one of ${option.choices.join(", ")}` };
    return choice;
  }
  return text;
}

/**
 * Validates raw option values against the definition: unknown options, missing required ones,
 * integers, ranges, choices and lengths. Both the text parser and platform payloads end here.
 */
export function validateArgs(path: string, raw: Readonly<Record<string, string | number>>): ParseOutcome {
  const def = findSubcommand(path);
  if (def === undefined) return mistake("help", `unknown subcommand "${path.slice(0, 40)}"`);
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw)) {
    const option = def.options.find((o) => o.name === name);
    if (option === undefined) {
      const what = name.startsWith("#") ? `unexpected "${String(value).slice(0, 40)}"` : `unknown option "${name.slice(0, 40)}"`;
      return mistake(path, what);
    }
    const checked = checkValue(option, value);
    if (typeof checked === "object") return mistake(path, checked.error);
    args[name] = checked;
  }
  for (const option of def.options) {
    if (option.required === true && args[option.name] === undefined) {
      return mistake(path, `${option.name} is required`);
    }
  }
  return { ok: true, invocation: { path: path as CommandPath, args: args as CommandArgs } };
}
