import { commandContext, type App } from "../../app.js";
import { handleCommand, parseCommandText, usageReply } from "../../commands/index.js";
import { renderReply } from "./render.js";

/** Runs one slash command as a console user: the console is a platform like any other. */
export async function runConsoleCommand(
  app: App,
  input: { text: string; user: string; channel: string; admin: boolean },
): Promise<{ ok: boolean; output: string }> {
  const parsed = parseCommandText(input.text);
  if (!parsed.ok) {
    return { ok: false, output: renderReply(usageReply(parsed.mistake.message, parsed.mistake.usage)) };
  }
  const reply = handleCommand(
    commandContext(app, {
      platform: "console",
      userId: input.user,
      userName: input.user,
      channelId: input.channel,
      workspaceId: null,
      isAdmin: input.admin || app.config.console.admins.includes(input.user),
    }),
    parsed.invocation,
  );
  return { ok: true, output: renderReply(reply) };
}
