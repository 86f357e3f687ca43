/** Discord credentials and endpoints; present only when DISCORD_TOKEN is set. */
export interface DiscordSettings {
  token: string;
  apiUrl: string;
  guildIds: string[];
}
