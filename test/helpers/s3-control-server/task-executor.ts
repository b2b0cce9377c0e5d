/**
 * Runs one Batch Operations task against the S3 server with the real SDK, as Batch Operations does
 * ("S3 Batch Operations passes every object to the underlying CopyObject API operation";
 * S3UpdateObjectEncryption calls UpdateObjectEncryption on the manifest's version), and turns the
 * answer into the task's outcome: succeeded, or the S3 error code and HTTP status.
 *
 * S3PutObjectCopy maps the job's fields as the SDK-v1 CopyObjectRequest that S3CopyObjectOperation
 * mirrors would (INFERRED, see docs/test-servers.md): SSEAwsKmsKeyId sends aws:kms with that key;
 * NewObjectMetadata replaces the metadata (directive REPLACE, SSEAlgorithm as the encryption);
 * NewObjectTagging replaces the tags; UnModifiedSinceConstraint becomes
 * x-amz-copy-source-if-unmodified-since. Operations not simulated only check the object exists.
 */
import {
  CopyObjectCommand,
  DeleteObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectRetentionCommand,
  PutObjectTaggingCommand,
  UpdateObjectEncryptionCommand,
  type CopyObjectCommandInput,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { BatchJob, BatchTask, TaskOutcome } from "./batch-job.ts";
import { xmlGet, xmlMembers, xmlString, type XmlNode } from "./xml-codec.ts";

const SUCCEEDED: TaskOutcome = { status: "succeeded", httpStatus: 200, resultMessage: "Successful" };

/** The default task-outcome function: perform the task on the S3 server. */
export function s3TaskOutcome(s3: S3Client): (task: BatchTask, job: BatchJob) => Promise<TaskOutcome> {
  return async (task, job) => {
    const versionId = task.versionId === undefined || task.versionId === "" ? undefined : task.versionId;
    const body = xmlGet(job.request.Operation, job.operation);
    try {
      switch (job.operation) {
        case "S3UpdateObjectEncryption": {
          const sseKms = xmlGet(body, "ObjectEncryption", "SSE-KMS");
          await s3.send(new UpdateObjectEncryptionCommand({
            Bucket: task.bucket,
            Key: task.key,
            VersionId: versionId,
            ObjectEncryption: { SSEKMS: { KMSKeyArn: xmlString(xmlGet(sseKms, "KMSKeyArn")) ?? "", BucketKeyEnabled: xmlString(xmlGet(sseKms, "BucketKeyEnabled")) === "true" } },
          }));
          break;
        }
        case "S3PutObjectCopy":
          await s3.send(new CopyObjectCommand(copyInput(task, versionId, body)));
          break;
        case "S3PutObjectTagging":
          await s3.send(new PutObjectTaggingCommand({ Bucket: task.bucket, Key: task.key, VersionId: versionId, Tagging: { TagSet: tagsOf(xmlGet(body, "TagSet")) } }));
          break;
        case "S3DeleteObjectTagging":
          await s3.send(new DeleteObjectTaggingCommand({ Bucket: task.bucket, Key: task.key, VersionId: versionId }));
          break;
        case "S3PutObjectLegalHold":
          await s3.send(new PutObjectLegalHoldCommand({ Bucket: task.bucket, Key: task.key, VersionId: versionId, LegalHold: { Status: xmlString(xmlGet(body, "LegalHold", "Status")) as "ON" | "OFF" } }));
          break;
        case "S3PutObjectRetention": {
          const until = xmlString(xmlGet(body, "Retention", "RetainUntilDate"));
          await s3.send(new PutObjectRetentionCommand({
            Bucket: task.bucket,
            Key: task.key,
            VersionId: versionId,
            BypassGovernanceRetention: xmlString(xmlGet(body, "BypassGovernanceRetention")) === "true",
            Retention: { Mode: xmlString(xmlGet(body, "Retention", "Mode")) as "GOVERNANCE" | "COMPLIANCE" | undefined, RetainUntilDate: until === undefined ? undefined : new Date(until) },
          }));
          break;
        }
        default:
          await s3.send(new HeadObjectCommand({ Bucket: task.bucket, Key: task.key, VersionId: versionId }));
      }
      return SUCCEEDED;
    } catch (error) {
      return failedOutcome(error);
    }
  };
}

function copyInput(task: BatchTask, versionId: string | undefined, copy: XmlNode | undefined): CopyObjectCommandInput {
  const field = (...path: string[]): string | undefined => xmlString(xmlGet(copy, ...path));
  const date = (name: string): Date | undefined => (field(name) === undefined ? undefined : new Date(field(name) ?? ""));
  const target = (field("TargetResource") ?? "").replace(/^arn:[^:]+:s3:::/, "");
  const source = `${task.bucket}/${encodeURIComponent(task.key).replace(/%2F/g, "/")}${versionId === undefined ? "" : `?versionId=${encodeURIComponent(versionId)}`}`;
  const metadata = xmlGet(copy, "NewObjectMetadata");
  const tagging = xmlGet(copy, "NewObjectTagging");
  const keyId = field("SSEAwsKmsKeyId");
  const sseAlgorithm = field("NewObjectMetadata", "SSEAlgorithm");
  const input: CopyObjectCommandInput = {
    Bucket: target,
    Key: `${field("TargetKeyPrefix") ?? ""}${task.key}`,
    CopySource: source,
    StorageClass: field("StorageClass") as CopyObjectCommandInput["StorageClass"],
    MetadataDirective: (field("MetadataDirective") ?? (metadata === undefined ? undefined : "REPLACE")) as CopyObjectCommandInput["MetadataDirective"],
    ServerSideEncryption: keyId !== undefined || sseAlgorithm === "KMS" ? "aws:kms" : sseAlgorithm === "AES256" ? "AES256" : undefined,
    SSEKMSKeyId: keyId,
    BucketKeyEnabled: field("BucketKeyEnabled") === undefined ? undefined : field("BucketKeyEnabled") === "true",
    CopySourceIfUnmodifiedSince: date("UnModifiedSinceConstraint"),
    CopySourceIfModifiedSince: date("ModifiedSinceConstraint"),
    WebsiteRedirectLocation: field("RedirectLocation"),
    ACL: field("CannedAccessControlList") as CopyObjectCommandInput["ACL"],
    RequestPayer: field("RequesterPays") === "true" ? "requester" : undefined,
    ObjectLockMode: field("ObjectLockMode") as CopyObjectCommandInput["ObjectLockMode"],
    ObjectLockRetainUntilDate: date("ObjectLockRetainUntilDate"),
    ObjectLockLegalHoldStatus: field("ObjectLockLegalHoldStatus") as CopyObjectCommandInput["ObjectLockLegalHoldStatus"],
    ChecksumAlgorithm: field("ChecksumAlgorithm") as CopyObjectCommandInput["ChecksumAlgorithm"],
  };
  if (metadata !== undefined) {
    Object.assign(input, {
      CacheControl: field("NewObjectMetadata", "CacheControl"),
      ContentDisposition: field("NewObjectMetadata", "ContentDisposition"),
      ContentEncoding: field("NewObjectMetadata", "ContentEncoding"),
      ContentLanguage: field("NewObjectMetadata", "ContentLanguage"),
      ContentType: field("NewObjectMetadata", "ContentType"),
      Expires: field("NewObjectMetadata", "HttpExpiresDate") === undefined ? undefined : new Date(field("NewObjectMetadata", "HttpExpiresDate") ?? ""),
      Metadata: Object.fromEntries(entriesOf(xmlGet(metadata, "UserMetadata"))),
    });
  }
  if (tagging !== undefined) {
    input.TaggingDirective = "REPLACE";
    input.Tagging = new URLSearchParams(tagsOf(tagging).map((tag): [string, string] => [tag.Key, tag.Value])).toString();
  }
  return input;
}

function tagsOf(node: XmlNode | undefined): Array<{ Key: string; Value: string }> {
  return xmlMembers(node).map((tag) => ({ Key: xmlString(xmlGet(tag, "Key")) ?? "", Value: xmlString(xmlGet(tag, "Value")) ?? "" }));
}

/** `<entry><key/><value/></entry>` map entries. */
function entriesOf(node: XmlNode | undefined): Array<[string, string]> {
  const entries = node !== undefined && typeof node === "object" && !Array.isArray(node) ? node.entry : undefined;
  const list = Array.isArray(entries) ? entries : entries === undefined ? [] : [entries];
  return list.map((entry) => [xmlString(xmlGet(entry, "key")) ?? "", xmlString(xmlGet(entry, "value")) ?? ""]);
}

export function failedOutcome(error: unknown): TaskOutcome {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const httpStatus = e.$metadata?.httpStatusCode ?? 500;
  // HEAD errors carry no body: the SDK names them by status only.
  if (e.name === "NotFound" || (httpStatus === 404 && e.name === "UnknownError")) return { status: "failed", httpStatus: 404, errorCode: "NoSuchKey", resultMessage: "The specified key does not exist." };
  if (e.name === "Forbidden") return { status: "failed", httpStatus: 403, errorCode: "AccessDenied", resultMessage: "Access Denied" };
  return { status: "failed", httpStatus, errorCode: e.name ?? "InternalError", resultMessage: e.message ?? String(error) };
}
