/**
 * The output folder, written safely: everything is built in a staging folder beside it, and moved in
 * only when the whole run succeeded, plan.json last. A failed run leaves the output folder untouched.
 *
 * A run killed before it could clean up (SIGKILL, a runner cancelled) leaves its staging folder
 * behind; each staging folder says who made it (its name carries the pid and a hash of the host from
 * the moment it exists, owner.json adds the start time), and the next run on the same output folder
 * removes the ones whose process is gone, and names the others.
 */
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export interface Staging {
  dir: string;
  manifestsDir: string;
  partsDir: string;
}

/** A staging folder whose name carries no owner (an older version's) is removed once it is this old. */
const UNOWNED_STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const OWNER_FILE = "owner.json";

interface Owner {
  pid: number;
  /** A hash of the host name (hostTag). */
  host: string;
  started: string | undefined;
}

/** 8 hex characters naming this host in staging folder names. */
function hostTag(): string {
  return createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
}

export interface StagingSweep {
  removed: { dir: string; why: string }[];
  kept: { dir: string; why: string }[];
}

function stagingPrefix(outDir: string): string {
  return `.${basename(resolve(outDir))}.bucket-keys-`;
}

export async function createStaging(outDir: string): Promise<Staging> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  // The owner is in the name from the start, so a run killed at any point can be told apart.
  const dir = await mkdtemp(join(dirname(target), `${stagingPrefix(outDir)}${process.pid}.${hostTag()}-`));
  const owner = { pid: process.pid, host: hostTag(), hostname: hostname(), started: new Date().toISOString() };
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  const staging = { dir, manifestsDir: join(dir, "manifests"), partsDir: join(dir, "parts") };
  await mkdir(staging.manifestsDir);
  await mkdir(staging.partsDir);
  return staging;
}

/** Removes the staging folders of `outDir` that earlier runs left behind and whose process is gone. */
export async function sweepStaleStaging(outDir: string, now: number = Date.now()): Promise<StagingSweep> {
  const parent = dirname(resolve(outDir));
  const prefix = stagingPrefix(outDir);
  const sweep: StagingSweep = { removed: [], kept: [] };
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(prefix))) {
    const dir = join(parent, name);
    const owner = await readOwner(dir, name.slice(prefix.length));
    let stale: string | undefined;
    if (owner === undefined) {
      const age = now - (await stat(dir).then((stats) => stats.mtimeMs, () => now));
      if (age >= UNOWNED_STALE_AFTER_MS) stale = `left by an earlier run, last changed ${new Date(now - age).toISOString()}`;
      else sweep.kept.push({ dir, why: "it does not say which run made it and changed in the last 24 hours; remove it once no other run uses it" });
    } else if (owner.host !== hostTag()) {
      sweep.kept.push({ dir, why: `it belongs to pid ${owner.pid} on another host${startedOf(owner)}; remove it once that run is gone` });
    } else if (isAlive(owner.pid)) {
      sweep.kept.push({ dir, why: `pid ${owner.pid}${startedOf(owner)} is still running and writes to the same output folder` });
    } else {
      stale = `left by pid ${owner.pid}${startedOf(owner)}, which stopped before it could clean up`;
    }
    if (stale !== undefined) {
      await rm(dir, { recursive: true, force: true });
      sweep.removed.push({ dir, why: stale });
    }
  }
  return sweep;
}

/** Writes plan.md and plan.json into staging, then moves manifests/, plan.md and plan.json (last) into outDir. */
export async function commitOutput(staging: Staging, outDir: string, files: { planMarkdown: string; planJson: string }): Promise<void> {
  await rm(staging.partsDir, { recursive: true, force: true });
  await writeFile(join(staging.dir, "plan.md"), files.planMarkdown);
  await writeFile(join(staging.dir, "plan.json"), files.planJson);
  await mkdir(outDir, { recursive: true });
  // No plan.json may point at manifests it does not describe, even for a moment.
  await rm(join(outDir, "plan.json"), { force: true });
  const oldManifests = join(staging.dir, "old-manifests");
  await rename(join(outDir, "manifests"), oldManifests).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging.manifestsDir, join(outDir, "manifests"));
  await rename(join(staging.dir, "plan.md"), join(outDir, "plan.md"));
  await rename(join(staging.dir, "plan.json"), join(outDir, "plan.json"));
  await discardStaging(staging);
}

export async function discardStaging(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
}

/** Who made a staging folder: from its name (`<pid>.<host tag>-<random>`), with owner.json's start time when it was written. */
async function readOwner(dir: string, suffix: string): Promise<Owner | undefined> {
  const named = /^(\d+)\.([0-9a-f]{8})-/.exec(suffix);
  if (!named) return undefined;
  const owner: Owner = { pid: Number(named[1]), host: named[2]!, started: undefined };
  try {
    const record = JSON.parse(await readFile(join(dir, OWNER_FILE), "utf8")) as { started?: unknown };
    if (typeof record.started === "string") owner.started = record.started;
  } catch {
    // Killed before owner.json was written: the name is enough.
  }
  return owner;
}

function startedOf(owner: Owner): string {
  return owner.started === undefined ? "" : `, started ${owner.started}`;
}

/** Whether a process with this id runs on this host (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
