/** Reads an inventory report's manifest.json from S3 (see load-inventory.ts). */
import type { S3Client } from "@aws-sdk/client-s3";
import { parseInventoryManifest } from "../../core/inventory/inventory-manifest.ts";
import { networkTimeouts } from "../../core/settings/network-timeouts.ts";
import { checkManifestChecksum, md5, type LoadContext, type LoadedInventory } from "./loaded-inventory.ts";
import { parseS3Uri } from "../aws/s3-client.ts";
import { readS3Object } from "../aws/s3-object-read.ts";

export async function loadS3Inventory(uri: string, context: LoadContext): Promise<LoadedInventory> {
  const { bucket, key } = parseS3Uri(uri);
  const client = await context.s3();
  const idleMs = (context.clientSettings.timeouts ?? networkTimeouts()).idleMs;
  const bytes = await getBytes(client, bucket, key, idleMs);
  const manifestMd5 = md5(bytes);
  const checksumKey = key.replace(/manifest\.json$/, "manifest.checksum");
  const checksum = await getBytes(client, bucket, checksumKey, idleMs).then(
    (body) => body.toString("utf8"),
    (error) => {
      if ((error as { awsCode?: string }).awsCode === "NoSuchKey") return undefined;
      throw error;
    },
  );
  checkManifestChecksum(uri, manifestMd5, checksum);
  const manifest = parseInventoryManifest(bytes, uri);
  return {
    display: uri,
    planManifest: uri,
    manifestMd5,
    manifest,
    dataFiles: manifest.files.map((file) => ({
      kind: "s3",
      bucket,
      key: file.key,
      display: `s3://${bucket}/${file.key}`,
      client: context.clientSettings,
    })),
  };
}

/** The whole object (a manifest.json is small), its body resumed if it breaks off. */
async function getBytes(client: S3Client, bucket: string, key: string, idleMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readS3Object(client, { bucket, key, idleMs })) chunks.push(chunk);
  return Buffer.concat(chunks);
}
