/**
 * Errors a user can act on. Each carries a stable code and the place it concerns (a file and line,
 * a config key, a query column), so the command line prints `paperbot: <message> (<where>)` and the
 * chat adapters print the message alone. Anything that is not a PaperbotError is a bug.
 */
export type ErrorCode =
  | "DUMP_EMPTY"
  | "DUMP_BINARY"
  | "DUMP_ENCODING"
  | "DUMP_LINE_TOO_LONG"
  | "DUMP_NO_PAPERS"
  | "DUMP_INVALID_JSON"
  | "DUMP_UNKNOWN_FORMAT"
  | "DUMP_TOO_LARGE"
  | "DUMP_TRUNCATED"
  | "DUMP_SOURCE_ERROR"
  | "DUMP_UNREADABLE"
  | "SOURCE_FAILED"
  | "FILE_UNREADABLE"
  | "CONFIG_INVALID"
  | "STORE_UNAVAILABLE"
  | "STORE_WRITE_FAILED"
  | "STORE_REPLACED"
  | "QUERY_INVALID"
  | "USAGE"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "PLATFORM_FAILED"
  | "PLATFORM_REFUSED";

export class PaperbotError extends Error {
  override readonly name = "PaperbotError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Where the problem is: `file.txt:12`, `config key digest.topN`, `column 7`. */
    readonly where?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The one line shown to a person: message and place, never a stack. */
  describe(): string {
    return this.where === undefined ? this.message : `${this.message} (${this.where})`;
  }
}

export function isPaperbotError(error: unknown): error is PaperbotError {
  return error instanceof PaperbotError;
}
