import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { stripJsonComments } from "../../src/config/jsonc.js";

const cwd = mkdtempSync(join(tmpdir(), "paperbot-sources-config-"));

function withFile(config: object, env: Record<string, string> = {}) {
  const path = join(cwd, `c-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return loadConfig({ PAPERBOT_CONFIG: path, ...env }, cwd);
}

function problems(config: object): string {
  try {
    withFile(config);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("sources in the config", () => {
  it("GIVEN no sources THEN the inbox alone is read, on the inbox schedule, offline", () => {
    const config = loadConfig({}, cwd);
    expect(config.sources).toEqual([{ type: "inbox", name: "inbox", schedule: config.inboxCron }]);
  });

  it("GIVEN the shipped config file THEN its sources are the inbox alone and the two fetched sources are there, commented out", () => {
    const shipped = resolve(import.meta.dirname, "../../config/paperbot.jsonc");
    expect(loadConfig({ PAPERBOT_CONFIG: shipped }, cwd).sources.map((s) => s.type)).toEqual(["inbox"]);
    const text = readFileSync(shipped, "utf8");
    expect(text).toMatch(/^\s*\/\/ \{ "type": "huggingface"/mu);
    expect(text).toMatch(/^\s*\/\/ \{ "type": "arxiv", "categories": \["cs\.LG", "cs\.CL"\]/mu);
    const uncommented = stripJsonComments(text.replace(/\/\/ (\{ "type": "(huggingface|arxiv)")/gu, "$1"));
    const path = join(cwd, "uncommented.json");
    writeFileSync(path, uncommented);
    expect(loadConfig({ PAPERBOT_CONFIG: path }, cwd).sources.map((s) => s.name)).toEqual(["huggingface", "arxiv", "inbox"]);
  });

  it("GIVEN both sources THEN names, schedules, arXiv's 3 s spacing and the public base URLs are the defaults", () => {
    const config = withFile({ sources: [{ type: "huggingface" }, { type: "arxiv", categories: ["cs.LG", "cs.CL"] }, { type: "inbox" }] });
    expect(config.sources).toMatchObject([
      { type: "huggingface", name: "huggingface", apiUrl: "https://huggingface.co", minIntervalMs: 1000 },
      { type: "arxiv", name: "arxiv", apiUrl: "https://export.arxiv.org", categories: ["cs.LG", "cs.CL"], minIntervalMs: 3000, pageSize: 1000 },
      { type: "inbox", name: "inbox" },
    ]);
  });

  it("GIVEN PAPERBOT_HF_API_URL and PAPERBOT_ARXIV_API_URL THEN they win over the file's apiUrl", () => {
    const config = withFile(
      { sources: [{ type: "huggingface", apiUrl: "http://file.example" }, { type: "arxiv", categories: ["cs.LG"], apiUrl: "http://file.example" }] },
      { PAPERBOT_HF_API_URL: "http://127.0.0.1:9/", PAPERBOT_ARXIV_API_URL: "http://127.0.0.1:8" },
    );
    expect(config.sources.map((s) => ("apiUrl" in s ? s.apiUrl : null))).toEqual(["http://127.0.0.1:9", "http://127.0.0.1:8"]);
  });

  it("GIVEN a bad category, a bad schedule and two sources with one name THEN every problem is reported at once", () => {
    const message = problems({
      sources: [
        { type: "arxiv", categories: ["machine learning"] },
      ],
    });
    expect(message).toContain("sources.0.categories.0: an arXiv category such as cs.LG");
    const more = problems({ sources: [{ type: "huggingface", schedule: "every hour" }, { type: "inbox", name: "huggingface" }] });
    expect(more).toContain('config key sources (huggingface).schedule: "every hour" is not a valid cron expression');
    expect(more).toContain('config key sources.1.name: "huggingface" is used twice');
  });
});
