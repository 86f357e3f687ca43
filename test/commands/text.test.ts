import { describe, expect, it } from "vitest";
import { allPaths, parseCommandText, usageOf } from "../../src/commands/index.js";

function ok(text: string) {
  const parsed = parseCommandText(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${parsed.mistake.message}`);
  return parsed.invocation;
}

function mistakeOf(text: string) {
  const parsed = parseCommandText(text);
  if (parsed.ok) throw new Error(`expected ${text} to fail`);
  return parsed.mistake;
}

describe("parseCommandText", () => {
  it("GIVEN a search THEN the rest of the line is the query", () => {
    expect(ok("/papers search homomorphic encryption")).toEqual({
      path: "search",
      args: { query: "homomorphic encryption" },
    });
  });

  it("GIVEN a named limit THEN it is taken out of the query", () => {
    expect(ok('/papers search "vector graphics" -survey limit:7')).toEqual({
      path: "search",
      args: { query: '"vector graphics" -survey', limit: 7 },
    });
  });

  it("GIVEN query fields THEN they stay in the query", () => {
    expect(ok("/papers search title:diffusion since:2024-01-01").args.query).toBe("title:diffusion since:2024-01-01");
  });

  it("GIVEN a subscribe with trailing choices THEN delivery and rhythm are filled", () => {
    expect(ok('/papers subscribe "vector graphics" dm instant')).toEqual({
      path: "subscribe",
      args: { query: '"vector graphics"', delivery: "dm", rhythm: "instant" },
    });
  });

  it("GIVEN a choice word inside the query THEN it is left in the query", () => {
    expect(ok("/papers subscribe instant messaging models").args).toEqual({ query: "instant messaging models" });
  });

  it("GIVEN channel set with a daily time THEN the schedule takes both words", () => {
    expect(ok("/papers channel set daily 09:00")).toEqual({ path: "channel set", args: { schedule: "daily 09:00" } });
  });

  it("GIVEN channel set with min_upvotes and filter THEN filter takes the rest of the line", () => {
    expect(ok("/papers channel set instant min_upvotes:5 filter:diffusion OR video").args).toEqual({
      schedule: "instant",
      min_upvotes: 5,
      filter: "diffusion OR video",
    });
  });

  it("GIVEN latest with a bare number THEN it fills the limit", () => {
    expect(ok("/papers latest 3")).toEqual({ path: "latest", args: { limit: 3 } });
  });

  it("GIVEN text without the /papers prefix THEN it still parses", () => {
    expect(ok("trending 14")).toEqual({ path: "trending", args: { days: 14 } });
  });

  it("GIVEN a search without a query THEN the search usage is returned", () => {
    const mistake = mistakeOf("/papers search");
    expect(mistake.message).toContain("query is required");
    expect(mistake.usage).toContain("/papers search query:<text>");
  });

  it("GIVEN an out-of-range limit THEN the message names the range", () => {
    expect(mistakeOf("/papers search x limit:99").message).toContain("at most 25");
    expect(mistakeOf("/papers latest zero").message).toContain("whole number");
  });

  it("GIVEN an unknown subcommand THEN the help usage is returned", () => {
    expect(mistakeOf("/papers frobnicate now").message).toContain("unknown subcommand");
  });

  it("GIVEN an unknown channel subcommand THEN the choices are listed", () => {
    expect(mistakeOf("/papers channel explode").message).toContain("set, off, show");
  });

  it("GIVEN extra words for a command without options THEN they are refused with its usage", () => {
    const mistake = mistakeOf("/papers subscriptions please");
    expect(mistake.message).toContain('unexpected "please"');
    expect(mistake.usage).toContain("/papers subscriptions");
  });

  it("GIVEN hostile input THEN it is a mistake or a literal value, never an exception", () => {
    const inputs = ["\u0000\u0000", "/papers search " + "a".repeat(5000), '/papers search """', "/papers channel set ; DROP TABLE papers", "/papers"];
    for (const input of inputs) expect(() => parseCommandText(input)).not.toThrow();
    expect(mistakeOf("/papers search " + "a".repeat(5000)).message).toContain("too long");
  });

  it("GIVEN every subcommand THEN its usage names it", () => {
    for (const path of allPaths()) expect(usageOf(path)).toContain(`/papers ${path}`);
  });

  it.each([
    ["/papers search query:homomorphic encryption limit:3", "search", { query: "homomorphic encryption", limit: 3 }],
    ["/papers search limit:3 query:homomorphic encryption", "search", { query: "homomorphic encryption", limit: 3 }],
    ["/papers search limit:3 homomorphic encryption", "search", { query: "homomorphic encryption", limit: 3 }],
    ["/papers latest limit:4", "latest", { limit: 4 }],
    ["/papers trending days:14", "trending", { days: 14 }],
    ["/papers show paper:Gated Linear Attention", "show", { paper: "Gated Linear Attention" }],
    ['/papers show paper:"Gated Linear Attention"', "show", { paper: "Gated Linear Attention" }],
    ['/papers subscribe rhythm:weekly delivery:dm query:"flow matching"', "subscribe", { query: '"flow matching"', delivery: "dm", rhythm: "weekly" }],
    ["/papers subscribe query:flow matching rhythm:daily", "subscribe", { query: "flow matching", rhythm: "daily" }],
    ["/papers unsubscribe subscription:#4", "unsubscribe", { subscription: "#4" }],
    ["/papers channel set filter:diffusion OR video min_upvotes:2 schedule:daily 09:00", "channel set", { schedule: "daily 09:00", min_upvotes: 2, filter: "diffusion OR video" }],
    ["/papers channel set schedule:weekly fri 10:00 filter:title:diffusion", "channel set", { schedule: "weekly fri 10:00", filter: "title:diffusion" }],
  ])("GIVEN %j THEN every named option is taken, in any order", (text, path, args) => {
    expect(ok(text)).toEqual({ path, args });
  });

  it.each([
    ['/papers subscribe "flow matching" dm hourly', '"hourly" is not a choice here: use rhythm instant, daily, weekly'],
    ['/papers subscribe "flow matching" email', '"email" is not a choice here: use delivery dm, channel; rhythm instant, daily, weekly'],
    ["/papers subscribe flow matching dm hourly", '"hourly" is not a choice here: use rhythm instant, daily, weekly'],
    ["/papers subscribe flow matching wekly", '"wekly" is not a choice here (did you mean "weekly"?)'],
  ])("GIVEN %j THEN it is refused with the allowed words, not read as search terms", (text, message) => {
    const refused = mistakeOf(text);
    expect(refused.message).toContain(message);
    expect(refused.usage).toContain("/papers subscribe");
  });

  it("GIVEN a choice-like word that is part of an unquoted query THEN only the last word is checked", () => {
    expect(ok("/papers subscribe efficient channel pruning").args).toEqual({ query: "efficient channel pruning" });
    expect(ok('/papers subscribe "spam email"').args).toEqual({ query: '"spam email"' });
  });
});

