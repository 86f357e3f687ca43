import { consolePlatform } from "./console/platform.js";
import { discordPlatform } from "./discord/platform.js";
import type { DeclaredChannel, PlatformAdapter, PlatformModule, PlatformServices } from "./platform.js";
import { slackPlatform } from "./slack/platform.js";

export type { DeclaredChannel, PlatformAdapter, PlatformDeps, PlatformModule, PlatformServices } from "./platform.js";

/**
 * Every platform the bot knows. Config sections and environment variables, secrets, log
 * redaction and pacing are all read from here; adding a platform is one folder and one entry.
 */
export const PLATFORMS = [consolePlatform, discordPlatform, slackPlatform] as const;

export type Platform = (typeof PLATFORMS)[number];
export type PlatformName = Platform["name"];
export const PLATFORM_NAMES = PLATFORMS.map((p) => p.name) as [PlatformName, ...PlatformName[]];

/** Each platform's settings under its name, as its module reads them. */
export type PlatformSettings = { [P in Platform as P["name"]]: P extends PlatformModule<infer S, string> ? S : never };

/** Builds one platform's adapter from the services every adapter gets; null when it has nothing to do. */
export type AdapterFactory = (services: PlatformServices) => PlatformAdapter | null;

/** What choosing adapters needs from the configuration: each platform's settings and its declared channels. */
export type PlatformChoice = PlatformSettings & { channels: readonly (DeclaredChannel & { platform: string })[] };

function channelsOf(choice: PlatformChoice, name: string): DeclaredChannel[] {
  return choice.channels.filter((c) => c.platform === name);
}

async function factoryOf<S>(platform: PlatformModule<S>, settings: S, channels: readonly DeclaredChannel[]): Promise<AdapterFactory> {
  const create = await platform.load();
  return (services) => create({ ...services, settings, channels });
}

/**
 * The adapters `paperbot run` may start: one per platform whose settings or channels can use it.
 * A platform's library is loaded only then, so a console-only or single-platform bot starts
 * without loading the others'.
 */
export async function platformAdapters(choice: PlatformChoice): Promise<AdapterFactory[]> {
  const factories: AdapterFactory[] = [];
  for (const platform of PLATFORMS as readonly PlatformModule<unknown>[]) {
    const settings = (choice as Record<string, unknown>)[platform.name];
    const channels = channelsOf(choice, platform.name);
    if (platform.fallback !== true && platform.wanted(settings, channels)) factories.push(await factoryOf(platform, settings, channels));
  }
  return factories;
}

/**
 * The platforms `paperbot run` starts with this configuration: every one its settings or declared
 * channels can use, else the fallback (the console). Nothing is queued for any other platform.
 */
export function runningPlatforms(choice: PlatformChoice): string[] {
  const modules = PLATFORMS as readonly PlatformModule<unknown>[];
  const wanted = modules.filter(
    (p) => p.fallback !== true && p.wanted((choice as Record<string, unknown>)[p.name], channelsOf(choice, p.name)),
  );
  return (wanted.length > 0 ? wanted : modules.filter((p) => p.fallback === true)).map((p) => p.name);
}

/** The adapter used when no platform has anything to do: the console. */
export async function fallbackAdapter(choice: PlatformChoice): Promise<AdapterFactory> {
  const platform = (PLATFORMS as readonly PlatformModule<unknown>[]).find((p) => p.fallback === true);
  if (platform === undefined) throw new Error("no fallback platform in the list");
  return factoryOf(platform, (choice as Record<string, unknown>)[platform.name], channelsOf(choice, platform.name));
}
