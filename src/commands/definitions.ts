/**
 * `/papers` as data. Discord registration, Slack and console text parsing, usage lines and the
 * handlers' argument types all derive from this one definition.
 */
export type OptionType = "string" | "integer";

export interface OptionDef {
  readonly name: string;
  readonly type: OptionType;
  readonly description: string;
  readonly required?: boolean;
  /** In text form, takes the rest of the line (a query, a title, a schedule). */
  readonly rest?: boolean;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly autocomplete?: boolean;
  /** In text form, a single word (`days:all`): never takes the rest of the line. */
  readonly word?: boolean;
}

export interface SubcommandDef {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionDef[];
  /** Changing channel settings needs platform admin rights. */
  readonly admin?: boolean;
  readonly example?: string;
  /**
   * May take a while (queries the full-text index or sorts the whole paper table): platforms with a
   * short answer window acknowledge first. Only subcommands whose replies are always private
   * qualify, since acknowledging fixes the visibility in advance.
   */
  readonly slow?: boolean;
}

export interface GroupDef {
  readonly name: string;
  readonly description: string;
  readonly subcommands: readonly SubcommandDef[];
}

const limit = { name: "limit", type: "integer", description: "How many papers per page (1-25)", min: 1, max: 25 } as const;
const paper = {
  name: "paper",
  type: "string",
  description: "Paper id, arXiv id or title",
  required: true,
  rest: true,
  maxLength: 300,
  autocomplete: true,
} as const;

export const PAPERS_COMMAND = {
  name: "papers",
  description: "Search new research papers and subscribe to topics",
  subcommands: [
    {
      name: "search",
      description: "Search the paper history",
      slow: true,
      example: 'search homomorphic encryption, search title:"vector graphics" since:2024-01-01',
      options: [
        { name: "query", type: "string", description: "Words, \"phrases\", OR, -exclude, prefix*, title:, author:, org:, since:, upvotes:>=N", required: true, rest: true, maxLength: 500 },
        limit,
      ],
    },
    { name: "latest", description: "The most recently found papers", slow: true, options: [limit] },
    {
      name: "show",
      description: "One paper in full",
      slow: true,
      example: "show 42, show Gated Linear Attention",
      options: [{ name: "paper", type: "string", description: "Paper id, arXiv id or title", required: true, rest: true, maxLength: 300, autocomplete: true }],
    },
    {
      name: "trending",
      description: "Papers whose upvotes rose most lately",
      options: [{ name: "days", type: "integer", description: "Look back this many days (1-90)", min: 1, max: 90 }],
    },
    { name: "help", description: "How to use /papers", options: [] },
    {
      name: "subscribe",
      description: "Get new papers matching a query",
      slow: true,
      example: 'subscribe "vector graphics" dm instant, subscribe foryou daily',
      options: [
        { name: "query", type: "string", description: "What to watch for (same syntax as search), or foryou for your personal top 5", required: true, rest: true, maxLength: 500 },
        { name: "delivery", type: "string", description: "Where matches go", choices: ["dm", "channel"] },
        { name: "rhythm", type: "string", description: "How often", choices: ["instant", "daily", "weekly"] },
      ],
    },
    {
      name: "unsubscribe",
      description: "Stop a subscription",
      options: [{ name: "subscription", type: "string", description: "Subscription id or query", required: true, rest: true, maxLength: 500, autocomplete: true }],
    },
    { name: "subscriptions", description: "Your subscriptions", options: [] },
    { name: "like", description: "More papers like this one in your for-you ranking", example: "like 42", options: [paper] },
    { name: "dislike", description: "Fewer papers like this one in your for-you ranking", options: [paper] },
    { name: "save", description: "Keep a paper in your saved list (it also counts as liked)", options: [paper] },
    { name: "unsave", description: "Remove a paper from your saved list", options: [paper] },
    {
      name: "similar",
      description: "Papers like this one, with the words they share",
      slow: true,
      example: "similar 42, similar Gated Linear Attention",
      options: [paper, limit],
    },
    {
      name: "foryou",
      description: "Your personal ranking of recent papers, learned from your likes",
      slow: true,
      example: "foryou, foryou limit:10 days:all",
      options: [limit, { name: "days", type: "string", description: "Papers first seen in the last N days (1-3650), or all", maxLength: 4, word: true }],
    },
    {
      name: "saved",
      description: "Your saved papers (format:bibtex exports them all)",
      slow: true,
      example: "saved, saved format:bibtex",
      options: [
        { name: "format", type: "string", description: "list or bibtex", choices: ["list", "bibtex"] },
        { name: "page", type: "integer", description: "Which page of the list", min: 1, max: 1000 },
      ],
    },
    {
      name: "cite",
      description: "A citation for a paper",
      example: "cite 42 format:text",
      options: [paper, { name: "format", type: "string", description: "bibtex or text", choices: ["bibtex", "text"] }],
    },
    { name: "forget-me", description: "Delete your subscriptions, feedback, saved papers and pending messages", options: [] },
  ],
  groups: [
    {
      name: "channel",
      description: "This channel's digest",
      subcommands: [
        {
          name: "set",
          description: "Post new papers here (admins)",
          admin: true,
          example: "channel set daily 09:00, channel set instant min_upvotes:5 filter:diffusion",
          options: [
            { name: "schedule", type: "string", description: "instant, daily HH:MM, weekly <day> HH:MM or a cron expression", rest: true, maxLength: 100 },
            { name: "min_upvotes", type: "integer", description: "Only papers with at least this many upvotes (0 clears it)", min: 0, max: 100000 },
            { name: "filter", type: "string", description: "Only papers matching this query (none clears it)", maxLength: 500 },
            { name: "thread", type: "string", description: "on: each digest as a header message with the papers in its thread", choices: ["on", "off"] },
          ],
        },
        { name: "off", description: "Stop posting here (admins)", admin: true, options: [] },
        { name: "show", description: "This channel's settings", options: [] },
      ],
    },
  ],
} as const satisfies { name: string; description: string; subcommands: readonly SubcommandDef[]; groups: readonly GroupDef[] };

