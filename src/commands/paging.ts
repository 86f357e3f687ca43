import type { Button } from "../messages/index.js";
import { PAGE_TOKEN_PREFIX } from "./definitions.js";

/** Buttons carry the whole page request, so any process can answer a click; pages expire. */
export const PAGE_TTL_MINUTES = 60;
const MAX_ID_LENGTH = 100;

export interface PageRequest {
  query: string;
  offset: number;
  limit: number;
  stampMinutes: number;
}

const minutes = (now: Date): number => Math.floor(now.getTime() / 60_000);

export function pageButtonId(query: string, offset: number, limit: number, now: Date): string | null {
  const id = `${PAGE_TOKEN_PREFIX}${minutes(now).toString(36)}:${offset}:${limit}:${query}`;
  return id.length <= MAX_ID_LENGTH ? id : null;
}

const PAGE_TOKEN = new RegExp(`^${PAGE_TOKEN_PREFIX}([0-9a-z]{1,10}):(\\d{1,6}):(\\d{1,2}):(.+)$`, "s");

export function isPageToken(id: string): boolean {
  return id.startsWith(PAGE_TOKEN_PREFIX);
}

export function parsePageButton(id: string): PageRequest | null {
  const match = PAGE_TOKEN.exec(id);
  if (match === null) return null;
  return {
    stampMinutes: parseInt(match[1] ?? "0", 36),
    offset: Number(match[2]),
    limit: Number(match[3]),
    query: match[4] ?? "",
  };
}

export function isExpired(request: PageRequest, now: Date): boolean {
  return minutes(now) - request.stampMinutes > PAGE_TTL_MINUTES;
}

/** Previous/Next buttons for a result page; absent when the query is too long to carry. */
export function pageButtons(query: string, offset: number, limit: number, total: number, now: Date): Button[] {
  if (total <= limit) return [];
  const prev = pageButtonId(query, Math.max(0, offset - limit), limit, now);
  const next = pageButtonId(query, offset + limit, limit, now);
  if (prev === null || next === null) return [];
  return [
    { id: prev, label: "◀ Previous", disabled: offset === 0 },
    { id: next, label: "Next ▶", disabled: offset + limit >= total },
  ];
}
