import { discordError } from "./errors.js";
import type { Router, RouteContext } from "./http.js";
import type { FakeInternals } from "./internals.js";
import type { HttpReply } from "./types.js";

/** Gateway discovery, users, the application, and application commands. */
export function registerCoreRoutes(router: Router, fake: FakeInternals): void {
  const application = (): Record<string, unknown> => ({
    id: fake.applicationId, name: fake.bot.username, icon: null, description: "", summary: "", type: null,
    bot_public: true, bot_require_code_grant: false, verify_key: "0".repeat(64), flags: 0, hook: true,
    integration_types_config: { "0": {} }, team: null, tags: [],
    owner: { id: "1290000000000000900", username: "owner", discriminator: "0", global_name: null, avatar: null, flags: 0 },
    bot: { ...fake.bot, bot: true },
  });
  router.add({
    method: "GET", template: "/gateway/bot", auth: true,
    handle: () => ({
      status: 200,
      body: {
        url: fake.gatewayUrl(), shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }),
  });
  router.add({ method: "GET", template: "/gateway", auth: false, handle: () => ({ status: 200, body: { url: fake.gatewayUrl() } }) });
  router.add({
    method: "GET", template: "/users/@me", auth: true,
    handle: () => ({ status: 200, body: { ...fake.bot, bot: true, verified: true, mfa_enabled: false, flags: 0, email: null } }),
  });
  router.add({
    method: "GET", template: "/users/:userId", auth: true,
    handle: (ctx) => {
      const user = fake.world.users.get(ctx.params["userId"] ?? "");
      return user ? { status: 200, body: user } : discordError(10013);
    },
  });
  router.add({ method: "GET", template: "/oauth2/applications/@me", auth: true, handle: () => ({ status: 200, body: application() }) });
  router.add({ method: "GET", template: "/applications/@me", auth: true, handle: () => ({ status: 200, body: application() }) });
  router.add({
    method: "GET", template: "/guilds/:guildId", auth: true,
    handle: (ctx) => {
      const guild = fake.world.guilds.get(ctx.params["guildId"] ?? "");
      return guild ? { status: 200, body: fake.world.guildObject(guild) } : discordError(10004);
    },
  });
  router.add({
    method: "GET", template: "/guilds/:guildId/members/:userId", auth: true,
    handle: (ctx) => {
      const guild = fake.world.guilds.get(ctx.params["guildId"] ?? "");
      if (!guild) return discordError(10004);
      const userId = ctx.params["userId"] ?? "";
      const user = userId === fake.bot.id ? fake.bot : guild.members.find((m) => m.id === userId);
      return user ? { status: 200, body: { user, roles: [], joined_at: guild.joinedAt, nick: null, deaf: false, mute: false, flags: 0 } } : discordError(10007);
    },
  });
  registerCommandRoutes(router, fake);
}

function registerCommandRoutes(router: Router, fake: FakeInternals): void {
  /** Resolves the command scope (global or guild) and checks the application id and guild. */
  const scoped = (ctx: RouteContext, then: (guildId: string | null) => HttpReply): HttpReply => {
    if (ctx.params["applicationId"] !== fake.applicationId) return discordError(20012);
    const guildId = ctx.params["guildId"] ?? null;
    if (guildId !== null && !fake.world.guilds.has(guildId)) return discordError(50001);
    return then(guildId);
  };
  for (const base of ["/applications/:applicationId/commands", "/applications/:applicationId/guilds/:guildId/commands"]) {
    router.add({
      method: "GET", template: base, auth: true,
      handle: (ctx) => scoped(ctx, (guildId) => ({ status: 200, body: fake.commands.list(guildId) })),
    });
    router.add({
      method: "PUT", template: base, auth: true,
      handle: (ctx) => scoped(ctx, (guildId) => fake.commands.bulkOverwrite(guildId, ctx.body)),
    });
    router.add({
      method: "POST", template: base, auth: true,
      handle: (ctx) => scoped(ctx, (guildId) => fake.commands.upsert(guildId, ctx.body)),
    });
    router.add({
      method: "GET", template: `${base}/:commandId`, auth: true,
      handle: (ctx) =>
        scoped(ctx, (guildId) => {
          const command = fake.commands.find(guildId, ctx.params["commandId"] ?? "");
          return command ? { status: 200, body: command } : discordError(10063);
        }),
    });
    router.add({
      method: "PATCH", template: `${base}/:commandId`, auth: true,
      handle: (ctx) => scoped(ctx, (guildId) => fake.commands.patch(guildId, ctx.params["commandId"] ?? "", ctx.body)),
    });
    router.add({
      method: "DELETE", template: `${base}/:commandId`, auth: true,
      handle: (ctx) => scoped(ctx, (guildId) => fake.commands.remove(guildId, ctx.params["commandId"] ?? "")),
    });
  }
}
