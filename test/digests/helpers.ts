import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isPaperbotError, type PaperbotError } from "../../src/errors.js";
import { readDump, type ParsedDump } from "../../src/digests/index.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/dumps/", import.meta.url));

/** A fixed "now" for year inference, so tests do not depend on the day they run. */
export const REFERENCE_TIME = new Date("2025-12-15T12:00:00Z");

export const SAMPLE_NAMES = [
  "000_e164c9032b656815.txt",
  "001_e9c211c8087c40cd.txt",
  "002_cf852956067276ef.txt",
  "003_e0ce2d25de6c357d.txt",
] as const;

export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

export function fixtureText(name: string): string {
  return fixtureBytes(name).toString("utf8");
}

export function parse(content: string | Buffer, name = "dump.txt", referenceTime = REFERENCE_TIME): ParsedDump {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return readDump(bytes, { name, referenceTime });
}

export function parseFixture(name: string, referenceTime = REFERENCE_TIME): ParsedDump {
  return readDump(fixtureBytes(name), { name, referenceTime });
}

/** The PaperbotError that reading the content throws; fails the test when it throws nothing or a bug. */
export function parseError(content: string | Buffer, name = "bad.txt"): PaperbotError {
  try {
    parse(content, name);
  } catch (error) {
    if (isPaperbotError(error)) return error;
    throw error;
  }
  throw new Error(`reading ${name} should have thrown a PaperbotError`);
}

export function titles(dump: ParsedDump): string[] {
  return dump.papers.map((paper) => paper.title);
}

/** Lines of the page's metadata, which must never leak into a title or an abstract. */
export const METADATA_PATTERN = /•|·|\b\d+ authors\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/u;
