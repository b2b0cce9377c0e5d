/** Turns the inventory setting's entries into manifest.json locations (prefixes are searched in S3). */
import type { S3Client } from "@aws-sdk/client-s3";
import type { Logger } from "../../contracts/logger.ts";
import { findInventories } from "../../io/inventory/find-inventory.ts";

export async function resolveInventories(entries: readonly string[], s3: S3Client, logger: Logger): Promise<string[]> {
  const manifests: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith("s3://") || /\/manifest\.json$/.test(entry)) {
      manifests.push(entry);
      continue;
    }
    const found = await findInventories(s3, entry, "input", logger);
    for (const inventory of found) logger.info(`${entry}: using ${inventory.manifestUri}`);
    manifests.push(...found.map((inventory) => inventory.manifestUri));
  }
  return [...new Set(manifests)];
}
