import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { platformDeps, type App } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { PermissionBits, type FakeDiscord, type InteractionPayload, type RecordedMessage, type SlashCommandInput } from "../fakes/discord/index.js";
import { testApp } from "../helpers/env.js";

export const NOW = "2025-12-20T12:00:00Z";
export const ADMIN = { memberPermissions: PermissionBits.ManageGuild };
const LOADING = 128;

/** The real adapter against the fake, with short timeouts so the suite stays fast. */
export function startAdapter(app: App): Promise<PlatformAdapter> {
  const adapter = createDiscordAdapter(platformDeps(app, "discord"), { client: { rest: { timeout: 2000 }, waitGuildTimeout: 200 }, readyTimeoutMs: 5000 });
  if (adapter === null) throw new Error("no Discord adapter: DISCORD_TOKEN missing from the test config");
  return adapter.start().then(() => {
    app.publishers.set(adapter.publisher.platform, adapter.publisher);
    return adapter;
  });
}

/** An app pointed at the fake; `config` becomes the config file. */
export function discordApp(fake: FakeDiscord, dataDir: string, config?: object) {
  const env: Record<string, string> = { DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl };
  if (config !== undefined) {
    const path = join(dataDir, "paperbot.json");
    writeFileSync(path, JSON.stringify(config));
    env["PAPERBOT_CONFIG"] = path;
  }
  return testApp(dataDir, NOW, env);
}

/** Runs a slash command and resolves with its final answer (after a deferral, once edited). */
export async function command(fake: FakeDiscord, input: Omit<SlashCommandInput, "name">): Promise<{ payload: InteractionPayload; message: RecordedMessage }> {
  const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", ...input }));
  const message = await fake.waitForMessage(payload.channel_id, (m) => m.meta.interactionId === payload.id && (m.flags & LOADING) === 0);
  return { payload, message };
}

/** Clicks a button on a message and resolves once the message was edited again. */
export async function click(fake: FakeDiscord, message: RecordedMessage, customId: string): Promise<RecordedMessage> {
  const edits = message.editCount;
  fake.dispatchInteraction(fake.buttonClick({ customId, messageId: message.id }));
  return fake.waitForMessage(message.channelId, (m) => m.id === message.id && m.editCount > edits);
}

export interface DumpPaper {
  title: string;
  abstract: string;
  upvotes?: number;
}

/** Writes a small Daily Papers text dump into the inbox, complete (its mtime in the past, as after a rename). */
export function writeDump(inboxDir: string, name: string, papers: readonly DumpPaper[]): void {
  const blocks = papers.map((p) => `${p.title}\n\n${p.abstract}\n\n  • 3 authors\n·\nDec 19, 2025 ${p.upvotes ?? 1}\n`);
  const path = join(inboxDir, name);
  writeFileSync(path, `Daily Papers\n\nbyAK and the research community\n\nDec 20\n\n${blocks.join("\n")}`);
  utimesSync(path, new Date(NOW), new Date(NOW));
}

type Obj = Record<string, unknown>;
export const embedsOf = (m: RecordedMessage): Obj[] => m.embeds as Obj[];
export const titlesOf = (messages: readonly RecordedMessage[]): string[] =>
  messages.flatMap((m) => embedsOf(m).map((e) => String(e["title"] ?? "")));
export const buttonsOf = (m: RecordedMessage): Obj[] =>
  (m.components as { components: Obj[] }[]).flatMap((row) => row.components);
