/**
 * CreateJob's documented constraints (API_control_CreateJob and the shapes it uses), checked on the
 * parsed request. Violations are reported in AWS's validation wording:
 * "1 validation error detected: Value 'x' at 'roleArn' failed to satisfy constraint: Member must ...".
 */
import { S3ControlError } from "./s3-control-error.ts";
import { xmlGet, xmlMembers, xmlString, type XmlNode, type XmlObject } from "./xml-codec.ts";

export const OPERATION_NAMES = [
  "LambdaInvoke",
  "S3PutObjectCopy",
  "S3PutObjectAcl",
  "S3PutObjectTagging",
  "S3DeleteObjectTagging",
  "S3InitiateRestoreObject",
  "S3PutObjectLegalHold",
  "S3PutObjectRetention",
  "S3ReplicateObject",
  "S3ComputeObjectChecksum",
  "S3UpdateObjectEncryption",
] as const;

const PATTERNS = {
  accountId: /^\d{12}$/,
  roleArn: /^arn:[^:]+:iam::\d{12}:role\/.*$/,
  s3Arn: /^arn:[^:]+:s3:.*$/,
  copyTarget: /^arn:[^:]+:(s3|s3express):.*$/,
  kmsKeyArn: /^arn:aws[a-zA-Z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-zA-Z0-9-]+$/,
  tag: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
};
const STORAGE_CLASSES = ["STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"];
const CANNED_ACLS = ["private", "public-read", "public-read-write", "aws-exec-read", "authenticated-read", "bucket-owner-read", "bucket-owner-full-control"];
const CHECKSUMS = ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"];
const MAX_PRIORITY = 2147483647;

class Checker {
  readonly violations: string[] = [];

