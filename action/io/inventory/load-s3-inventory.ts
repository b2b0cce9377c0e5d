/** Reads an inventory report's manifest.json from S3 (see load-inventory.ts). */
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseInventoryManifest } from "../../core/inventory/inventory-manifest.ts";
import { checkManifestChecksum, md5, type LoadContext, type LoadedInventory } from "./loaded-inventory.ts";
import { s3CallError } from "../aws/s3-call-error.ts";
import { parseS3Uri } from "../aws/s3-client.ts";

export async function loadS3Inventory(uri: string, context: LoadContext): Promise<LoadedInventory> {
  const { bucket, key } = parseS3Uri(uri);
  const client = await context.s3();
  const bytes = await getBytes(client, bucket, key);
  const manifestMd5 = md5(bytes);
  const checksumKey = key.replace(/manifest\.json$/, "manifest.checksum");
  const checksum = await getBytes(client, bucket, checksumKey).then(
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

async function getBytes(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await response.Body!.transformToByteArray());
  } catch (error) {
    throw s3CallError(error, "GetObject", bucket, key);
  }
}
