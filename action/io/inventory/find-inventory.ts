/**
 * Resolves an `inventory` setting to inventory manifest URIs. An `s3://.../manifest.json` is used as
 * given; any other `s3://` location is an inventory destination prefix, searched for configuration
 * folders (`<prefix>/<source bucket>/<config id>/`) whose newest complete dated report is taken
 * (see inventory-report-choice.ts). Lists with a delimiter, so the data/ folders are never walked.
 */
import { paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { AwsCallError, InputError } from "../../contracts/errors.ts";
import { chooseNewestReport, REPORT_TIMESTAMP, type DatedReport } from "../../core/inventory/inventory-report-choice.ts";
import type { Logger } from "../../contracts/logger.ts";
import { parseS3Location } from "../../core/settings/s3-location.ts";
import { settingName, type SettingSource } from "../../core/settings/setting-source.ts";
import { awsErrorInfo, isAccessDenied } from "../aws/aws-error.ts";

export interface FoundInventory {
  /** s3://bucket/key/manifest.json */
  manifestUri: string;
  /** The configuration folder, `s3://bucket/<prefix>/<source bucket>/<config id>/`. */
  configFolder: string;
  timestamp: string | undefined;
}

/** Destination prefix -> source bucket folder -> config folder -> dated reports: at most 3 levels down. */
const MAX_DEPTH = 3;
const NOT_CONFIG_FOLDERS = new Set(["data", "hive"]);

export async function findInventories(s3: S3Client, inventory: string, source: SettingSource, logger: Logger): Promise<FoundInventory[]> {
  if (/^s3:\/\/[^/]+\/.+\/manifest\.json$/.test(inventory) || /^s3:\/\/[^/]+\/manifest\.json$/.test(inventory)) {
    return [{ manifestUri: inventory, configFolder: inventory.replace(/[^/]+\/manifest\.json$/, "").replace(/[^/]+\/$/, ""), timestamp: undefined }];
  }
  const location = parseS3Location(inventory, "inventory", source);
  const found: FoundInventory[] = [];
  await descend(s3, location.bucket, location.prefix, 0, found, logger);
  if (found.length === 0) {
    throw new InputError(
      "inventory",
      `${settingName("inventory", source)}: no complete inventory report under "${inventory}" (looked for <source bucket>/<config id>/<YYYY-MM-DDTHH-MMZ>/manifest.json up to ${MAX_DEPTH} folders down). Check the inventory destination prefix, or give the s3:// URI of a manifest.json.`,
    );
  }
  return found;
}

async function descend(s3: S3Client, bucket: string, prefix: string, depth: number, found: FoundInventory[], logger: Logger): Promise<void> {
  const { folders } = await listLevel(s3, bucket, prefix);
  const dated = folders.filter((name) => REPORT_TIMESTAMP.test(name));
  if (dated.length > 0) {
    const choice = await chooseReport(s3, bucket, prefix, dated);
    for (const skip of choice.skipped) logger.info(`s3://${bucket}/${prefix}${skip.timestamp}/: skipped, ${skip.reason}`);
    if (choice.timestamp !== undefined) {
      found.push({ manifestUri: `s3://${bucket}/${prefix}${choice.timestamp}/manifest.json`, configFolder: `s3://${bucket}/${prefix}`, timestamp: choice.timestamp });
    }
    return;
  }
  if (depth >= MAX_DEPTH) return;
  for (const folder of folders) {
    if (NOT_CONFIG_FOLDERS.has(folder)) continue;
    await descend(s3, bucket, `${prefix}${folder}/`, depth + 1, found, logger);
  }
}

/** Examines dated folders newest first, stopping at the first finished report. */
async function chooseReport(s3: S3Client, bucket: string, prefix: string, dated: string[]) {
  const examined: DatedReport[] = [];
  for (const timestamp of [...dated].sort().reverse()) {
    const { files } = await listLevel(s3, bucket, `${prefix}${timestamp}/`);
    const report = { timestamp, hasManifest: files.includes("manifest.json"), hasChecksum: files.includes("manifest.checksum") };
    examined.push(report);
    if (report.hasManifest && report.hasChecksum) break;
  }
  return chooseNewestReport(examined);
}

/** One level of a prefix: sub-folder names and file names. */
async function listLevel(s3: S3Client, bucket: string, prefix: string): Promise<{ folders: string[]; files: string[] }> {
  const folders: string[] = [];
  const files: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix, Delimiter: "/" })) {
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) folders.push(common.Prefix.slice(prefix.length, -1));
      for (const object of page.Contents ?? []) if (object.Key) files.push(object.Key.slice(prefix.length));
    }
  } catch (error) {
    const info = awsErrorInfo(error);
    const hint = isAccessDenied(info)
      ? `The credentials need s3:ListBucket on arn:aws:s3:::${bucket} (the planner role of the Pulumi stack has it).`
      : "Check the inventory setting and the region.";
    throw new AwsCallError("ListObjectsV2", info.name, `s3://${bucket}/${prefix}: cannot list the inventory folder (${info.name ?? "error"}: ${info.message}). ${hint}`, { cause: error });
  }
  return { folders, files };
}
