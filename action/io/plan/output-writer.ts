/**
 * The output folder, written safely: everything is built in a staging folder beside it, and moved in
 * only when the whole run succeeded, plan.json last. A failed run leaves the output folder untouched.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export interface Staging {
  dir: string;
  manifestsDir: string;
  partsDir: string;
}

export async function createStaging(outDir: string): Promise<Staging> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const dir = await mkdtemp(join(dirname(target), `.${basename(target)}.bucket-keys-`));
  const staging = { dir, manifestsDir: join(dir, "manifests"), partsDir: join(dir, "parts") };
  await mkdir(staging.manifestsDir);
  await mkdir(staging.partsDir);
  return staging;
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
