/**
 * Apply runs only for a push to the default branch: the merge of a reviewed pull request. Anything
 * else (pull_request events, forks, other branches, manual runs) is refused before any AWS call. Pure.
 */
import { BucketKeysError } from "./errors.ts";

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

/** Throws unless this run is a push to `defaultBranch`; returns the pushed range. */
export function checkApplyEvent(event: ApplyEvent, defaultBranch: string): CheckedPush {
  if (event.eventName !== "push") {
    throw new BucketKeysError(
      "EVENT",
      `apply runs only on "push" to the default branch "${defaultBranch}" (this run is "${event.eventName ?? "unknown"}"). Merging the plan's pull request is the approval; trigger the apply workflow with "on: push: branches: [${defaultBranch}]".`,
    );
  }
  if (event.ref !== `refs/heads/${defaultBranch}`) {
    throw new BucketKeysError("EVENT", `apply runs only on pushes to the default branch "${defaultBranch}" (this push is to "${event.ref ?? "unknown"}"). Plans take effect only once merged.`);
  }
  const after = event.payload["after"];
  if (typeof after !== "string" || !SHA.test(after)) throw new BucketKeysError("EVENT", "The push event has no \"after\" commit; apply needs the push payload (GITHUB_EVENT_PATH).");
  const before = typeof event.payload["before"] === "string" && SHA.test(event.payload["before"]) && !ZERO_SHA.test(event.payload["before"]) ? event.payload["before"] : undefined;
  const commits = Array.isArray(event.payload["commits"]) ? (event.payload["commits"] as PushCommit[]) : [];
  return { before, after, commits };
}
