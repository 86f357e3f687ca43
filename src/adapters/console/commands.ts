import type { CommandService } from "../../commands/index.js";
import { renderReply } from "./render.js";

/** What a console command needs: the command service and who counts as an admin on the console. */
export interface ConsoleCommandDeps {
  commands: CommandService;
  admins: readonly string[];
}

/**
 * Runs one slash command as a console user: the console is a platform like any other. The exit
 * code is the command line's: 2 for a command that does not parse (a usage mistake), 1 for a
 * refused request (a query error, a bad schedule, no permission), 0 for an answer.
 */
export async function runConsoleCommand(
  deps: ConsoleCommandDeps,
  input: { text: string; user: string; channel: string; admin: boolean },
): Promise<{ exitCode: 0 | 1 | 2; output: string }> {
  const actor = {
    platform: "console",
    userId: input.user,
    userName: input.user,
    channelId: input.channel,
    workspaceId: null,
    isAdmin: input.admin || deps.admins.includes(input.user),
  };
  const result = await deps.commands.runText(actor, input.text);
  const exitCode = !result.ok ? 2 : result.reply.refused === true ? 1 : 0;
  return { exitCode, output: renderReply(result.reply) };
}
