/**
 * Shared set-up for the Slack end-to-end tests: a fake Slack, a real app on a temporary SQLite
 * file, and the real Slack adapter (bolt) connected over HTTP or Socket Mode.
 */
import { copyFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { platformDeps, type App } from "../../src/app.js";
import type { Logger } from "../../src/log.js";
import { createSlackAdapter, type SlackAdapter } from "../../src/adapters/slack/index.js";
import { FakeSlack, type RecordedResponse, type StoredMessage } from "../fakes/slack/index.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

export type Mode = "http" | "socket";
export const MODES: readonly Mode[] = ["http", "socket"];
export const SECRET = "test-signing-secret-5b1f0c2e";
export const NOW = "2025-12-20T12:00:00Z";
export const ADMIN = { id: "U0ADMIN", name: "ada" };
export const MEMBER = { id: "U0MEMBER", name: "max" };
export const CHANNEL = "C0PAPERS";

export interface Harness {
  mode: Mode;
  fake: FakeSlack;
  app: App;
  adapter: SlackAdapter;
  dataDir: string;
  eventsUrl: string;
  /** Runs `/papers <text>` as a user in a channel; resolves with the first response_url payload. */
  command(text: string, as?: { id: string; name: string }, channel?: string): Promise<RecordedResponse>;
  /** Clicks a button (its value is the neutral button id); resolves with the first answer. */
  click(value: string, as?: { id: string; name: string }): Promise<RecordedResponse>;
  /** Copies sample dump `index` (0-3) into the inbox, with a fixed mtime. */
  dropSample(index: number): void;
  /** Writes a dump file into the inbox. */
  dropDump(name: string, content: string): void;
  close(): Promise<void>;
}

/** `log` replaces the app's (silent) logger before the adapter is built; `env` adds settings. */
export async function startHarness(mode: Mode, opts: { env?: Record<string, string>; log?: Logger } = {}): Promise<Harness> {
  const fake = await FakeSlack.start({ waitTimeoutMs: 5_000 });
  fake.addUser({ ...ADMIN, isAdmin: true });
  fake.addUser(MEMBER);
  const dataDir = tempDataDir();
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: fake.botToken,
    PAPERBOT_SLACK_API_URL: fake.apiUrl,
    PAPERBOT_SLACK_PORT: "0",
    ...(mode === "socket" ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: SECRET }),
    ...opts.env,
  };
  const { app } = testApp(dataDir, NOW, env);
  if (opts.log !== undefined) app.log = opts.log;
  const adapter = createSlackAdapter(platformDeps(app, "slack"), {
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
    host: "127.0.0.1",
    webhook: { maxRateLimitWaitMs: 2_000 },
  });
  if (adapter === null) throw new Error("the Slack adapter needs Slack settings");
  app.publishers.set(adapter.publisher.platform, adapter.publisher);
  await adapter.start();
  const eventsUrl = `http://127.0.0.1:${adapter.port ?? 0}/slack/events`;
  const inbox = app.config.inboxDir;
  const mtime = new Date(NOW);

  const firstAnswer = (url: string) => fake.waitForResponse((r) => r.url === url);
  const who = (as: { id: string; name: string }, channel: string) => ({ user_id: as.id, user_name: as.name, channel_id: channel });

  return {
    mode,
    fake,
    app,
    adapter,
    dataDir,
    eventsUrl,
    async command(text, as = MEMBER, channel = CHANNEL) {
      const response_url = fake.newResponseUrl();
      const fields = { text, response_url, ...who(as, channel) };
      if (mode === "socket") await fake.sendSlashCommand(fields);
      else {
        const res = await fake.signedSlashCommand(eventsUrl, SECRET, fields);
        if (res.status !== 200) throw new Error(`events endpoint answered ${res.status}`);
      }
      return firstAnswer(response_url);
    },
    async click(value, as = MEMBER) {
      const response_url = fake.newResponseUrl();
      const input = { action_id: "paperbot_page_0", value, response_url, user_id: as.id, user_name: as.name, channel_id: CHANNEL };
      if (mode === "socket") await fake.sendBlockAction(input);
      else {
        const res = await fake.signedBlockAction(eventsUrl, SECRET, input);
        if (res.status !== 200) throw new Error(`events endpoint answered ${res.status}`);
      }
      return firstAnswer(response_url);
    },
    dropSample(index) {
      const source = SAMPLES[index];
      if (source === undefined) throw new Error(`no sample ${index}`);
      const target = join(inbox, source.split("/").pop() ?? "sample.txt");
      copyFileSync(source, target);
      utimesSync(target, mtime, mtime);
    },
    dropDump(name, content) {
      const target = join(inbox, name);
      writeFileSync(target, content);
      utimesSync(target, mtime, mtime);
    },
    async close() {
      await adapter.stop();
      await fake.close();
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every string inside a message or response (text, block texts, button values...). */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(allStrings);
  return [];
}

/** Every mrkdwn text object's text, wherever it sits in the blocks: the only place Slack parses links and mentions. */
export function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object["type"] === "mrkdwn" && typeof object["text"] === "string" ? [object["text"]] : [];
  return [...own, ...Object.values(object).flatMap(mrkdwnTexts)];
}

/** The text a person reads in a response or message: fallback text plus every block's text. */
export function visibleText(m: Pick<StoredMessage, "text" | "blocks"> | Pick<RecordedResponse, "text" | "blocks">): string {
  return [m.text ?? "", ...allStrings(m.blocks ?? [])].join("\n");
}

/** The buttons (value by label) of a response. */
export function buttonsOf(r: RecordedResponse): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of r.blocks ?? []) {
    if (block.type !== "actions" || !Array.isArray(block.elements)) continue;
    for (const el of block.elements as { text?: { text?: string }; value?: string }[]) {
      if (el.text?.text !== undefined && el.value !== undefined) map.set(el.text.text, el.value);
    }
  }
  return map;
}