/**
 * Paging buttons carry the whole page request in their id, behind this prefix:
 * `pg:<minutes since epoch, base 36>:<offset>:<limit>:<query>`, at most 100 characters.
 */
export const PAGE_TOKEN_PREFIX = "pg:";

/** A subcommand path: `search`, or `channel set`. */
export type CommandPath =
  | (typeof PAPERS_COMMAND.subcommands)[number]["name"]
  | `channel ${(typeof PAPERS_COMMAND.groups)[0]["subcommands"][number]["name"]}`;

export type CommandArgs = Readonly<Record<string, string | number>>;

/** A parsed, validated invocation, ready for a handler. */
export interface Invocation {
  path: CommandPath;
  args: CommandArgs;
}

export function findSubcommand(path: string): SubcommandDef | undefined {
  const [first, second] = path.split(" ");
  if (second === undefined) return PAPERS_COMMAND.subcommands.find((s) => s.name === first);
  const group = PAPERS_COMMAND.groups.find((g) => g.name === first);
  return group?.subcommands.find((s) => s.name === second);
}

export function allPaths(): CommandPath[] {
  return [
    ...PAPERS_COMMAND.subcommands.map((s) => s.name),
    ...PAPERS_COMMAND.groups.flatMap((g) => g.subcommands.map((s) => `${g.name} ${s.name}` as CommandPath)),
  ];
}

/** `/papers search query:<text> [limit:<1-25>]` */
export function usageOf(path: string): string {
  const def = findSubcommand(path);
  if (def === undefined) return `/papers ${path}`;
  const parts = def.options.map((o) => {
    const value = o.choices !== undefined ? o.choices.join("|") : o.min !== undefined && o.max !== undefined ? `${o.min}-${o.max}` : o.type === "integer" ? "number" : "text";
    const text = `${o.name}:<${value}>`;
    return o.required === true ? text : `[${text}]`;
  });
  const example = def.example === undefined ? "" : `  e.g. /papers ${def.example.split(", ").join(" · /papers ")}`;
  return `/papers ${path}${parts.length > 0 ? ` ${parts.join(" ")}` : ""} — ${def.description}${example}`;
}

/** Whether an invocation changes what a channel receives: channel settings, or a channel subscription. */
export function requiresAdmin(invocation: Invocation): boolean {
  return findSubcommand(invocation.path)?.admin === true || invocation.args.delivery === "channel";
}
