import {
  ApplicationCommandOptionType, ButtonStyle, ChannelType, ComponentType, DiscordAPIError, MessageFlags, PermissionFlagsBits,
  Routes, SlashCommandBuilder, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Client,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, PermissionBits, connectClient, nextInteraction } from "../fakes/discord/index.js";

const papersCommand = new SlashCommandBuilder()
  .setName("papers")
  .setDescription("Research papers")
  .addSubcommand((sub) =>
    sub
      .setName("search")
      .setDescription("Search papers")
      .addStringOption((o) => o.setName("query").setDescription("Words").setRequired(true).setAutocomplete(true))
      .addIntegerOption((o) => o.setName("limit").setDescription("How many")),
  )
  .addSubcommandGroup((group) =>
    group
      .setName("subscribe")
      .setDescription("Subscriptions")
      .addSubcommand((sub) => sub.setName("add").setDescription("Add one").addNumberOption((o) => o.setName("min_score").setDescription("Score"))),
  )
  .toJSON();

describe("fake Discord with the real discord.js Client", () => {
  let fake: FakeDiscord;
  let client: Client<true>;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    client = await connectClient(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it("logs in: /gateway/bot, IDENTIFY with the Guilds intent, READY + GUILD_CREATE → clientReady", () => {
    expect(client.isReady()).toBe(true);
    expect(client.user.id).toBe(fake.bot.id);
    expect(client.application.id).toBe(fake.applicationId);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({ tokenValid: true, intents: 1, compress: false });
    expect(fake.requests.some((r) => r.route === "GET /gateway/bot" && r.status === 200)).toBe(true);
    const guild = client.guilds.cache.get(fake.defaultGuildId);
    expect(guild?.name).toBe("Paper Lab");
    expect(guild?.channels.cache.get(fake.defaultChannelId)?.type).toBe(ChannelType.GuildText);
    expect(fake.gateway.connectQueries[0]).toEqual({ v: "10", encoding: "json" });
  });

  it("serves GET /oauth2/applications/@me for client.application.fetch()", async () => {
    const application = await client.application.fetch();
    expect(application.id).toBe(fake.applicationId);
    expect(application.botPublic).toBe(true);
  });

  it("registers commands with application.commands.set, keeping ids on re-registration", async () => {
    const first = await client.application.commands.set([papersCommand]);
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(["papers"]);
    expect(fake.commandRegistrations()).toBe(1);
    const second = await client.application.commands.set([papersCommand]);
    expect(second.first()?.id).toBe(first.first()?.id);
    expect(fake.commandRegistrations()).toBe(2);
    await client.application.commands.set([papersCommand], fake.defaultGuildId);
    expect(fake.registeredCommands(fake.defaultGuildId)).toHaveLength(1);
    expect(fake.commandRegistrations(fake.defaultGuildId)).toBe(1);
    const bad = await client.application.commands.set([{ name: "Papers", description: "" }]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DiscordAPIError);
    expect((bad as DiscordAPIError).code).toBe(50035);
  });

  it("delivers a slash command as ChatInputCommandInteraction; an ephemeral reply reaches the fake", async () => {
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(
      fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "diffusion", limit: 5 }, memberPermissions: PermissionBits.ManageGuild }),
    );
    const interaction = (await pending) as ChatInputCommandInteraction;
    expect(interaction.isChatInputCommand()).toBe(true);
    expect(interaction.commandName).toBe("papers");
    expect(interaction.commandId).toBe(fake.registeredCommands(fake.defaultGuildId)[0]?.id);
    expect(interaction.options.getSubcommand()).toBe("search");
    expect(interaction.options.getString("query")).toBe("diffusion");
    expect(interaction.options.getInteger("limit")).toBe(5);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.Administrator)).toBe(false);
    expect(interaction.channelId).toBe(fake.defaultChannelId);
    expect(interaction.guildId).toBe(fake.defaultGuildId);
    expect(interaction.locale).toBe("en-US");
    await interaction.reply({ content: "3 papers found", flags: MessageFlags.Ephemeral });
    const callback = await fake.waitForCallback(payload.id);
    expect(callback).toMatchObject({ type: 4, status: 204, ephemeral: true });
    expect(callback.data?.["content"]).toBe("3 papers found");
    expect(callback.elapsedMs).toBeLessThan(3000);
    expect(fake.messagesIn(fake.defaultChannelId)).toHaveLength(0);
    expect(fake.interactionMessages(payload.id)[0]?.flags).toBe(MessageFlags.Ephemeral);
  });

  it("nests SUBCOMMAND_GROUP → SUBCOMMAND options and types NUMBER options from the registered command", async () => {
    const pending = nextInteraction(client);
    fake.dispatchInteraction(fake.slashCommand({ name: "papers", group: "subscribe", subcommand: "add", options: { min_score: 3 } }));
    const interaction = (await pending) as ChatInputCommandInteraction;
    expect(interaction.options.getSubcommandGroup()).toBe("subscribe");
    expect(interaction.options.getSubcommand()).toBe("add");
    expect(interaction.options.getNumber("min_score")).toBe(3);
    expect(interaction.options.data[0]?.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
    await interaction.reply({ content: "ok" });
    expect(fake.messagesIn(fake.defaultChannelId).at(-1)?.content).toBe("ok");
  });

  it("deferReply + editReply: loading message, then PATCH @original", async () => {
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "rl" } }));
    const interaction = (await pending) as ChatInputCommandInteraction;
    await interaction.deferReply();
    expect((await fake.waitForCallback(payload.id)).type).toBe(5);
    const original = fake.interactionMessages(payload.id)[0];
    expect(original?.flags).toBe(MessageFlags.Loading);
    const edited = await interaction.editReply({ content: "Top paper: Attention Is All You Need" });
    expect(edited.content).toBe("Top paper: Attention Is All You Need");
    expect(original?.content).toBe("Top paper: Attention Is All You Need");
    expect(original?.flags).toBe(0);
    expect(fake.requests.some((r) => r.route === "PATCH /webhooks/:webhookId/:token/messages/:messageId" && r.path.endsWith("/@original"))).toBe(true);
    const follow = await interaction.followUp({ content: "and one more" });
    expect(follow.id).not.toBe(original?.id);
    expect(fake.interactionMessages(payload.id).map((m) => m.content)).toEqual(["Top paper: Attention Is All You Need", "and one more"]);
  });

  it("first follow-up after a deferral replaces the loading message (Discord behaviour)", async () => {
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "x" } }));
    const interaction = (await pending) as ChatInputCommandInteraction;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const message = await interaction.followUp({ content: "done" });
    expect(message.id).toBe(fake.interaction(payload.id)?.originalMessageId);
    expect(fake.interactionMessages(payload.id)).toHaveLength(1);
    expect(fake.interactionMessages(payload.id)[0]?.meta.ephemeral).toBe(true);
  });

  it("a second callback for one interaction → 40060; a callback after the window → 10062", async () => {
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "y" } }));
    const interaction = (await pending) as ChatInputCommandInteraction;
    await interaction.reply({ content: "first" });
    const again = await client.rest
      .post(Routes.interactionCallback(payload.id, payload.token), { body: { type: 4, data: { content: "second" } }, auth: false })
      .catch((e: unknown) => e);
    expect((again as DiscordAPIError).code).toBe(40060);
    expect((again as DiscordAPIError).status).toBe(400);
    expect(fake.interaction(payload.id)?.attempts.map((a) => a.status)).toEqual([204, 400]);
    const unknown = await client.rest
      .post(Routes.interactionCallback("1", "nope"), { body: { type: 4, data: { content: "x" } }, auth: false })
      .catch((e: unknown) => e);
    expect((unknown as DiscordAPIError).code).toBe(10062);
  });

  it("button click → ButtonInteraction on the stored message; update() edits that message (type 7)", async () => {
    const row = { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: "more:1", label: "More" }] };
    const sent = (await client.rest.post(Routes.channelMessages(fake.defaultChannelId), { body: { content: "Paper 1", components: [row] } })) as { id: string };
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.buttonClick({ customId: "more:1", messageId: sent.id }));
    const interaction = (await pending) as ButtonInteraction;
    expect(interaction.isButton()).toBe(true);
    expect(interaction.customId).toBe("more:1");
    expect(interaction.message.id).toBe(sent.id);
    expect(interaction.message.content).toBe("Paper 1");
    await interaction.update({ content: "Paper 1 (expanded)", components: [] });
    expect((await fake.waitForCallback(payload.id)).type).toBe(7);
    expect(fake.message(sent.id)?.content).toBe("Paper 1 (expanded)");
    expect(fake.message(sent.id)?.components).toEqual([]);
  });

  it("deferUpdate (type 6) then editReply edits the message the button is on", async () => {
    const sent = (await client.rest.post(Routes.channelMessages(fake.defaultChannelId), {
      body: { content: "Page 1", components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: "page:2", label: "Next" }] }] },
    })) as { id: string };
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.buttonClick({ customId: "page:2", messageId: sent.id }));
    const interaction = (await pending) as ButtonInteraction;
    await interaction.deferUpdate();
    expect((await fake.waitForCallback(payload.id)).type).toBe(6);
    await interaction.editReply({ content: "Page 2" });
    expect(fake.message(sent.id)?.content).toBe("Page 2");
    expect(fake.message(sent.id)?.editCount).toBe(1);
  });

  it("autocomplete → AutocompleteInteraction with the focused option; respond() records choices (type 8)", async () => {
    const pending = nextInteraction(client);
    const payload = fake.dispatchInteraction(fake.autocomplete({ name: "papers", subcommand: "search", focused: { name: "query", value: "diff" } }));
    const interaction = (await pending) as AutocompleteInteraction;
    expect(interaction.isAutocomplete()).toBe(true);
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "query", value: "diff" });
    await interaction.respond([{ name: "diffusion models", value: "diffusion" }]);
    const callback = await fake.waitForCallback(payload.id);
    expect(callback.type).toBe(8);
    expect(callback.data?.["choices"]).toEqual([{ name: "diffusion models", value: "diffusion" }]);
  });

  it("DM context: user instead of member, no guild, DM channel", async () => {
    const pending = nextInteraction(client);
    fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query: "dm" }, dm: true }));
    const interaction = (await pending) as ChatInputCommandInteraction;
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.member).toBeNull();
    expect(interaction.user.username).toBe("ada");
    expect(interaction.memberPermissions).toBeNull();
    await interaction.reply({ content: "here you go" });
    expect(fake.dmChannelOf(interaction.user.id)).toBe(interaction.channelId);
    expect(fake.messagesIn(interaction.channelId ?? "")[0]?.content).toBe("here you go");
  });
});
