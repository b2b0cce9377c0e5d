/**
 * The output folder, written safely: everything is built in a staging folder beside it, and moved in
 * only when the whole run succeeded, plan.json last. A failed run leaves the output folder untouched.
 *
 * A run killed before it could clean up (SIGKILL, a runner cancelled) leaves its staging folder
 * behind; each staging folder records who made it (owner.json: pid, host, start), and the next run on
 * the same output folder removes the ones whose process is gone, and names the others.
 */
import { hostname } from "node:os";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export interface Staging {
  dir: string;
  manifestsDir: string;
  partsDir: string;
}

/** A staging folder without an owner record (an older version's) is removed once it is this old. */
const UNOWNED_STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const OWNER_FILE = "owner.json";

interface Owner {
  pid: number;
  host: string;
  started: string;
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
  const dir = await mkdtemp(join(dirname(target), stagingPrefix(outDir)));
  const owner: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
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
    const owner = await readOwner(dir);
    let stale: string | undefined;
    if (owner === undefined) {
      const age = now - (await stat(dir).then((stats) => stats.mtimeMs, () => now));
      if (age >= UNOWNED_STALE_AFTER_MS) stale = `left by an earlier run, last changed ${new Date(now - age).toISOString()}`;
      else sweep.kept.push({ dir, why: "it has no owner record and changed in the last 24 hours; remove it once no other run uses it" });
    } else if (owner.host !== hostname()) {
      sweep.kept.push({ dir, why: `it belongs to pid ${owner.pid} on host ${owner.host} (started ${owner.started}); remove it once that run is gone` });
    } else if (isAlive(owner.pid)) {
      sweep.kept.push({ dir, why: `pid ${owner.pid}, started ${owner.started}, is still running and writes to the same output folder` });
    } else {
      stale = `left by pid ${owner.pid}, started ${owner.started}, which stopped before it could clean up`;
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

async function readOwner(dir: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(dir, OWNER_FILE), "utf8")) as Partial<Owner>;
    return typeof owner.pid === "number" && typeof owner.host === "string" ? { pid: owner.pid, host: owner.host, started: String(owner.started ?? "") } : undefined;
  } catch {
    return undefined;
  }
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
