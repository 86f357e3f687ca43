import { describe, expect, it } from "vitest";
import { readAtomFeed } from "../../src/digests/index.js";
import { parse, parseError } from "./helpers.js";

function expectDumpError(content: string, name: string, code: string) {
  const error = parseError(content, name);
  expect(error.code).toBe(code);
  return error;
}

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Dcat%3Acs.LG&amp;start%3D0" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=cat:cs.LG&amp;id_list=&amp;start=0&amp;max_results=2</title>
  <id>http://arxiv.org/api/abc</id>
  <updated>2025-12-19T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">5</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">2</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/2512.01234v2</id>
    <updated>2025-12-19T10:00:00Z</updated>
    <published>2025-12-17T18:30:00Z</published>
    <title>Sparse Mixtures of Experts
  for Tiny Devices</title>
    <summary>  We study sparse   mixtures of experts
  on microcontrollers &amp; show a 3&#215; speedup.
</summary>
    <author>
      <name>Ada Lovelace</name>
    </author>
    <author>
      <name>Alan Turing</name>
      <arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Bletchley Park</arxiv:affiliation>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">12 pages,
  4 figures</arxiv:comment>
    <link href="http://arxiv.org/abs/2512.01234v2" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.AR" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2512.09999v1</id>
    <updated>2025-12-17T09:00:00Z</updated>
    <published>2025-12-17T09:00:00Z</published>
    <title></title>
    <summary>No title here.</summary>
  </entry>
</feed>
`;

describe("arXiv Atom feeds", () => {
  it("GIVEN an export API page THEN it is detected by content and each entry becomes a paper with its arXiv fields", () => {
    const dump = parse(FEED, "query.atom");
    expect(dump.format).toBe("arxiv-atom");
    expect(dump.dumpDate).toBe("2025-12-17");
    const [paper] = dump.papers;
    expect(paper).toMatchObject({
      arxivId: "2512.01234",
      title: "Sparse Mixtures of Experts for Tiny Devices",
      abstract: "We study sparse mixtures of experts on microcontrollers & show a 3× speedup.",
      authors: ["Ada Lovelace", "Alan Turing"],
      authorCount: 2,
      publishedOn: "2025-12-17",
      arxiv: {
        version: 2,
        primaryCategory: "cs.LG",
        categories: ["cs.LG", "cs.AR"],
        comment: "12 pages, 4 figures",
        publishedAt: "2025-12-17T18:30:00Z",
        updatedAt: "2025-12-19T10:00:00Z",
      },
    });
  });

  it("GIVEN an entry without a title THEN it is skipped with a warning naming its line", () => {
    const dump = parse(FEED, "query.atom");
    expect(dump.papers).toHaveLength(1);
    expect(dump.warnings).toEqual([{ line: 33, message: "entry at line 33 lacks a title; skipped" }]);
  });

  it("GIVEN the paging header THEN totalResults, startIndex and itemsPerPage are read", () => {
    expect(readAtomFeed(FEED, "q")).toMatchObject({ totalResults: 5, startIndex: 0, itemsPerPage: 2 });
  });

  it("GIVEN a feed cut off before </feed> THEN it is refused as truncated, naming the last line", () => {
    const cut = FEED.slice(0, FEED.indexOf("<author>"));
    const error = expectDumpError(cut, "cut.atom", "DUMP_TRUNCATED");
    expect(error.describe()).toMatch(/^the Atom feed is truncated: it ends before <\/feed> \(cut\.atom:\d+\)$/u);
  });

  it("GIVEN an HTML error page THEN it is refused as an HTML page, not parsed as a text capture", () => {
    const html = "<!DOCTYPE html>\n<html><head><title>503</title></head><body>Service Unavailable</body></html>\n";
    const error = expectDumpError(html, "page.atom", "DUMP_UNKNOWN_FORMAT");
    expect(error.message).toContain("HTML page");
  });

  it("GIVEN arXiv's error feed THEN the error it states is the message", () => {
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234v1</id>
<title>Error</title><summary>incorrect id format for 1234.1234v1</summary></entry></feed>`;
    const error = expectDumpError(feed, "err.atom", "DUMP_SOURCE_ERROR");
    expect(error.message).toBe("arXiv answered with an error: incorrect id format for 1234.1234v1");
  });

  it("GIVEN an empty result page THEN readAtomFeed gives no papers and readDump refuses it as having none", () => {
    const empty = FEED.replace(/<entry>[\s\S]*<\/entry>\n/u, "");
    expect(readAtomFeed(empty, "q").dump.papers).toEqual([]);
    expectDumpError(empty, "empty.atom", "DUMP_NO_PAPERS");
  });
});
