import { describe, expect, it } from "vitest";
import { MAX_DUMP_BYTES, MAX_LINE_LENGTH } from "../../src/digests/index.js";
import { fixtureBytes, fixtureText, parse, parseError } from "./helpers.js";

const SMALL = fixtureText("capture-small.txt");

describe("input that is not a readable dump", () => {
  it("GIVEN an empty file THEN DUMP_EMPTY names the file", () => {
    const error = parseError(Buffer.alloc(0), "empty.txt");
    expect(error).toMatchObject({ code: "DUMP_EMPTY", where: "empty.txt" });
    expect(error.describe()).toBe("dump is empty (empty.txt)");
  });

  it.each([
    ["spaces and newlines", " \n\n   \r\n\t\n"],
    ["non-breaking and ideographic spaces", "\u00A0\n\u3000 \n"],
    ["a lone BOM", "\uFEFF"],
    ["a BOM and blank lines", "\uFEFF\n\n"],
  ])("GIVEN a file of only %s THEN DUMP_EMPTY", (_label, text) => {
    expect(parseError(text, "blank.txt")).toMatchObject({ code: "DUMP_EMPTY", where: "blank.txt" });
  });

  it("GIVEN a PNG image THEN DUMP_BINARY names the file", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = parseError(png, "paper.png.txt");
    expect(error.code).toBe("DUMP_BINARY");
    expect(error.where).toMatch(/^paper\.png\.txt(?::\d+)?$/u);
  });

  it("GIVEN a capture with one NUL byte inside THEN DUMP_BINARY points at its line", () => {
    const bytes = Buffer.from(SMALL.replace("Subscribe", "Subs\u0000cribe"));
    expect(parseError(bytes, "nul.txt")).toMatchObject({ code: "DUMP_BINARY", where: "nul.txt:5" });
  });

  it("GIVEN bytes full of control characters but no NUL THEN DUMP_BINARY", () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index % 3 === 0 ? 0x01 + (index % 8) : 0x41)));
    expect(parseError(noise, "noise.bin")).toMatchObject({ code: "DUMP_BINARY", where: "noise.bin" });
  });

  it("GIVEN a capture with a stray form feed or escape THEN it still reads", () => {
    const dump = parse(SMALL.replace("Subscribe", "Subscribe\u000c").replace("Dec 30 2", "Dec 30 2\u001b"), "stray.txt", new Date("2025-01-10T00:00:00Z"));
    expect(dump.papers).toHaveLength(4);
    expect(dump.papers[0]?.upvotes).toBe(2);
  });

  it.each([
    ["UTF-16 LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SMALL, "utf16le")])],
    ["UTF-16 BE with a BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SMALL, "utf16le").swap16()])],
    ["UTF-16 LE without a BOM", Buffer.from(SMALL, "utf16le")],
    ["UTF-16 BE without a BOM", Buffer.from(SMALL, "utf16le").swap16()],
  ])("GIVEN a capture saved as %s THEN DUMP_ENCODING says to save it as UTF-8", (_label, bytes) => {
    const error = parseError(bytes, "utf16.txt");
    expect(error).toMatchObject({ code: "DUMP_ENCODING", where: "utf16.txt" });
    expect(error.message).toContain("UTF-16; save as UTF-8");
  });

  it("GIVEN Latin-1 text (an é as byte 0xE9) on line 5 THEN DUMP_ENCODING points at that line", () => {
    const latin1 = Buffer.from(SMALL.replace("Subscribe", "Subscrib\u00e9"), "latin1");
    const error = parseError(latin1, "latin1.txt");
    expect(error).toMatchObject({ code: "DUMP_ENCODING", where: "latin1.txt:5" });
    expect(error.message).toMatch(/not valid UTF-8 \(byte 0xe9\)/u);
  });

  it.each([
    ["a truncated multi-byte sequence at the end", Buffer.concat([Buffer.from(SMALL), Buffer.from([0xe2, 0x80])]), SMALL.split("\n").length],
    ["an overlong encoding", Buffer.concat([Buffer.from("new\n"), Buffer.from([0xc0, 0xaf])]), 2],
    ["a UTF-16 surrogate encoded in UTF-8", Buffer.concat([Buffer.from("new\n\nx"), Buffer.from([0xed, 0xa0, 0x80])]), 3],
  ])("GIVEN %s THEN DUMP_ENCODING with the line", (_label, bytes, line) => {
    expect(parseError(bytes, "bad-utf8.txt")).toMatchObject({ code: "DUMP_ENCODING", where: `bad-utf8.txt:${line}` });
  });

  it("GIVEN a 5 MB single line THEN DUMP_LINE_TOO_LONG names line 1, quickly", () => {
    const error = parseError(Buffer.alloc(5 * 1024 * 1024, "a"), "one-line.txt");
    expect(error).toMatchObject({ code: "DUMP_LINE_TOO_LONG", where: "one-line.txt:1" });
    expect(error.message).toContain(String(5 * 1024 * 1024));
  });

  it("GIVEN a capture whose abstract on line 16 is over the line limit THEN DUMP_LINE_TOO_LONG names line 16", () => {
    const long = SMALL.replace("Transformers with linear attention", `${"x".repeat(MAX_LINE_LENGTH)} Transformers`);
    expect(parseError(long, "long.txt")).toMatchObject({ code: "DUMP_LINE_TOO_LONG", where: "long.txt:16" });
  });

  it("GIVEN a line of exactly the limit THEN it is accepted", () => {
    const atLimit = SMALL.replace("Transformers with linear attention", "x".repeat(MAX_LINE_LENGTH - 200));
    expect(() => parse(atLimit, "limit.txt")).not.toThrow();
  });

  it("GIVEN more than 50 MB THEN DUMP_TOO_LARGE before anything else is looked at", () => {
    const error = parseError(Buffer.alloc(MAX_DUMP_BYTES + 1, 0), "huge.txt");
    expect(error).toMatchObject({ code: "DUMP_TOO_LARGE", where: "huge.txt" });
    expect(error.message).toContain("50 MB");
  });

  it("GIVEN a page header with no papers THEN DUMP_NO_PAPERS", () => {
    expect(parseError(fixtureBytes("capture-header-only.txt"), "header.txt")).toMatchObject({ code: "DUMP_NO_PAPERS", where: "header.txt" });
  });

  it("GIVEN a header whose only paper has a title and no abstract THEN DUMP_NO_PAPERS", () => {
    expect(parseError(`${fixtureText("capture-header-only.txt")}\n\nA Lonely Title\n`, "lonely.txt").code).toBe("DUMP_NO_PAPERS");
  });

  it("GIVEN prose that is not a Daily Papers capture THEN DUMP_UNKNOWN_FORMAT with a clear message", () => {
    const error = parseError(fixtureBytes("not-a-capture.txt"), "notes.md");
    expect(error).toMatchObject({ code: "DUMP_UNKNOWN_FORMAT", where: "notes.md" });
    expect(error.message).toMatch(/not a Daily Papers capture/u);
  });
});

