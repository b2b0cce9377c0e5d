import { describe, expect, it } from "vitest";
import { checkApplyEvent, checkPushEvent, payloadDefaultBranch } from "../../../../../action/core/apply/apply-event.ts";

const after = "a".repeat(40);
const before = "b".repeat(40);

describe("apply event", () => {
  it("accepts a push to the default branch and returns the pushed range", () => {
    const push = checkApplyEvent({ eventName: "push", ref: "refs/heads/main", payload: { before, after, commits: [{ added: ["x"] }] } }, "main");
    expect(push).toEqual({ before, after, commits: [{ added: ["x"] }] });
  });

  it("refuses a pull_request event, saying apply runs on push", () => {
    expect(() => checkPushEvent({ eventName: "pull_request", ref: "refs/pull/1/merge", payload: {} })).toThrow('apply runs only on "push" to the default branch (this run is "pull_request")');
  });

  it("refuses a push to another branch", () => {
    expect(() => checkApplyEvent({ eventName: "push", ref: "refs/heads/bucket-keys/logs", payload: { after } }, "main")).toThrow('this push is to "refs/heads/bucket-keys/logs"');
  });

  it("treats the all-zero before of a new branch as no before commit", () => {
    expect(checkApplyEvent({ eventName: "push", ref: "refs/heads/main", payload: { before: "0".repeat(40), after } }, "main").before).toBeUndefined();
  });

  it("reads the default branch from the push payload's repository", () => {
    expect(payloadDefaultBranch({ eventName: "push", ref: undefined, payload: { repository: { default_branch: "trunk" } } })).toBe("trunk");
  });
});
