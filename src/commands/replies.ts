import type { Button, PaperCard, Reply } from "../messages/index.js";

export function textReply(text: string, ephemeral = true): Reply {
  return { text, cards: [], buttons: [], ephemeral };
}

export function cardsReply(heading: string, cards: PaperCard[], buttons: Button[] = [], ephemeral = true): Reply {
  return { heading, text: "", cards, buttons, ephemeral };
}

export function usageReply(message: string, usage: string): Reply {
  return textReply(`${message}\nUsage: ${usage}`);
}