describe("big inputs stay cheap (linear work, no timing asserted)", () => {
  const sample = fixtureText("samples/001_e9c211c8087c40cd.txt");
  const list = sample.slice(sample.indexOf("DistZO2"));

  it("GIVEN a 10 MB capture of repeated papers THEN every paper is read", () => {
    const copies = Math.ceil((10 * 1024 * 1024) / list.length);
    const big = sample + `\n\n${list}`.repeat(copies);
    expect(parse(big, "big.txt").papers).toHaveLength(55 * (copies + 1));
  });

  it("GIVEN a million short lines without structure THEN the reader finishes with DUMP_NO_PAPERS", () => {
    expect(parseError(`Daily Papers\n\nDec 12\n\n${"ab cd\n".repeat(1_000_000)}`, "lines.txt").code).toBe("DUMP_NO_PAPERS");
  });

  it("GIVEN long lines of spaces, bullets and date-like text THEN no pattern backtracks badly", () => {
    const line = (text: string): string => text.repeat(Math.floor((MAX_LINE_LENGTH - 10) / text.length));
    const text = ["Dec 12", "", line(" "), line("\u00A0\t"), line("• "), line("Sep 4, "), line("a1 "), line("openbmb "), "x."].join("\n");
    expect(() => parse(text.repeat(20), "spaces.txt")).not.toThrow();
  });

  it("GIVEN 40 MB of whitespace THEN DUMP_EMPTY", () => {
    expect(parseError(Buffer.alloc(40 * 1024 * 1024, " "), "spaces.txt").code).toBe("DUMP_EMPTY");
  });

  it("GIVEN a 40 MB file whose last byte is not UTF-8 THEN DUMP_ENCODING", () => {
    const bytes = Buffer.concat([Buffer.alloc(40 * 1024 * 1024, "a\n"), Buffer.from([0xff])]);
    expect(parseError(bytes, "late.txt")).toMatchObject({ code: "DUMP_ENCODING", where: `late.txt:${20 * 1024 * 1024 + 1}` });
  });
});