  value(node: XmlNode | undefined, at: string, rules: { required?: boolean; min?: number; max?: number; pattern?: RegExp; oneOf?: readonly string[] }): string | undefined {
    const text = xmlString(node);
    if (node !== undefined && text === undefined) {
      this.violations.push(`Value at '${at}' failed to satisfy constraint: Member must be a string`);
      return undefined;
    }
    if (text === undefined) {
      if (rules.required === true) this.violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    const fail = (rule: string): void => void this.violations.push(`Value '${text}' at '${at}' failed to satisfy constraint: ${rule}`);
    if (rules.min !== undefined && text.length < rules.min) fail(`Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && text.length > rules.max) fail(`Member must have length less than or equal to ${rules.max}`);
    if (rules.pattern !== undefined && !rules.pattern.test(text)) fail(`Member must satisfy regular expression pattern: ${patternSource(rules.pattern)}`);
    if (rules.oneOf !== undefined && !rules.oneOf.includes(text)) fail(`Member must satisfy enum value set: [${rules.oneOf.join(", ")}]`);
    return text;
  }

  boolean(node: XmlNode | undefined, at: string, required = false): void {
    const text = this.value(node, at, { required });
    if (text !== undefined && text !== "true" && text !== "false") this.violations.push(`Value '${text}' at '${at}' failed to satisfy constraint: Member must be a boolean`);
  }

  tags(node: XmlNode | undefined, at: string): void {
    xmlMembers(node).forEach((tag, i) => {
      this.value(xmlGet(tag, "Key"), `${at}.${i + 1}.member.key`, { required: true, min: 1, max: 128, pattern: PATTERNS.tag });
      this.value(xmlGet(tag, "Value") ?? (xmlGet(tag, "Key") === undefined ? undefined : ""), `${at}.${i + 1}.member.value`, { required: true, max: 256, pattern: PATTERNS.tag });
    });
  }

  rule(ok: boolean, message: string): void {
    if (!ok) this.violations.push(message);
  }
}

/** Throws 400 InvalidRequest listing every violated constraint; returns the operation's name. */
export function validateCreateJob(request: XmlObject, accountId: string | undefined): (typeof OPERATION_NAMES)[number] {
  const c = new Checker();
  c.value(accountId, "accountId", { required: true, max: 64, pattern: PATTERNS.accountId });
  c.value(request.ClientRequestToken, "clientRequestToken", { required: true, min: 1, max: 64 });
  c.value(request.Description, "description", { min: 1, max: 256 });
  c.value(request.RoleArn, "roleArn", { required: true, min: 1, max: 2048, pattern: PATTERNS.roleArn });
  c.boolean(request.ConfirmationRequired, "confirmationRequired");
  const priority = c.value(request.Priority, "priority", { required: true });
  if (priority !== undefined && !(/^\d+$/.test(priority) && Number(priority) <= MAX_PRIORITY)) {
    c.rule(false, `Value '${priority}' at 'priority' failed to satisfy constraint: Member must have value between 0 and ${MAX_PRIORITY}`);
  }
  c.tags(request.Tags, "tags");
  checkReport(c, request.Report);
  checkManifest(c, request);
  const operation = checkOperation(c, request.Operation);
  if (c.violations.length > 0) {
    const count = c.violations.length;
    throw S3ControlError.invalidRequest(`${count} validation error${count === 1 ? "" : "s"} detected: ${c.violations.join("; ")}`);
  }
  return operation ?? "S3UpdateObjectEncryption";
}

function checkReport(c: Checker, report: XmlNode | undefined): void {
  if (report === undefined) return c.rule(false, "Value null at 'report' failed to satisfy constraint: Member must not be null");
  c.boolean(xmlGet(report, "Enabled"), "report.enabled", true);
  const enabled = xmlString(xmlGet(report, "Enabled")) === "true";
  c.value(xmlGet(report, "Bucket"), "report.bucket", { required: enabled, min: 1, max: 128, pattern: PATTERNS.s3Arn });
  c.value(xmlGet(report, "Format"), "report.format", { required: enabled, oneOf: ["Report_CSV_20180820"] });
  c.value(xmlGet(report, "Prefix"), "report.prefix", { min: 1, max: 512 });
  c.value(xmlGet(report, "ReportScope"), "report.reportScope", { oneOf: ["AllTasks", "FailedTasksOnly"] });
  c.value(xmlGet(report, "ExpectedBucketOwner"), "report.expectedBucketOwner", { max: 64, pattern: PATTERNS.accountId });
}

function checkManifest(c: Checker, request: XmlObject): void {
  const manifest = request.Manifest;
  const generator = request.ManifestGenerator;
  if ((manifest === undefined) === (generator === undefined)) {
    return c.rule(false, "Exactly one of Manifest or ManifestGenerator must be specified.");
  }
  if (manifest === undefined) return;
  const format = c.value(xmlGet(manifest, "Spec", "Format"), "manifest.spec.format", {
    required: true,
    oneOf: ["S3BatchOperations_CSV_20180820", "S3InventoryReport_CSV_20161130"],
  });
  const fields = xmlMembers(xmlGet(manifest, "Spec", "Fields")).map((f, i) =>
    c.value(f, `manifest.spec.fields.${i + 1}.member`, { oneOf: ["Ignore", "Bucket", "Key", "VersionId"] }),
  );
  if (format === "S3BatchOperations_CSV_20180820") {
    c.rule(
      fields.filter((f) => f === "Bucket").length === 1 && fields.filter((f) => f === "Key").length === 1 && fields.filter((f) => f === "VersionId").length <= 1,
      "Invalid manifest spec: Fields must name the Bucket and Key columns exactly once (and VersionId at most once) for S3BatchOperations_CSV_20180820.",
    );
  }
  if (format === "S3InventoryReport_CSV_20161130") {
    c.rule(fields.length === 0, "Invalid manifest spec: Fields must not be set for S3InventoryReport_CSV_20161130; the inventory manifest names its columns.");
  }
  c.value(xmlGet(manifest, "Location", "ObjectArn"), "manifest.location.objectArn", { required: true, min: 1, max: 2000, pattern: PATTERNS.s3Arn });
  c.value(xmlGet(manifest, "Location", "ETag"), "manifest.location.eTag", { required: true, min: 1, max: 1024 });
  c.value(xmlGet(manifest, "Location", "ObjectVersionId"), "manifest.location.objectVersionId", { min: 1, max: 2000 });
}

function checkOperation(c: Checker, operation: XmlNode | undefined): (typeof OPERATION_NAMES)[number] | undefined {
  if (operation === undefined) {
    c.rule(false, "Value null at 'operation' failed to satisfy constraint: Member must not be null");
    return undefined;
  }
  const names = typeof operation === "object" && !Array.isArray(operation) ? Object.keys(operation) : [];
  const unknown = names.filter((n) => !(OPERATION_NAMES as readonly string[]).includes(n));
  c.rule(unknown.length === 0, `Unknown operation ${unknown.join(", ")}: expected one of ${OPERATION_NAMES.join(", ")}.`);
  if (names.length !== 1) {
    c.rule(false, `Exactly one operation must be specified in 'operation' (found ${names.length}: ${names.join(", ") || "none"}).`);
    return undefined;
  }
  const name = names[0] as (typeof OPERATION_NAMES)[number];
  const body = xmlGet(operation, name);
  if (name === "S3UpdateObjectEncryption") {
    const sseKms = xmlGet(body, "ObjectEncryption", "SSE-KMS");
    c.rule(sseKms !== undefined, "Value null at 'operation.s3UpdateObjectEncryption.objectEncryption.sSEKMS' failed to satisfy constraint: Member must not be null");
    if (sseKms !== undefined) {
      const at = "operation.s3UpdateObjectEncryption.objectEncryption.sSEKMS";
      c.value(xmlGet(sseKms, "KMSKeyArn"), `${at}.kMSKeyArn`, { required: true, min: 20, max: 2048, pattern: PATTERNS.kmsKeyArn });
      c.boolean(xmlGet(sseKms, "BucketKeyEnabled"), `${at}.bucketKeyEnabled`);
    }
  }
  if (name === "S3PutObjectCopy") checkCopy(c, body);
  return name;
}

function checkCopy(c: Checker, copy: XmlNode | undefined): void {
  const at = "operation.s3PutObjectCopy";
  c.value(xmlGet(copy, "TargetResource"), `${at}.targetResource`, { required: true, min: 1, max: 128, pattern: PATTERNS.copyTarget });
  c.value(xmlGet(copy, "StorageClass"), `${at}.storageClass`, { oneOf: STORAGE_CLASSES });
  c.value(xmlGet(copy, "MetadataDirective"), `${at}.metadataDirective`, { oneOf: ["COPY", "REPLACE"] });
  c.value(xmlGet(copy, "CannedAccessControlList"), `${at}.cannedAccessControlList`, { oneOf: CANNED_ACLS });
  c.value(xmlGet(copy, "SSEAwsKmsKeyId"), `${at}.sSEAwsKmsKeyId`, { min: 1, max: 2000 });
  c.value(xmlGet(copy, "TargetKeyPrefix"), `${at}.targetKeyPrefix`, { min: 1, max: 1024 });
  c.value(xmlGet(copy, "ChecksumAlgorithm"), `${at}.checksumAlgorithm`, { oneOf: CHECKSUMS });
  c.value(xmlGet(copy, "ObjectLockMode"), `${at}.objectLockMode`, { oneOf: ["COMPLIANCE", "GOVERNANCE"] });
  c.value(xmlGet(copy, "ObjectLockLegalHoldStatus"), `${at}.objectLockLegalHoldStatus`, { oneOf: ["OFF", "ON"] });
  c.value(xmlGet(copy, "NewObjectMetadata", "SSEAlgorithm"), `${at}.newObjectMetadata.sSEAlgorithm`, { oneOf: ["AES256", "KMS"] });
  c.boolean(xmlGet(copy, "BucketKeyEnabled"), `${at}.bucketKeyEnabled`);
  c.boolean(xmlGet(copy, "RequesterPays"), `${at}.requesterPays`);
  c.tags(xmlGet(copy, "NewObjectTagging"), `${at}.newObjectTagging`);
}

function patternSource(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "").replace(/\\\//g, "/");
}
