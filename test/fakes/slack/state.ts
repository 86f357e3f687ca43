/** In-memory workspace state of the fake Slack: users, channels, stored messages, logs, injected failures. */
import { Recorder } from "./recorder.js";
import type {
  CallRecord,
  ChannelFailure,
  FakeSlackOptions,
  FakeUserInput,
  RecordedResponse,
  StoredMessage,
} from "./types.js";

export type Injection = { kind: "ratelimit"; retryAfterSeconds: number } | { kind: "http"; status: number };

export interface FakeSlackConfig {
  botToken: string;
  appToken: string;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  waitTimeoutMs: number;
  ackTimeoutMs: number;
}

export function resolveConfig(opts: FakeSlackOptions): FakeSlackConfig {
  return {
    botToken: opts.botToken ?? "xoxb-fake-bot-token",
    appToken: opts.appToken ?? "xapp-1-A0FAKEAPP-1-fake-app-token",
    teamId: opts.teamId ?? "T0FAKETEAM",
    teamDomain: opts.teamDomain ?? "fake-workspace",
    botUserId: opts.botUserId ?? "U0FAKEBOT",
    botId: opts.botId ?? "B0FAKEBOT",
    appId: opts.appId ?? "A0FAKEAPP",
    waitTimeoutMs: opts.waitTimeoutMs ?? 2_000,
    ackTimeoutMs: opts.ackTimeoutMs ?? 3_000,
  };
}

export class SlackState {
  readonly users = new Map<string, FakeUserInput>();
  readonly channelFailures = new Map<string, ChannelFailure>();
  /** Names and privacy of channels, for conversations.info (any other channel is public and unnamed). */
  readonly channelInfo = new Map<string, { name?: string; isPrivate?: boolean }>();
  readonly openedDms = new Set<string>();
  readonly messages = new Recorder<StoredMessage>();
  readonly responses = new Recorder<RecordedResponse>();
  readonly calls = new Recorder<CallRecord>();
  /** response_url id → number of times it was used. */
  readonly responseUrlUses = new Map<string, number>();
  private readonly injections = new Map<string, Injection[]>();
  private tsCounter = 0;
  private idCounter = 0;

  constructor(readonly cfg: FakeSlackConfig) {
    this.users.set(cfg.botUserId, { id: cfg.botUserId, name: "paperbot", isBot: true });
  }

  /** A fresh, strictly increasing Slack timestamp such as `1712345678.000042`. */
  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${String(this.idCounter).padStart(8, "0")}`;
  }

  /** The bot's DM channel with `userId`: `U123` → `D123`. */
  dmChannelFor(userId: string): string {
    return `D${userId.replace(/^[UW]/, "")}`;
  }

  userForDm(channel: string): FakeUserInput | undefined {
    if (!channel.startsWith("D")) return undefined;
    for (const user of this.users.values()) if (this.dmChannelFor(user.id) === channel) return user;
    return undefined;
  }

  inject(method: string, count: number, injection: Injection): void {
    const queue = this.injections.get(method) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(injection);
    this.injections.set(method, queue);
  }

  /** Takes the next injected failure for `method` (or for `*`). */
  takeInjection(method: string): Injection | undefined {
    for (const key of [method, "*"]) {
      const queue = this.injections.get(key);
      const next = queue?.shift();
      if (next !== undefined) return next;
    }
    return undefined;
  }

  pendingInjections(method: string): number {
    return this.injections.get(method)?.length ?? 0;
  }

  reset(): void {
    this.messages.clear();
    this.responses.clear();
    this.calls.clear();
    this.injections.clear();
    this.responseUrlUses.clear();
  }
}
