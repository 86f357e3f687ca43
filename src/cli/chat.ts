import type { App } from "../app.js";
import { PaperbotError } from "../errors.js";
import { parseCommandArgs, type CliIo } from "./io.js";
import { runConsoleCommand } from "../adapters/console/commands.js";

export async function chatCommand(io: CliIo, args: string[], openApp: () => App): Promise<number> {
  const usage = '[--user NAME] [--channel NAME] [--admin] "/papers …"';
  const { values, positionals } = parseCommandArgs(
    "chat",
    args,
    { user: { type: "string" }, channel: { type: "string" }, admin: { type: "boolean" } },
    usage,
  );
  const text = positionals.join(" ").trim();
  if (text === "") throw new PaperbotError("USAGE", `give a command; usage: paperbot chat ${usage}`, "chat");
  const app = openApp();
  try {
    const result = await runConsoleCommand({ commands: app.commands, admins: app.config.console.admins }, {
      text,
      user: values.user ?? "you",
      channel: values.channel ?? app.config.console.channels[0] ?? "papers",
      admin: values.admin === true,
    });
    io.out(result.output);
    return result.exitCode;
  } finally {
    app.close();
  }
}
