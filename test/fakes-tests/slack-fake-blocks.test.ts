/** Block Kit limits enforced by the fake Slack (pure checks + one HTTP round trip each way). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMessage, FakeSlack, LIMITS } from "../fakes/slack/index.js";

const section = (text: string): object => ({ type: "section", text: { type: "mrkdwn", text } });
const button = (over: Record<string, unknown> = {}): object => ({
  type: "button",
  text: { type: "plain_text", text: "Open" },
  action_id: "open",
  value: "v",
  ...over,
});
const errorsOf = (blocks: unknown[]): string[] => {
  const r = checkMessage({ text: "fallback", blocks });
  return r.ok ? [] : (r.errors ?? [r.error]);
};

describe("Block Kit limits", () => {
  it.each([
    ["51 blocks", Array.from({ length: 51 }, () => ({ type: "divider" })), "no more than 50 items allowed [json-pointer:/blocks]"],
    ["section text 3001", [section("x".repeat(3_001))], "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
    ["empty section text", [section("")], "must be more than 0 characters [json-pointer:/blocks/0/text/text]"],
    [
      "11 section fields",
      [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
      "no more than 10 items allowed [json-pointer:/blocks/0/fields]",
    ],
    [
      "section field 2001",
      [{ type: "section", fields: [{ type: "mrkdwn", text: "x".repeat(2_001) }] }],
      "must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]",
    ],
    ["header 151", [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }], "must be less than 151 characters [json-pointer:/blocks/0/text/text]"],
    ["mrkdwn header", [{ type: "header", text: { type: "mrkdwn", text: "h" } }], "must be plain_text [json-pointer:/blocks/0/text/type]"],
    [
      "11 context elements",
      [{ type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "c" })) }],
      "no more than 10 items allowed [json-pointer:/blocks/0/elements]",
    ],
    [
      "26 actions elements",
      [{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }],
      "no more than 25 items allowed [json-pointer:/blocks/0/elements]",
    ],
    [
      "button text 76",
      [{ type: "actions", elements: [button({ text: { type: "plain_text", text: "b".repeat(76) } })] }],
      "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
    ],
    [
      "action_id 256",
      [{ type: "actions", elements: [button({ action_id: "a".repeat(256) })] }],
      "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
    ],
    [
      "button value 2001",
      [{ type: "actions", elements: [button({ value: "v".repeat(2_001) })] }],
      "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
    ],
    [
      "duplicate action_id",
      [{ type: "actions", elements: [button(), button()] }],
      "duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]",
    ],
    ["duplicate block_id", [{ type: "divider", block_id: "b" }, { type: "divider", block_id: "b" }], "duplicate block_id [json-pointer:/blocks/1/block_id]"],
    ["unknown block type", [{ type: "carousel" }], "unsupported type: carousel [json-pointer:/blocks/0/type]"],
  ])("rejects %s", (_name, blocks, expected) => {
    expect(errorsOf(blocks)).toContain(expected);
  });

  it("accepts every limit exactly at its maximum", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "h".repeat(LIMITS.headerText) } },
      section("x".repeat(LIMITS.sectionText)),
      { type: "section", fields: Array.from({ length: 10 }, () => ({ type: "mrkdwn", text: "f".repeat(2_000) })) },
      { type: "context", elements: Array.from({ length: 10 }, () => ({ type: "mrkdwn", text: "c" })) },
      {
        type: "actions",
        elements: Array.from({ length: 25 }, (_, i) =>
          button({ action_id: `${i}`.padEnd(255, "a"), value: "v".repeat(2_000), text: { type: "plain_text", text: "b".repeat(75) } }),
        ),
      },
      ...Array.from({ length: 45 }, () => ({ type: "divider" })),
    ];
    expect(blocks).toHaveLength(50);
    expect(checkMessage({ text: "t".repeat(LIMITS.messageText), blocks })).toEqual({ ok: true, warnings: [] });
  });

  it("distinguishes no_text, msg_too_long and missing_text_in_blocks", () => {
    expect(checkMessage({ text: undefined, blocks: undefined })).toEqual({ ok: false, error: "no_text" });
    expect(checkMessage({ text: "  ", blocks: [] })).toEqual({ ok: false, error: "no_text" });
    expect(checkMessage({ text: "x".repeat(40_001), blocks: undefined })).toEqual({ ok: false, error: "msg_too_long" });
    expect(checkMessage({ text: undefined, blocks: [{ type: "divider" }] })).toEqual({ ok: true, warnings: ["missing_text_in_blocks"] });
  });
});

describe("Block Kit limits over HTTP", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("returns Slack's invalid_blocks shape for a JSON body", async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.botToken}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: "C1", text: "t", blocks: [section("x".repeat(3_001))] }),
    });
    expect(await res.json()).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
      response_metadata: { messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] },
    });
  });

  it("rejects a form-encoded blocks string that is not JSON with invalid_blocks_format", async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      body: new URLSearchParams({ token: fake.botToken, channel: "C1", text: "t", blocks: "[{" }),
    });
    expect(await res.json()).toEqual({ ok: false, error: "invalid_blocks_format" });
    expect(fake.messages).toHaveLength(0);
  });

  it("validates respond() payloads on the response_url too", async () => {
    const url = fake.newResponseUrl();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "t", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] }),
    });
    expect(res.status).toBe(400);
    expect(await fake.waitForResponse()).toMatchObject({ status: 400, error: "invalid_blocks" });
  });
});
