import type { Clock } from "../clock.js";
import type { Reply } from "../messages/index.js";
import type { Recommendations } from "../recommend/index.js";
import type { Searcher } from "../search/index.js";
import { isStoreFailure, storeWriteError, type Store } from "../store/index.js";
import type { Actor, CommandContext, CommandSettings } from "./context.js";
import { findSubcommand, type Invocation } from "./definitions.js";
import { autocomplete, handleCommand, pageClick, type Choice } from "./handlers.js";
import { isPageToken } from "./paging.js";
import { feedbackClick } from "./feedback.js";
import { isFeedbackToken } from "../messages/index.js";
import { textReply, usageReply } from "./replies.js";
import { parseCommandText } from "./text.js";
import { validateArgs, type ParseOutcome } from "./validate.js";

/**
 * What the command service needs: the store, the searcher and the recommendations (worker threads
 * in the bot, so searches and rankings never hold the event loop), the clock (read once per
 * request) and a few settings.
 */
export interface CommandServiceDeps {
  store: Store;
  searcher: Searcher;
  recommendations: Recommendations;
  clock: Clock;
  settings: CommandSettings;
}

/**
 * `/papers` for every platform: adapters establish who asks (an Actor) and render the neutral
 * reply; everything in between is here. Platform adapters receive this, never the store.
 */
export interface CommandService {
  /** Runs a validated invocation. A pending notice for the person (e.g. DMs refused) is shown first. */
  run(actor: Actor, invocation: Invocation): Promise<Reply>;
  /** Parses command text (`search "vector graphics" limit:5`) and runs it; a mistake becomes a usage reply. */
  runText(actor: Actor, text: string): Promise<{ ok: boolean; reply: Reply }>;
  /** Validates raw option values of a platform payload against the definition. */
  validate(path: string, raw: Readonly<Record<string, string | number>>): ParseOutcome;
  /** A click on a paging button: the token carries the page request. */
  page(actor: Actor, token: string): Promise<Reply>;
  /** Choices for an option being typed; empty when the option has none. */
  autocomplete(actor: Actor, path: string, option: string, typed: string): Promise<Choice[]>;
  /** Whether the subcommand may take a while (declared `slow` in its definition): platforms acknowledge first. */
  isSlow(path: string): boolean;
  /** Whether a button id is a paging token of this service. */
  isPageToken(id: string): boolean;
  /** A click on 👍, 👎 or 🔖 under a paper card: recorded for the person who clicked, answered privately. */
  feedback(actor: Actor, token: string): Reply;
  /** Whether a button id is one of the feedback buttons of a paper card. */
  isFeedbackToken(id: string): boolean;
}

/**
 * Runs a command; when the store itself fails (another process holds the write lock past the busy
 * wait, a full disk, a read-only file) the answer is the store's own one-line message, the same an
 * ingest gives, rather than a generic failure. Writes are single transactions, so nothing was changed.
 */
async function guarded(store: Store, run: () => Promise<Reply>): Promise<{ ok: boolean; reply: Reply }> {
  try {
    return { ok: true, reply: await run() };
  } catch (error) {
    if (!isStoreFailure(error)) throw error;
    const failure = storeWriteError(error, "could not carry out the command", "command", store.location);
    return { ok: false, reply: textReply(`${failure.message}. Try again in a moment.`) };
  }
}

export function createCommandService(deps: CommandServiceDeps): CommandService {
  const context = (actor: Actor): CommandContext => ({
    store: deps.store,
    searcher: deps.searcher,
    recommendations: deps.recommendations,
    now: deps.clock.now(),
    actor,
    settings: deps.settings,
  });
  return {
    run: async (actor, invocation) => (await guarded(deps.store, () => handleCommand(context(actor), invocation))).reply,
    async runText(actor, text) {
      const parsed = parseCommandText(text);
      if (!parsed.ok) return { ok: false, reply: usageReply(parsed.mistake.message, parsed.mistake.usage) };
      return guarded(deps.store, () => handleCommand(context(actor), parsed.invocation));
    },
    validate: validateArgs,
    page: async (actor, token) => (await guarded(deps.store, async () => pageClick(context(actor), token))).reply,
    feedback: (actor, token) => feedbackClick(context(actor), token),
    isFeedbackToken,
    autocomplete: (actor, path, option, typed) => autocomplete(context(actor), path, option, typed),
    isSlow: (path) => findSubcommand(path)?.slow === true,
    isPageToken,
  };
}
