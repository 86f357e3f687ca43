import type { SourceConfig } from "../sources/types.js";
import type { SourceFileEntry } from "./schema.js";

export const SOURCE_DEFAULTS = {
  hfApiUrl: "https://huggingface.co",
  arxivApiUrl: "https://export.arxiv.org",
  /** Daily Papers fill up through the day: look hourly. */
  hfSchedule: "17 * * * *",
  /** arXiv announces new submissions once a day, around 00:00 UTC (Sunday to Thursday). */
  arxivSchedule: "40 1 * * *",
  hfPageSize: 100,
  /** arXiv serves at most 2000 results per request; 1000 keeps each answer a few megabytes. */
  arxivPageSize: 1000,
  /** A month in one query: a backfill of a category-month takes a few requests, not one per day. */
  arxivBackfillWindowDays: 31,
  hfMinIntervalMs: 1_000,
  /** arXiv's terms: no more than one request every three seconds. */
  arxivMinIntervalMs: 3_000,
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 2_000,
} as const;

/**
 * Resolves the config file's `sources` (default: the inbox alone) into settings; base URLs come
 * from the environment first, then the entry, then the public services. Names must be unique.
 */
export function resolveSources(
  entries: readonly SourceFileEntry[] | undefined,
  urls: { hf: string | undefined; arxiv: string | undefined },
  inboxCron: string,
  problems: string[],
): SourceConfig[] {
  const sources = (entries ?? [{ type: "inbox" as const }]).map((entry): SourceConfig => {
    const name = entry.name ?? entry.type;
    if (entry.type === "inbox") return { type: "inbox", name, schedule: entry.schedule ?? inboxCron };
    const http = {
      timeoutMs: entry.timeoutMs ?? SOURCE_DEFAULTS.timeoutMs,
      retries: entry.retries ?? SOURCE_DEFAULTS.retries,
      backoffMs: entry.backoffMs ?? SOURCE_DEFAULTS.backoffMs,
    };
    if (entry.type === "huggingface") {
      return {
        type: "huggingface",
        name,
        schedule: entry.schedule ?? SOURCE_DEFAULTS.hfSchedule,
        apiUrl: trimSlash(urls.hf ?? entry.apiUrl ?? SOURCE_DEFAULTS.hfApiUrl),
        pageSize: entry.pageSize ?? SOURCE_DEFAULTS.hfPageSize,
        minIntervalMs: entry.minIntervalMs ?? SOURCE_DEFAULTS.hfMinIntervalMs,
        ...http,
      };
    }
    return {
      type: "arxiv",
      name,
      schedule: entry.schedule ?? SOURCE_DEFAULTS.arxivSchedule,
      apiUrl: trimSlash(urls.arxiv ?? entry.apiUrl ?? SOURCE_DEFAULTS.arxivApiUrl),
      categories: [...new Set(entry.categories)],
      pageSize: entry.pageSize ?? SOURCE_DEFAULTS.arxivPageSize,
      backfillWindowDays: entry.backfillWindowDays ?? SOURCE_DEFAULTS.arxivBackfillWindowDays,
      minIntervalMs: entry.minIntervalMs ?? SOURCE_DEFAULTS.arxivMinIntervalMs,
      ...http,
    };
  });
  const seen = new Set<string>();
  sources.forEach((source, i) => {
    if (seen.has(source.name)) problems.push(`config key sources.${i}.name: "${source.name}" is used twice; give each source its own name`);
    seen.add(source.name);
  });
  return sources;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/u, "");
}
