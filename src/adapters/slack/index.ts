import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App as BoltApp, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import { PaperbotError } from "../../errors.js";
import { boundUrl } from "../../http.js";
import type { PlatformAdapter, PlatformDeps } from "../platform.js";
import { registerCommands } from "./commands.js";
import { boltLogger } from "./logger.js";
import { guardSignedRequests } from "./request-guard.js";
import type { SlackSettings } from "./settings.js";
import { SlackPublisher } from "./publisher.js";
import type { WebhookOptions } from "./webhook.js";

export { SlackPublisher } from "./publisher.js";
export { renderDigest, renderReply, SLACK_LIMITS, type SlackMessage } from "./render.js";

/** The HTTP receiver's endpoint for slash commands and interactivity (the manifest's request URLs). */
export const EVENTS_PATH = "/slack/events";

export interface SlackAdapterOptions {
  /** The Web API client's retry policy; bolt's default (10 retries in about 30 minutes) when absent. */
  retryConfig?: webApi.RetryOptions;
  /** Address the HTTP receiver binds to; the configured PAPERBOT_HTTP_HOST (127.0.0.1 by default) when absent. */
  host?: string;
  webhook?: Partial<WebhookOptions>;
}

/** The Slack platform adapter: Socket Mode when an app token is configured, else bolt's HTTP receiver. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: "socket" | "http" | "webhooks";
  /** The port the HTTP receiver listens on once started (useful with PAPERBOT_SLACK_PORT=0); null in Socket Mode. */
  readonly port: number | null;
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

const STOP_TIMEOUT_MS = 5_000;

/**
 * The bolt app. In Socket Mode the receiver is built here, so stop() can wait for the WebSocket
 * to close (bolt's own stop() does not).
 */
function boltApp(deps: PlatformDeps<unknown>, settings: SlackSettings, options: SlackAdapterOptions): { bolt: BoltApp; socket: SocketModeReceiver | null } {
  const logger = boltLogger(deps.log, deps.logLevel);
  const logLevel = LOG_LEVELS[deps.logLevel];
  const clientOptions = { slackApiUrl: settings.apiUrl, ...(options.retryConfig === undefined ? {} : { retryConfig: options.retryConfig }) };
  const common = {
    token: settings.botToken,
    logger,
    logLevel,
    clientOptions,
    convoStore: false as const,
    // auth.test runs in start(), so a bad token fails there, loudly, rather than in the constructor.
    deferInitialization: true,
  };
  if (settings.appToken !== null) {
    const socket = new SocketModeReceiver({ appToken: settings.appToken, logger, logLevel, installerOptions: { clientOptions } });
    return { bolt: new BoltApp({ ...common, socketMode: true, receiver: socket }), socket };
  }
  if (settings.signingSecret === null) {
    throw new PaperbotError("CONFIG_INVALID", "Slack over HTTP needs a signing secret", "SLACK_SIGNING_SECRET");
  }
  const receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: EVENTS_PATH, port: settings.port, logger, logLevel });
  guardSignedRequests(receiver, { signingSecret: settings.signingSecret, log: deps.log });
  return { bolt: new BoltApp({ ...common, receiver }), socket: null };
}

async function disconnect(socket: SocketModeReceiver): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STOP_TIMEOUT_MS);
  });
  await Promise.race([socket.client.disconnect(), timeout]);
  clearTimeout(timer);
}

/** A start failure as one actionable line naming the setting to check. */
function startFailure(error: unknown, where: string): PaperbotError {
  const data = (error as { data?: { error?: unknown } }).data;
  const code = typeof data?.error === "string" ? data.error : (error as NodeJS.ErrnoException).code;
  const what = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  // A refused token, or a port that cannot be bound, will not get better by trying again.
  const kind = typeof code === "string" && REFUSED.has(code) ? "PLATFORM_REFUSED" : code === "EADDRINUSE" || code === "EACCES" ? "CONFIG_INVALID" : "PLATFORM_FAILED";
  return new PaperbotError(kind, `Slack did not accept the connection: ${what}`, where, { cause: error });
}

/** Slack's answers that mean the token itself is refused. */
const REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type", "invalid_token"]);

/**
 * Without a bot token, incoming-webhook destinations from the config still get digests: the
 * adapter then only posts to webhooks and receives no commands.
 */
function webhooksOnly(deps: PlatformDeps<unknown>, options: SlackAdapterOptions): SlackAdapter | null {
  if (!deps.channels.some((c) => c.webhookUrl !== undefined)) return null;
  const client = new webApi.WebClient(undefined, { slackApiUrl: "http://127.0.0.1:9/", logger: boltLogger(deps.log, deps.logLevel) });
  const publisher = new SlackPublisher(client, deps.log, options.webhook === undefined ? {} : { webhook: options.webhook });
  return { name: "slack (webhooks only)", mode: "webhooks", port: null, publisher, start: async () => {}, stop: async () => {} };
}

/** Builds the Slack adapter, or null when neither Slack credentials nor Slack webhooks are configured. */
export function createSlackAdapter(deps: PlatformDeps<SlackSettings | null>, options: SlackAdapterOptions = {}): SlackAdapter | null {
  const { settings } = deps;
  if (settings === null) return webhooksOnly(deps, options);
  const mode = settings.appToken !== null ? "socket" : "http";
  const { bolt, socket } = boltApp(deps, settings, options);
  registerCommands(bolt, { commands: deps.commands, log: deps.log, admins: settings.admins });
  const publisher = new SlackPublisher(bolt.client, deps.log, options.webhook === undefined ? {} : { webhook: options.webhook });
  let started = false;
  let port: number | null = null;
  return {
    name: mode === "socket" ? "slack (Socket Mode)" : "slack (HTTP)",
    mode,
    publisher,
    get port() {
      return port;
    },
    async start() {
      try {
        await bolt.init();
      } catch (error) {
        throw startFailure(error, "SLACK_BOT_TOKEN");
      }
      if (mode === "socket") {
        await bolt.start().catch((error: unknown) => Promise.reject(startFailure(error, "SLACK_APP_TOKEN")));
      } else {
        const listen = { port: settings.port, host: options.host ?? deps.httpHost };
        const server = (await bolt.start(listen).catch((error: unknown) => Promise.reject(startFailure(error, "PAPERBOT_SLACK_PORT")))) as Server;
        const address = server.address() as AddressInfo | null;
        port = address?.port ?? settings.port;
        deps.log.info(`slack: receiving commands on ${address === null ? `port ${port}` : boundUrl(address)}${EVENTS_PATH}`);
      }
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      port = null;
      if (socket === null) await bolt.stop();
      else await disconnect(socket);
    },
  };
}
