export type { Button, DigestMessage, PaperCard, Reply } from "./types.js";
export { toCard } from "./cards.js";
export { stripInvisible } from "./invisible.js";
export { feedbackButtons, isFeedbackToken, parseFeedbackToken, type FeedbackVerb } from "./feedback.js";
