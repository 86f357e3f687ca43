import type { CommandService } from "../../commands/index.js";
import { renderReply } from "./render.js";

/** What a console command needs: the command service and who counts as an admin on the console. */
export interface ConsoleCommandDeps {
  commands: CommandService;
  admins: readonly string[];
}

/** Runs one slash command as a console user: the console is a platform like any other. */
export async function runConsoleCommand(
  deps: ConsoleCommandDeps,
  input: { text: string; user: string; channel: string; admin: boolean },
): Promise<{ ok: boolean; output: string }> {
  const actor = {
    platform: "console",
    userId: input.user,
    userName: input.user,
    channelId: input.channel,
    workspaceId: null,
    isAdmin: input.admin || deps.admins.includes(input.user),
  };
  const result = await deps.commands.runText(actor, input.text);
  return { ok: result.ok, output: renderReply(result.reply) };
}
