/** Fake Slack for end-to-end tests — see fakeSlack.ts for the server and signing.ts for signed HTTP requests. */
export { FakeSlack } from "./fakeSlack.js";
export { checkBlocks, checkMessage, LIMITS, type MessageCheck } from "./blockKit.js";
export { RESPONSE_URL_MAX_USES } from "./hooks.js";
export { capturingLogger, type CapturingLogger, type LogLine } from "./logger.js";
export { FAKE_VERIFICATION_TOKEN } from "./payloads.js";
export {
  nowSeconds,
  signedBlockAction,
  signedPost,
  signedSlashCommand,
  slackSignature,
  staleTimestamp,
  type SignedResponse,
  type SignOptions,
} from "./signing.js";
export type { EnvelopeOptions, EnvelopeType, SocketConnection } from "./socketMode.js";
export type { FakeSlackConfig } from "./state.js";
export type {
  BlockActionInput,
  CallRecord,
  ChannelFailure,
  FakeSlackOptions,
  FakeUserInput,
  JsonObject,
  RecordedResponse,
  SlashCommandFields,
  SocketAck,
  StoredMessage,
} from "./types.js";
