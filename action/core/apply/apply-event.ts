/**
 * Apply runs only for a push to the default branch: the merge of a reviewed pull request. Anything
 * else (pull_request events, forks, other branches, manual runs) is refused before any AWS call. Pure.
 */
import { BucketKeysError } from "../../contracts/errors.ts";

export interface PushCommit {
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/** The parts of the workflow run's context apply needs. */
export interface ApplyEvent {
  eventName: string | undefined;
  /** GITHUB_REF, e.g. "refs/heads/main". */
  ref: string | undefined;
  /** The push payload, when the event is a push. */
  payload: Readonly<Record<string, unknown>>;
}

export interface CheckedPush {
  before: string | undefined;
  after: string;
  commits: PushCommit[];
}

const SHA = /^[0-9a-f]{40}$/;
const ZERO_SHA = /^0{40}$/;

/** The default branch as the push payload names it (repository.default_branch); undefined when absent. */
export function payloadDefaultBranch(event: ApplyEvent): string | undefined {
  const repository = event.payload["repository"] as { default_branch?: unknown } | undefined;
  return typeof repository?.default_branch === "string" && repository.default_branch !== "" ? repository.default_branch : undefined;
}

/** Throws unless this run is a push event at all: checked before any network call. */
export function checkPushEvent(event: ApplyEvent): void {
  if (event.eventName !== "push") {
    throw new BucketKeysError(
      "EVENT",
      `apply runs only on "push" to the default branch (this run is "${event.eventName ?? "unknown"}"). Merging the plan's pull request is the approval; trigger the apply workflow with "on: push" to the default branch.`,
    );
  }
}

/** Throws unless this run is a push to `defaultBranch`; returns the pushed range. */
export function checkApplyEvent(event: ApplyEvent, defaultBranch: string): CheckedPush {
  checkPushEvent(event);
  if (event.ref !== `refs/heads/${defaultBranch}`) {
    throw new BucketKeysError("EVENT", `apply runs only on pushes to the default branch "${defaultBranch}" (this push is to "${event.ref ?? "unknown"}"). Plans take effect only once merged.`);
  }
  const after = event.payload["after"];
  if (typeof after !== "string" || !SHA.test(after)) throw new BucketKeysError("EVENT", 'The push event has no "after" commit; apply needs the push payload (GITHUB_EVENT_PATH).');
  const beforeValue = event.payload["before"];
  const before = typeof beforeValue === "string" && SHA.test(beforeValue) && !ZERO_SHA.test(beforeValue) ? beforeValue : undefined;
  const commitsValue = event.payload["commits"];
  const commits = Array.isArray(commitsValue) ? (commitsValue as PushCommit[]) : [];
  return { before, after, commits };
}
