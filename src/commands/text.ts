import { PAPERS_COMMAND, findSubcommand, type OptionDef } from "./definitions.js";
import { closest, didYouMean } from "../suggest.js";
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
 * Every option can be named (`query:`, `limit:`, `delivery:`, `filter:` …) in any order; text
 * options take words up to the next named option. Trailing words that are choices (`dm`, `weekly`)
 * fill choice options; the rest of the line goes to the text option.
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
      const hint = didYouMean(sub.text, group.subcommands.map((s) => s.name));
      return mistake(`${group.name} show`, `unknown "${group.name}" subcommand "${sub.text.slice(0, 40)}"${hint === "" ? `; use one of: ${choices}` : hint}`);
    }
    path = `${group.name} ${sub.text.toLowerCase()}`;
    argStart = sub.end;
  }
  const def = findSubcommand(path);
  if (def === undefined) {
    const names = [...PAPERS_COMMAND.subcommands.map((s) => s.name), ...PAPERS_COMMAND.groups.map((g) => g.name)];
    return mistake("help", `unknown subcommand "${first.text.slice(0, 40)}"${didYouMean(first.text, names)}`);
  }
  const assigned = assignArgs(def.options, body.slice(argStart));
  if ("error" in assigned) return mistake(path, assigned.error);
  return validateArgs(path, assigned.args);
}

/** Options whose value is a query: quotes there mean a phrase and are kept. */
const QUERY_OPTIONS = new Set(["query", "filter"]);

/** Where each `name:` of this subcommand's options starts, outside double quotes. */
function namedStarts(options: readonly OptionDef[], text: string): { option: OptionDef; start: number; valueStart: number }[] {
  const found: { option: OptionDef; start: number; valueStart: number }[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    if (quoted || (i > 0 && !/\s/.test(text[i - 1] ?? ""))) continue;
    const match = /^([a-z_]+):/i.exec(text.slice(i, i + 40));
    const option = match === null ? undefined : options.find((o) => o.name === (match[1] ?? "").toLowerCase());
    if (match !== null && option !== undefined) found.push({ option, start: i, valueStart: i + match[0].length });
  }
  return found;
}

/**
 * Splits the arguments into named options and the positional rest. A text option named in the
 * line takes everything up to the next named option; a number or a choice takes one word, and
 * what follows it returns to the positional rest.
 */
function assignArgs(options: readonly OptionDef[], rawArgs: string): { args: Record<string, string | number> } | { error: string } {
  const args: Record<string, string | number> = {};
  const named = namedStarts(options, rawArgs);
  const positional: string[] = [rawArgs.slice(0, named[0]?.start ?? rawArgs.length)];
  named.forEach(({ option, valueStart }, i) => {
    const segment = rawArgs.slice(valueStart, named[i + 1]?.start ?? rawArgs.length).trim();
    if (option.type === "string" && option.choices === undefined) {
      // Quotes in a query are its own syntax (a phrase); around a title or a schedule they only group.
      args[option.name] = QUERY_OPTIONS.has(option.name) ? segment : unquote(segment);
      return;
    }
    const [word = "", ...rest] = tokenize(segment).map((t) => t.text);
    args[option.name] = unquote(word);
    positional.push(rest.join(" "));
  });
  const rest = positional.join(" ").trim();
  const kept = tokenize(rest);
  const choiceOptions = options.filter((o) => o.choices !== undefined);
  const stray = strayChoice(choiceOptions, kept);
  if (stray !== null) return { error: stray };
  while (kept.length > 0) {
    const word = kept[kept.length - 1]?.text.toLowerCase() ?? "";
    const option = choiceOptions.find((o) => args[o.name] === undefined && o.choices?.includes(word));
    if (option === undefined) break;
    args[option.name] = word;
    kept.pop();
  }
  const restOption = options.find((o) => o.rest === true);
  if (restOption !== undefined && args[restOption.name] === undefined) {
    const firstKept = kept[0];
    const lastKept = kept[kept.length - 1];
    if (firstKept !== undefined && lastKept !== undefined) args[restOption.name] = rest.slice(firstKept.start, lastKept.end);
    return { args };
  }
  const open = options.filter((o) => args[o.name] === undefined && o.rest !== true);
  kept.forEach((token, i) => {
    const option = open[i];
    args[option === undefined ? `#${i + 1}` : option.name] = unquote(token.text);
  });
  return { args };
}

/** Words people type for a rhythm or a delivery that paperbot does not offer. */
const NEAR_CHOICES = new Set(["hourly", "monthly", "yearly", "biweekly", "fortnightly", "realtime", "immediately", "email", "e-mail", "mail", "dms", "pm"]);

/** A word meant as a choice that is none: a known near word, or a one-letter typo of a choice (not its plural). */
function nearChoice(word: string, choices: readonly string[]): boolean {
  if (choices.includes(word)) return false;
  if (NEAR_CHOICES.has(word)) return true;
  const match = closest(word, choices);
  return match !== null && word.length >= 5 && word !== `${match}s` && Math.abs(word.length - match.length) <= 1 && distanceOne(word, match);
}

function distanceOne(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const rest = (x: string, n: number): string => x.slice(i + n);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, 2) === rest(b, 2));
}

/**
 * Words after the query that were meant as choices but are none (`"flow matching" dm hourly`,
 * `… email`): refused with the allowed words rather than searched for. Only the run of choice-like
 * words at the end of the line is looked at, so `efficient channel pruning` stays a query.
 */
function strayChoice(choiceOptions: readonly OptionDef[], kept: readonly Token[]): string | null {
  const choices = choiceOptions.flatMap((o) => o.choices ?? []);
  if (choices.length === 0) return null;
  let start = kept.length;
  while (start > 1) {
    const word = kept[start - 1]?.text.toLowerCase() ?? "";
    if (!choices.includes(word) && !nearChoice(word, choices)) break;
    start -= 1;
  }
  const tail = kept.slice(start).map((t) => t.text.toLowerCase());
  const stray = tail.find((word) => !choices.includes(word));
  if (stray === undefined) return null;
  const open = choiceOptions.filter((o) => !tail.some((word) => o.choices?.includes(word)));
  const allowed = (open.length > 0 ? open : choiceOptions).map((o) => `${o.name} ${(o.choices ?? []).join(", ")}`).join("; ");
  const hint = didYouMean(stray, choices);
  return `"${stray.slice(0, 40)}" is not a choice here${hint}: use ${allowed} (put the query in quotes if the word belongs to it)`;
}
