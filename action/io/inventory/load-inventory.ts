/**
 * Reads an inventory report's manifest.json, from a local copy in the `aws s3 sync` layout or from S3
 * (load-s3-inventory.ts, loaded only then), checks it (and manifest.checksum when present), and lists
 * its data files as sources to scan.
 */
import { access, readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { ManifestError } from "../../contracts/errors.ts";
import { parseInventoryManifest, type InventoryManifest } from "../../core/inventory/inventory-manifest.ts";
import type { DataFileSource } from "./data-file-source.ts";
import { checkManifestChecksum, md5, type LoadContext, type LoadedInventory } from "./loaded-inventory.ts";

export async function loadInventory(location: string, context: LoadContext): Promise<LoadedInventory> {
  if (location.startsWith("s3://")) {
    const { loadS3Inventory } = await import("./load-s3-inventory.ts");
    return loadS3Inventory(location, context);
  }
  return loadLocalInventory(location);
}

async function loadLocalInventory(path: string): Promise<LoadedInventory> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ManifestError(path, undefined, `${path}: cannot read the inventory manifest (${code ?? (error as Error).message}). Check the --inventory path.`, { cause: error });
  }
  const manifestMd5 = md5(bytes);
  const checksum = await readFile(join(dirname(path), "manifest.checksum"), "utf8").catch(() => undefined);
  checkManifestChecksum(path, manifestMd5, checksum);
  const manifest = parseInventoryManifest(bytes, path);
  const root = await findLocalRoot(path, manifest);
  return {
    display: path,
    planManifest: relative(root, path).split(sep).join("/"),
    manifestMd5,
    manifest,
    dataFiles: manifest.files.map((file) => {
      const filePath = join(root, file.key);
      return { kind: "local", path: filePath, display: filePath };
    }),
  };
}

/** The folder that data file keys are relative to: the manifest's folder or one of its parents. */
async function findLocalRoot(path: string, manifest: InventoryManifest): Promise<string> {
  const candidates: string[] = [];
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    candidates.push(folder);
    if (dirname(folder) === folder) break;
  }
  const first = manifest.files[0];
  if (first === undefined) {
    // No data files: take the folder above <sourceBucket>/<configId>/<timestamp>/.
    return candidates[3] ?? candidates[candidates.length - 1]!;
  }
  for (const candidate of candidates) {
    if (await access(join(candidate, first.key)).then(() => true, () => false)) return candidate;
  }
  throw new ManifestError(
    path,
    "files[0].key",
    `${path}: data file "${first.key}" (files[0].key) is not under the manifest's folder or any parent. ` +
      "Copy the whole inventory destination with aws s3 sync, keeping its layout, and point --inventory at the copied manifest.json.",
  );
}
