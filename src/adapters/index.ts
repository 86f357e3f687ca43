import type { AdapterFactory } from "../main.js";

/** The platform adapters `paperbot run` may start; each returns null without credentials. */
export function platformAdapters(): AdapterFactory[] {
  return [];
}
