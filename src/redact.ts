/*
 * Redaction of secrets and credential shapes, apart from the logger so that the command line can
 * redact an error line without loading the logging library.
 */

/** A credential shape (a token format, the secret part of a webhook URL) and what replaces it. */
export interface Redaction {
  pattern: RegExp;
  replacement: string;
}

/**
 * Replaces every occurrence of each secret, and of each credential shape the platforms declare
 * (tokens a library might echo before the secret itself is known), in text.
 */
export function redact(text: string, secrets: readonly string[], redactions: readonly Redaction[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  for (const { pattern, replacement } of redactions) out = out.replace(pattern, replacement);
  return out;
}
