/**
 * Where plans live in the repository and which of them a push changed. Pure.
 *
 * Each source bucket has one plan folder, `<plan-dir>/<bucket>/` holding plan.json, plan.md and
 * history.json (its coverage plan after plan), and one pull request branch, `bucket-keys/<bucket>`.
 */
import { InputError } from "../../contracts/errors.ts";
import { settingName, type SettingSource } from "../settings/setting-source.ts";

export const DEFAULT_PLAN_DIR = "bucket-key-plans";
export const BRANCH_PREFIX = "bucket-keys/";

/** Normalises a repository folder: no leading "./" or "/", no trailing "/", no ".." segments. */
export function normalizePlanDir(value: string | undefined, source: SettingSource): string {
  const trimmed = (value ?? "").trim().replace(/^\.\//, "").replace(/^\/+/, "").replace(/\/+$/, "");
  const dir = trimmed === "" ? DEFAULT_PLAN_DIR : trimmed;
  if (dir.split("/").some((part) => part === "" || part === "." || part === "..") || /[\\:*?"<>|\s]/.test(dir)) {
    throw new InputError("plan-dir", `${settingName("plan-dir", source)}: "${value}" is not a plain repository folder like "${DEFAULT_PLAN_DIR}".`);
  }
  return dir;
}

export function planJsonPath(planDir: string, bucket: string): string {
  return `${planDir}/${bucket}/plan.json`;
}

export function planMarkdownPath(planDir: string, bucket: string): string {
  return `${planDir}/${bucket}/plan.md`;
}

export function historyPath(planDir: string, bucket: string): string {
  return `${planDir}/${bucket}/history.json`;
}

export function planBranch(bucket: string): string {
  return `${BRANCH_PREFIX}${bucket}`;
}

/** A file as the compare API or a push payload reports it. */
export interface ChangedFile {
  filename: string;
  /** added, modified, removed, renamed, copied, changed, unchanged */
  status: string;
}

const KEPT_STATUSES = new Set(["added", "modified", "renamed", "copied", "changed"]);

/** The `<plan-dir>/<bucket>/plan.json` files a push added or changed (not removed ones), sorted. */
export function selectChangedPlanFiles(files: readonly ChangedFile[], planDir: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(planDir)}/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/plan\\.json$`);
  const selected = new Set<string>();
  for (const file of files) if (KEPT_STATUSES.has(file.status) && pattern.test(file.filename)) selected.add(file.filename);
  return [...selected].sort();
}

/** Push payload commits (the fallback when the compare API is unavailable): last status of each path wins. */
export function filesFromPushCommits(commits: readonly { added?: string[]; modified?: string[]; removed?: string[] }[]): ChangedFile[] {
  const status = new Map<string, string>();
  for (const commit of commits) {
    for (const filename of commit.added ?? []) status.set(filename, "added");
    for (const filename of commit.modified ?? []) status.set(filename, "modified");
    for (const filename of commit.removed ?? []) status.set(filename, "removed");
  }
  return [...status].map(([filename, fileStatus]) => ({ filename, status: fileStatus }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
