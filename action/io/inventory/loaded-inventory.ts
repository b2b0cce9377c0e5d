/**
 * What loading an inventory report yields, and the checks the local and the S3 loader share
 * (load-inventory.ts, load-s3-inventory.ts).
 */
import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { ChecksumMismatchError } from "../../contracts/errors.ts";
import type { InventoryManifest } from "../../core/inventory/inventory-manifest.ts";
import type { DataFileSource } from "./data-file-source.ts";
import type { S3ClientSettings } from "../aws/s3-client.ts";

export interface LoadedInventory {
  /** The manifest as the user named it, for messages. */
  display: string;
  /** plan.json's inventories[].manifest: the s3:// URI, or the path relative to the local root. */
  planManifest: string;
  manifestMd5: string;
  manifest: InventoryManifest;
  dataFiles: DataFileSource[];
}

export interface LoadContext {
  /** The caller's client, for manifest reads (created on first use). */
  s3: () => Promise<S3Client>;
  /** Settings scan workers use to build their own clients. */
  clientSettings: S3ClientSettings;
}

export function checkManifestChecksum(file: string, actual: string, checksum: string | undefined): void {
  if (checksum === undefined) return;
  const expected = checksum.trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(expected) && expected !== actual) {
    throw new ChecksumMismatchError(
      file,
      expected,
      actual,
      `${file}: MD5 mismatch (manifest.checksum ${expected}, manifest.json ${actual}). ` +
        "manifest.json changed after S3 wrote it, or was copied incompletely; re-sync the inventory folder and run again.",
    );
  }
}

export function md5(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("hex");
}
