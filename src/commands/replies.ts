import type { Button, PaperCard, Reply } from "../messages/index.js";

export function textReply(text: string, ephemeral = true): Reply {
  return { text, cards: [], buttons: [], ephemeral };
}

export function cardsReply(heading: string, cards: PaperCard[], buttons: Button[] = [], ephemeral = true): Reply {
  return { heading, text: "", cards, buttons, ephemeral };
}

/** A refusal: the request cannot be done as asked (no permission, a limit reached). */
export function refusal(text: string): Reply {
  return { ...textReply(text), refused: true };
}

/** A refusal because of what was typed, with the usage of the subcommand. */
export function usageReply(message: string, usage: string): Reply {
  return refusal(`${message}\nUsage: ${usage}`);
}
