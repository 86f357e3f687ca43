import { PAPERS_COMMAND, findSubcommand, type OptionDef } from "./definitions.js";
import { mistake, validateArgs, type ParseOutcome } from "./validate.js";

interface Token {
  text: string;
  start: number;
  end: number;
}

const MAX_COMMAND_LENGTH = 4_000;

/** Splits on whitespace, keeping double-quoted runs together; positions index the input. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] ?? "")) i += 1;
    if (i >= input.length) break;
    const start = i;
    let quoted = false;
    while (i < input.length && (quoted || !/\s/.test(input[i] ?? ""))) {
      if (input[i] === '"') quoted = !quoted;
      i += 1;
    }
    tokens.push({ text: input.slice(start, i), start, end: i });
  }
  return tokens;
}

const unquote = (text: string): string =>
  text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;

/**
 * Parses the text form used on Slack and the console: `/papers search homomorphic encryption`,
 * `/papers subscribe "vector graphics" dm instant`, `/papers channel set daily 09:00 min_upvotes:5`.
 * `name:value` sets an option by name (`filter:` takes the rest of the line); trailing words that
 * are choices (`dm`, `weekly`) fill choice options; the rest of the line goes to the text option.
 */
export function parseCommandText(input: string): ParseOutcome {
  const text = input.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").trim();
  if (text.length > MAX_COMMAND_LENGTH) return mistake("help", `the command is too long (max ${MAX_COMMAND_LENGTH} characters)`);
  const body = text.replace(/^\/?papers\b/i, "").trim();
  const tokens = tokenize(body);
  const first = tokens[0];
  if (first === undefined) return mistake("help", "say what to do, e.g. /papers search diffusion");
  const name = first.text.toLowerCase();
  let path = name;
  let argStart = first.end;
  const group = PAPERS_COMMAND.groups.find((g) => g.name === name);
  if (group !== undefined) {
    const sub = tokens[1];
    const choices = group.subcommands.map((s) => s.name).join(", ");
    if (sub === undefined) return mistake(`${group.name} show`, `"${group.name}" needs one of: ${choices}`);
    if (findSubcommand(`${group.name} ${sub.text.toLowerCase()}`) === undefined) {
      return mistake(`${group.name} show`, `unknown "${group.name}" subcommand "${sub.text.slice(0, 40)}"; use one of: ${choices}`);
    }
    path = `${group.name} ${sub.text.toLowerCase()}`;
    argStart = sub.end;
  }
  const def = findSubcommand(path);
  if (def === undefined) return mistake("help", `unknown subcommand "${first.text.slice(0, 40)}"`);
  return validateArgs(path, assignArgs(def.options, body.slice(argStart)));
}

function assignArgs(options: readonly OptionDef[], rawArgs: string): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  let rest = rawArgs;
  const byName = new Map(options.map((o) => [o.name, o]));
  const restNamed = options.find((o) => !o.rest && o.word !== true && o.type === "string" && o.choices === undefined);
  if (restNamed !== undefined) {
    const at = rest.search(new RegExp(`(^|\\s)${restNamed.name}:`, "i"));
    if (at !== -1) {
      const value = rest.slice(at).trim().slice(restNamed.name.length + 1);
      args[restNamed.name] = unquote(value.trim());
      rest = rest.slice(0, at);
    }
  }
  const kept: Token[] = [];
  for (const token of tokenize(rest)) {
    const match = /^([a-z_]+):(.+)$/i.exec(token.text);
    const option = match === null ? undefined : byName.get((match[1] ?? "").toLowerCase());
    if (match !== null && option !== undefined && option.rest !== true) args[option.name] = unquote(match[2] ?? "");
    else kept.push(token);
  }
  const choiceOptions = options.filter((o) => o.choices !== undefined);
  while (kept.length > 0) {
    const last = kept[kept.length - 1];
    const word = last?.text.toLowerCase() ?? "";
    const option = choiceOptions.find((o) => args[o.name] === undefined && o.choices?.includes(word));
    if (option === undefined) break;
    args[option.name] = word;
    kept.pop();
  }
  const restOption = options.find((o) => o.rest === true);
  if (restOption !== undefined) {
    const first = kept[0];
    const last = kept[kept.length - 1];
    if (first !== undefined && last !== undefined) args[restOption.name] = rest.slice(first.start, last.end);
    return args;
  }
  const positional = options.filter((o) => args[o.name] === undefined);
  kept.forEach((token, i) => {
    const option = positional[i];
    args[option === undefined ? `#${i + 1}` : option.name] = unquote(token.text);
  });
  return args;
}
