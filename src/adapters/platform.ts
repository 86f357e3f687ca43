import type { z } from "zod";
import type { CommandService } from "../commands/index.js";
import type { Pacing } from "../delivery/pacing.js";
import type { Publisher } from "../delivery/publisher.js";
import type { PlatformDoctor } from "../doctor/checks.js";
import type { EnvKind } from "../env-values.js";
import type { Logger, LogLevel, Redaction } from "../log.js";

/** A chat platform the bot runs on: it receives commands and publishes digests. */
export interface PlatformAdapter {
  readonly name: string;
  readonly publisher: Publisher;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a running adapter may use, whichever platform it is: the command service for what people
 * ask, a logger, and where the bot keeps its files. Never the whole app and never the store.
 */
export interface PlatformServices {
  commands: CommandService;
  log: Logger;
  logLevel: LogLevel;
  /** The data directory, for a platform's own state files. */
  dataDir: string;
  /** The address a platform's own HTTP listener binds (PAPERBOT_HTTP_HOST, 127.0.0.1 by default). */
  httpHost: string;
  /** Where the console platform prints. */
  write: (text: string) => void;
}

/** A channel the config file declares on a platform: by id, or by webhook URL. */
export interface DeclaredChannel {
  id?: string | undefined;
  webhookUrl?: string | undefined;
}

/** A platform's services plus its own settings and the channels the config declares on it. */
export interface PlatformDeps<S> extends PlatformServices {
  settings: S;
  channels: readonly DeclaredChannel[];
}

/** Builds a platform's adapter, or null when its settings give it nothing to do. */
export type PlatformFactory<S> = (deps: PlatformDeps<S>) => PlatformAdapter | null;

/**
 * One chat platform, as data plus a lazy factory. Everything the rest of the bot needs to know
 * about a platform lives in its module: the config and environment it reads, which values are
 * secret, what to redact from logs, how fast it may be sent to, and how to build its adapter.
 * `src/adapters/index.ts` lists the modules; config, logging, lint and tests derive from the list.
 */
export interface PlatformModule<S, N extends string = string> {
  /** The platform's name: its config file key, `channels[].platform` and destinations' platform. */
  readonly name: N;
  /** Its environment variables, by kind (an empty value counts as unset). */
  readonly env: Readonly<Record<string, EnvKind>>;
  /** Which of its environment variables hold secrets: redacted wherever they appear, never defaulted. */
  readonly secrets: readonly string[];
  /** Credential shapes that may turn up in text from libraries or errors, redacted in every log line. */
  readonly redactions: readonly Redaction[];
  /**
   * Its section of the config file, under its name, built with the zod that config/ hands it: the
   * module itself loads no schema library, so commands that need no config file start without one.
   */
  configSection(zod: typeof z): z.ZodType;
  /**
   * Its settings from its environment variables (validated) and config section (validated), or
   * problems (by key) pushed to `problems` when the combination cannot work.
   */
  settings(env: Readonly<Record<string, unknown>>, section: unknown, problems: string[]): S;
  /** Why a config `webhookUrl` is not one of this platform's; absent when it has no webhooks. */
  webhookProblem?(url: string): string | null;
  /** Its sending limits; null when sending costs nothing (the console). */
  readonly pacing: Pacing | null;
  /**
   * Whether these settings and declared channels can use the platform at all: its library is
   * loaded only then. The fallback platform (the console) runs only when no other one does.
   */
  wanted(settings: S, channels: readonly DeclaredChannel[]): boolean;
  readonly fallback?: boolean;
  /** Loads the adapter code (and with it the platform's library). */
  load(): Promise<PlatformFactory<S>>;
  /** Loads its `paperbot doctor` checks (token, channels, permissions, webhooks) for these settings. */
  loadDoctor(): Promise<(settings: S) => PlatformDoctor>;
}
