import { z } from "zod";
import { pass } from "../../doctor/checks.js";
import type { PlatformModule } from "../platform.js";
import { ConsolePublisher } from "./publisher.js";

/** The console's channels (`#papers`) and who counts as an admin there. */
export interface ConsoleSettings {
  channels: string[];
  admins: string[];
}

const section = z
  .strictObject({
    channels: z.array(z.string().trim().min(1)).optional(),
    admins: z.array(z.string().trim().min(1)).optional(),
  })
  .optional();

/** The embedded default: digests printed on standard output, commands through `paperbot chat`. */
export const consolePlatform: PlatformModule<ConsoleSettings, "console"> = {
  name: "console",
  env: {},
  secrets: [],
  redactions: [],
  configSection: section,
  settings(_env, raw) {
    const file = raw as z.infer<typeof section>;
    return { channels: file?.channels ?? ["papers"], admins: file?.admins ?? [] };
  },
  pacing: null,
  wanted: () => false,
  fallback: true,
  loadDoctor: async () => () => async (targets, notesFor) =>
    targets.map((t) => pass(`console ${t.label}`, "printed by `paperbot run` when no platform has credentials", notesFor(t))),
  load: async () => (deps) => {
    const publisher = new ConsolePublisher(deps.write);
    return { name: "console", publisher, start: async () => {}, stop: async () => {} };
  },
};
