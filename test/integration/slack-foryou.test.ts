import { afterEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app.js";
import { ADMIN, CHANNEL, MEMBER, MODES, SECRET, startHarness, type Harness } from "./slack-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Element {
  action_id: string;
  value: string;
}

/** The 👍 👎 🔖 buttons of a stored message, in order. */
function feedbackButtonsOf(blocks: readonly Record<string, unknown>[] | undefined): Element[] {
  return (blocks ?? [])
    .filter((b) => b["type"] === "actions")
    .flatMap((b) => b["elements"] as Element[])
    .filter((e) => e.value.startsWith("fb:"));
}

async function press(harness: Harness, button: Element, as: { id: string; name: string }) {
  const response_url = harness.fake.newResponseUrl();
  const input = { action_id: button.action_id, value: button.value, response_url, user_id: as.id, user_name: as.name, channel_id: CHANNEL };
  if (harness.mode === "socket") await harness.fake.sendBlockAction(input);
  else await harness.fake.signedBlockAction(harness.eventsUrl, SECRET, input);
  return harness.fake.waitForResponse((r) => r.url === response_url);
}

describe.each(MODES)("feedback buttons and for-you commands on Slack (%s)", (mode) => {
  it("GIVEN a channel digest THEN its cards carry 👍 👎 🔖 and a click is recorded for the clicker, answered ephemerally", async () => {
    h = await startHarness(mode);
    await h.command("/papers channel set instant", ADMIN);
    h.dropSample(3);
    await runCycle(h.app, h.app.clock.now());
    const digest = h.fake.messagesIn(CHANNEL);
    expect(digest.length).toBeGreaterThan(0);
    const buttons = digest.flatMap((m) => feedbackButtonsOf(m.blocks as Record<string, unknown>[] | undefined));
    expect(buttons.length % 3).toBe(0);
    const like = buttons.find((b) => b.value.startsWith("fb:like:")) as Element;
    const paperId = Number(like.value.split(":")[2]);
    const answer = await press(h, like, MEMBER);
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.replace_original).toBe(false);
    expect(answer.text).toMatch(/You liked/);
    expect(h.app.store.people.verdicts({ platform: "slack", id: MEMBER.id }).liked).toEqual([paperId]);
    expect(h.app.store.people.verdicts({ platform: "slack", id: ADMIN.id }).liked).toEqual([]);
    const save = buttons.find((b) => b.value === `fb:save:${paperId}`) as Element;
    expect((await press(h, save, MEMBER)).text).toMatch(/Saved/);
    const exported = await h.command("/papers saved format:bibtex", MEMBER);
    expect(exported.response_type).toBe("ephemeral");
    expect(exported.text).toMatch(/Sent to your direct messages as saved-papers\.bib/);
    const [file] = h.fake.files.shared;
    expect(file).toMatchObject({ filename: "saved-papers.bib", channel: "D0MEMBER" });
    expect(file?.content.match(/@misc\{/g)).toHaveLength(1);
  });
});
