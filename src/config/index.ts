import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { PLATFORMS, type PlatformModule } from "../adapters/index.js";
import { didYouMean } from "../suggest.js";
import { stripJsonComments } from "./jsonc.js";
import { buildConfig, type Config } from "./build.js";
import { envSchemaOf } from "./env-schemas.js";
import { envSchema, fileSchema, type ConfigFile, type EnvSettings } from "./schema.js";
import { CONFIG_CHECKS } from "./validate.js";

export type { ChannelConfig } from "./schema.js";
export type { PlatformSettings } from "../adapters/index.js";
export type { SourceConfig, SourceHttpSettings } from "../sources/types.js";
export { SOURCE_DEFAULTS } from "./sources.js";

export { DEFAULTS, type Config } from "./build.js";

export { configFilePath, processEnv } from "./own-env.js";

const LIST = PLATFORMS as readonly PlatformModule<unknown>[];
/** Each platform's section of the config file, as its module describes it. */
const SECTIONS = new Map(LIST.map((p) => [p.name, p.configSection(z)]));

function unwrapOptional(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  while (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

/** The keys the file schema allows at a path (`channels.0` → a channel's keys), for "did you mean". */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = unwrapOptional(schema);
  for (const step of path) {
    if (node instanceof z.ZodArray && typeof step === "number") node = unwrapOptional(node.element as z.ZodType);
    else if (node instanceof z.ZodObject) node = unwrapOptional((node.shape as Record<string, z.ZodType>)[String(step)]);
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function describeIssues(
  prefix: string,
  error: z.ZodError,
  keyName: (path: PropertyKey[]) => string,
  schema: z.ZodType = fileSchema,
): string[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = [...keysAt(schema, issue.path), ...(issue.path.length === 0 && schema === fileSchema ? LIST.map((p) => p.name) : [])];
      const named = issue.keys.map((key) => `"${key}"${didYouMean(key, known)}`);
      return `${prefix} ${keyName(issue.path)}: unknown key${issue.keys.length === 1 ? "" : "s"} ${named.join(", ")}`;
    }
    return `${prefix} ${keyName(issue.path)}: ${issue.message}`;
  });
}

const dotted = (p: PropertyKey[]): string => p.map(String).join(".") || "(root)";

/** The config file: its own keys, and each platform's section validated by that platform. */
function readConfigFile(path: string, problems: string[]): { file: ConfigFile; sections: Record<string, unknown> } {
  const empty = { file: {}, sections: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    problems.push(`config file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    return empty;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text));
  } catch (error) {
    problems.push(`config file ${path}: not valid JSON (${(error as Error).message})`);
    return empty;
  }
  const own: Record<string, unknown> = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...raw } : {};
  const sections: Record<string, unknown> = {};
  let sectionsOk = true;
  for (const platform of LIST) {
    const section = SECTIONS.get(platform.name) ?? z.undefined();
    const parsed = section.safeParse(own[platform.name]);
    delete own[platform.name];
    if (parsed.success) sections[platform.name] = parsed.data;
    else {
      sectionsOk = false;
      problems.push(...describeIssues("config key", parsed.error, (p) => dotted([platform.name, ...p]), section));
    }
  }
  const parsed = fileSchema.safeParse(own === raw ? raw : own);
  if (!parsed.success) {
    problems.push(...describeIssues("config key", parsed.error, dotted));
    return empty;
  }
  return { file: parsed.data, sections: sectionsOk ? sections : {} };
}

/** Reads each variable on its own, so one bad value does not hide the others' problems. */
function readEnv(env: Record<string, string | undefined>, problems: string[]): { own: EnvSettings; all: Record<string, unknown> } {
  const platformShapes = LIST.flatMap((p) => Object.entries(p.env).map(([key, kind]) => [key, envSchemaOf(kind)] as const));
  const shapes: Record<string, z.ZodType> = { ...envSchema.shape, ...Object.fromEntries(platformShapes) };
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shapes)) {
    const parsed = schema.safeParse(env[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) values[key] = parsed.data;
    } else problems.push(...describeIssues(`environment variable ${key}`, parsed.error, () => "").map((m) => m.replace(/ :/, ":")));
  }
  const own = envSchema.safeParse(Object.fromEntries(Object.keys(envSchema.shape).flatMap((k) => (k in values ? [[k, values[k]]] : []))));
  return { own: own.success ? (own.data as EnvSettings) : {}, all: values };
}

/**
 * Loads the configuration from the environment and the optional config file, validated whole:
 * every problem is reported at once, by key, in one PaperbotError. Schedules, crons, filters and
 * webhook URLs are checked by the code that will use them, so a config the bot cannot run is
 * refused here rather than misbehaving later.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const { own: e, all } = readEnv(env, problems);
  const { file, sections } = e.PAPERBOT_CONFIG === undefined ? { file: {} as ConfigFile, sections: {} } : readConfigFile(resolve(cwd, e.PAPERBOT_CONFIG), problems);

  return buildConfig({ env: e, all, file, sections }, cwd, CONFIG_CHECKS, problems);
}
