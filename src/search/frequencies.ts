import type { Db } from "../store/database.js";
import type { TermFrequency } from "./anchors.js";

/**
 * Document frequencies of the stored papers' terms, read through a connection-local (temp)
 * fts5vocab table, so the subscription matcher can anchor each subscription on its rarest term.
 * The stored schema is not touched.
 */
export function termFrequencies(db: Db): TermFrequency {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.paperbot_terms USING fts5vocab(main, papers_fts, row)");
  const papers = (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
  const counts = new Map<string, number>();
  for (const row of db.prepare("SELECT term, doc FROM temp.paperbot_terms").iterate() as Iterable<{ term: string; doc: number }>) {
    counts.set(row.term, row.doc);
  }
  return (stem) => ((counts.get(stem) ?? 0) + 0.5) / (papers + 1);
}
