/** Slack credentials; Socket Mode when appToken is set, else the HTTP receiver on `port`. */
export interface SlackSettings {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string;
  port: number;
  admins: string[];
}
