import { paperLinks } from "../papers/index.js";
import type { Paper } from "../domain/paper.js";
import type { PaperCard } from "./types.js";

export function toCard(paper: Paper, matched: readonly string[] = []): PaperCard {
  const links = paperLinks(paper.arxivId, paper.title);
  return {
    paperId: paper.id,
    title: paper.title,
    tldr: paper.tldr,
    upvotes: paper.upvotes,
    publishedOn: paper.publishedOn,
    organization: paper.organization,
    authorCount: paper.authorCount,
    url: links.hfUrl,
    urlIsSearch: links.isSearch,
    arxivUrl: links.arxivUrl,
    githubUrl: paper.githubRepo,
    projectUrl: paper.projectPage,
    keywords: paper.keywords,
    matched: [...matched],
  };
}
