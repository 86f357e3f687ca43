import type { z } from "zod";
import type { PlatformModule } from "../platform.js";

/** The console's channels (`#papers`) and who counts as an admin there. */
export interface ConsoleSettings {
  channels: string[];
  admins: string[];
}

/** Its config section, built with the schema library config/ loads (this module loads none). */
const section = (zod: typeof z) =>
  zod
    .strictObject({
    channels: zod.array(zod.string().trim().min(1)).optional(),
    admins: zod.array(zod.string().trim().min(1)).optional(),
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
    const file = raw as z.infer<ReturnType<typeof section>>;
    return { channels: file?.channels ?? ["papers"], admins: file?.admins ?? [] };
  },
  pacing: null,
  wanted: () => false,
  fallback: true,
  loadDoctor: async () => {
    const { pass } = await import("../../doctor/checks.js");
    return () => async (targets, notesFor) =>
      targets.map((t) => pass(`console ${t.label}`, "printed by `paperbot run` when no platform has credentials", notesFor(t)));
  },
  load: async () => {
    const { ConsolePublisher } = await import("./publisher.js");
    return (deps) => ({ name: "console", publisher: new ConsolePublisher(deps.write), start: async () => {}, stop: async () => {} });
  },
};
