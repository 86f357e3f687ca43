import { z } from "zod";

/**
 * The parts of Hugging Face's paper JSON the bot uses. Objects are loose (the API adds fields
 * freely); title and summary are optional here so that a missing one is reported per entry rather
 * than failing the whole schema.
 */
const organization = z.union([
  z.looseObject({ name: z.string().nullish(), fullname: z.string().nullish() }),
  z.string(),
]);

const author = z.looseObject({ name: z.string().nullish() });

export const paperSchema = z.looseObject({
  id: z.string().nullish(),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  authors: z.array(author).nullish(),
  publishedAt: z.string().nullish(),
  /** Read leniently: a hostile count (1e308, 2^53+1, 1e999) loses the count, never the paper. */
  upvotes: z.unknown().optional(),
  ai_summary: z.string().nullish(),
  ai_keywords: z.array(z.string()).nullish(),
  githubRepo: z.string().nullish(),
  projectPage: z.string().nullish(),
  organization: organization.nullish(),
});

/** One element of `/api/daily_papers`: the paper, plus when and by whom it was featured. */
export const dailyEntrySchema = z.looseObject({
  paper: paperSchema,
  title: z.string().nullish(),
  publishedAt: z.string().nullish(),
  numComments: z.number().nullish(),
  organization: organization.nullish(),
});

export type PaperJson = z.infer<typeof paperSchema>;
export type DailyEntryJson = z.infer<typeof dailyEntrySchema>;
export type OrganizationJson = z.infer<typeof organization>;

/** The first problem zod found, as `path: message`, for a one-line warning. */
export function describeIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  if (issue === undefined) return "invalid";
  const path = issue.path.map(String).join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}
