/** The version printed by `paperbot --version` and sent as the HTTP user agent. */
export const VERSION = "0.1.0";
