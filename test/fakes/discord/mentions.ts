/** Who a message would actually ping, given its content and `allowed_mentions` (Discord's rules). */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

type Obj = Record<string, unknown>;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export function computePings(content: unknown, allowedMentions: unknown): Pings {
  const text = typeof content === "string" ? content : "";
  const userIds = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? "");
  const roleIds = [...text.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? "");
  const mentionsEveryone = /@(everyone|here)\b/.test(text);
  if (typeof allowedMentions !== "object" || allowedMentions === null) {
    return { everyone: mentionsEveryone, users: unique(userIds), roles: unique(roleIds) };
  }
  const allowed = allowedMentions as Obj;
  const parse = strings(allowed["parse"]);
  const users = strings(allowed["users"]);
  const roles = strings(allowed["roles"]);
  return {
    everyone: mentionsEveryone && parse.includes("everyone"),
    users: unique(userIds.filter((id) => parse.includes("users") || users.includes(id))),
    roles: unique(roleIds.filter((id) => parse.includes("roles") || roles.includes(id))),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
