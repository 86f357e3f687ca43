import { copyFileSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { ConsolePublisher } from "../../src/adapters/console/publisher.js";
import { runConsoleCommand } from "../../src/adapters/console/commands.js";
import type { App } from "../../src/app.js";

/** Captures what the console platform prints, and runs commands as console users. */
export function consoleHarness(app: App) {
  const printed: string[] = [];
  app.publishers.set("console", new ConsolePublisher((text) => printed.push(text)));
  return {
    printed,
    take(): string {
      return printed.splice(0, printed.length).join("");
    },
    async chat(text: string, as: { user?: string; channel?: string; admin?: boolean } = {}): Promise<string> {
      const result = await runConsoleCommand({ commands: app.commands, admins: app.config.console.admins }, {
        text,
        user: as.user ?? "ada",
        channel: as.channel ?? "papers",
        admin: as.admin ?? false,
      });
      return result.output;
    },
    drop(path: string, mtime = "2025-12-20T12:00:00Z"): void {
      const target = join(app.config.inboxDir, basename(path));
      copyFileSync(path, target);
      utimesSync(target, new Date(mtime), new Date(mtime));
    },
  };
}
