import type { Recommendations } from "../recommend/index.js";
import type { Searcher } from "../search/index.js";
import type { Store } from "../store/index.js";

/** Who runs a command, as the platform adapter established it. */
export interface Actor {
  platform: string;
  userId: string;
  userName: string;
  /** The channel the command came from; null in a DM. */
  channelId: string | null;
  workspaceId: string | null;
  /** Manage Server on Discord, workspace admin/owner (or listed in config) on Slack, --admin on the console. */
  isAdmin: boolean;
}

/** What a handler may use: the store, the clock's now and a few settings. Never a platform object. */
export interface CommandContext {
  store: Store;
  /** Full-text searches, off the event loop in the bot (see Searcher). */
  searcher: Searcher;
  /** Similar papers and personal rankings, off the event loop in the bot (see Recommendations). */
  recommendations: Recommendations;
  now: Date;
  actor: Actor;
  settings: CommandSettings;
}

/** Where wall-clock schedules are read: the bot's time zone and the default digest schedule. */
export interface CommandSettings {
  timeZone: string;
  digestSchedule: string;
}
