/**
 * A person's saved papers and citations: the list (paged), a BibTeX export of all of it (a file
 * where the platform takes files), and one paper's entry as BibTeX or text.
 */
import { toCard, type Reply } from "../messages/index.js";
import { bibtexEntry, bibtexFile, textCitation, type CitablePaper } from "../recommend/index.js";
import type { Paper } from "../domain/paper.js";
import type { CommandContext } from "./context.js";
import { paperArg, personOf } from "./feedback.js";
import { cardsReply, textReply } from "./replies.js";

const PAGE_SIZE = 10;
/** A BibTeX export holds at most this many entries. */
const EXPORT_LIMIT = 5_000;

const citable = (paper: Paper): CitablePaper => ({
  title: paper.title,
  authors: paper.authors,
  authorCount: paper.authorCount,
  publishedOn: paper.publishedOn,
  arxivId: paper.arxivId,
  organization: paper.organization,
  projectPage: paper.projectPage,
  githubRepo: paper.githubRepo,
});

export function saved(ctx: CommandContext, args: { format: "list" | "bibtex"; page?: number }): Reply {
  const person = personOf(ctx);
  const total = ctx.store.people.savedCount(person);
  if (total === 0) return textReply("You have no saved papers yet: use 🔖 under any paper, or /papers save <id>.");
  if (args.format === "bibtex") {
    const papers = ctx.store.people
      .saved(person, 0, EXPORT_LIMIT)
      .map((id) => ctx.store.papers.get(id))
      .filter((p) => p !== undefined);
    const content = bibtexFile(papers.map(citable));
    return { ...textReply(`${papers.length} saved paper${papers.length === 1 ? "" : "s"} as BibTeX.`), attachment: { filename: "saved-papers.bib", content } };
  }
  const pages = Math.ceil(total / PAGE_SIZE);
  const page = Math.min(args.page ?? 1, pages);
  const papers = ctx.store.people
    .saved(person, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    .map((id) => ctx.store.papers.get(id))
    .filter((p) => p !== undefined);
  const next = page < pages ? ` — next: /papers saved page:${page + 1}` : "";
  return { ...cardsReply(`Your saved papers, page ${page} of ${pages} (${total} in all)${next}`, papers.map((p) => toCard(p))), text: "" };
}

export async function cite(ctx: CommandContext, args: { paper: string; format: "bibtex" | "text" }): Promise<Reply> {
  const paper = await paperArg(ctx, "cite", args.paper);
  if ("cards" in paper) return paper;
  const text = args.format === "text" ? textCitation(citable(paper)) : bibtexEntry(citable(paper));
  return textReply(args.format === "text" ? text : `\`\`\`\n${text}\n\`\`\``);
}
