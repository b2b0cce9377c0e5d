/**
 * CreateMultipartUpload, UploadPart, AbortMultipartUpload and ListParts (UG "Uploading and copying
 * objects using multipart upload"). The upload keeps the object's attributes from its creation;
 * parts are files until CompleteMultipartUpload. A part's checksum must use the upload's algorithm.
 */
import { randomBytes } from "node:crypto";
import { unlink } from "node:fs/promises";
import { declaredChecksum } from "./body-receiver.ts";
import { receiveToFile } from "./body-file.ts";
import { checksumHeader, checksumTypeAllowed, parseChecksumAlgorithm, type ChecksumType } from "./checksums.ts";
import { encryptionHeaders, resolveWriteEncryption } from "./encryption.ts";
import { OWNER } from "./bucket-operations.ts";
import { parseTaggingHeader, readContentAttributes, readStorageClass } from "./object-headers.ts";
import type { BucketState, MultipartUpload } from "./object-model.ts";
import { lockForNewVersion } from "./object-lock.ts";
import type { OperationHandler, S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

const MAX_PART_NUMBER = 10000;
const MAX_PART_BYTES = 5 * 1024 ** 3;

export const createMultipartUpload: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const algorithmHeader = request.header("x-amz-checksum-algorithm");
  const typeHeader = request.header("x-amz-checksum-type");
  const checksumAlgorithm = algorithmHeader === undefined ? undefined : parseChecksumAlgorithm(algorithmHeader);
  if (typeHeader !== undefined && typeHeader !== "FULL_OBJECT" && typeHeader !== "COMPOSITE") throw S3Error.invalidRequest(`Value for x-amz-checksum-type header is invalid: ${typeHeader}`);
  if (typeHeader !== undefined && checksumAlgorithm === undefined) throw S3Error.invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
  const checksumType: ChecksumType | undefined = checksumAlgorithm === undefined ? undefined : ((typeHeader as ChecksumType | undefined) ?? (checksumAlgorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE"));
  if (checksumAlgorithm !== undefined && checksumType !== undefined && !checksumTypeAllowed(checksumAlgorithm, checksumType)) {
    throw S3Error.invalidRequest(`The ${checksumType} checksum type cannot be used with the ${checksumAlgorithm.toLowerCase()} checksum algorithm.`);
  }
  const explicitLock = ["x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold"].some((h) => request.header(h) !== undefined);
  const upload: MultipartUpload = {
    uploadId: randomBytes(36).toString("base64url"),
    key: request.key ?? "",
    initiated: server.store.now(),
    attributes: readContentAttributes(request),
    tags: parseTaggingHeader(request.header("x-amz-tagging")),
    storageClass: readStorageClass(request),
    encryption: resolveWriteEncryption(request, bucket, server.store.accountId),
    lock: lockForNewVersion(request, bucket, server.store.now(), { integrityHeader: false }),
    explicitLock,
    checksumAlgorithm,
    checksumType,
    parts: new Map(),
  };
  bucket.uploads.set(upload.uploadId, upload);
  return {
    status: 200,
    headers: { ...encryptionHeaders(upload.encryption), "x-amz-checksum-algorithm": checksumAlgorithm, "x-amz-checksum-type": checksumType },
    xml: { root: "InitiateMultipartUploadResult", content: { Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId } },
  };
};

export const uploadPart: OperationHandler = async (request, server) => {
  const { upload } = findUpload(request, server);
  const partNumber = Number(request.query.get("partNumber"));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", request.query.get("partNumber") ?? "");
  }
  const declared = declaredChecksum(request);
  if (upload.checksumAlgorithm !== undefined && declared !== undefined && declared.algorithm !== upload.checksumAlgorithm) {
    throw S3Error.invalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${declared.algorithm.toLowerCase()}`);
  }
  const body = await receiveToFile(request, server, { compute: upload.checksumAlgorithm, maxBytes: MAX_PART_BYTES });
  const previous = upload.parts.get(partNumber);
  const checksum = body.checksum !== undefined && (upload.checksumAlgorithm === undefined || body.checksum.algorithm === upload.checksumAlgorithm) ? body.checksum.value : undefined;
  upload.parts.set(partNumber, { partNumber, bodyPath: body.bodyPath, size: body.size, etag: body.md5Hex, checksum, lastModified: server.store.now() });
  if (previous !== undefined) await unlink(previous.bodyPath).catch(() => undefined);
  const headers: Record<string, string | undefined> = { etag: `"${body.md5Hex}"`, ...encryptionHeaders(upload.encryption) };
  if (body.checksum !== undefined) headers[checksumHeader(body.checksum.algorithm)] = body.checksum.value;
  return { status: 200, headers };
};

export const abortMultipartUpload: OperationHandler = async (request, server) => {
  const { bucket, upload } = findUpload(request, server);
  bucket.uploads.delete(upload.uploadId);
  await Promise.all([...upload.parts.values()].map((part) => unlink(part.bodyPath).catch(() => undefined)));
  return { status: 204 };
};

export const listParts: OperationHandler = async (request, server) => {
  const { bucket, upload } = findUpload(request, server);
  const marker = Number(request.query.get("part-number-marker") ?? "0");
  const maxParts = Math.min(Number(request.query.get("max-parts") ?? "1000") || 1000, 1000);
  const after = [...upload.parts.values()].filter((part) => part.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  return {
    status: 200,
    xml: {
      root: "ListPartsResult",
      content: {
        Bucket: bucket.name,
        Key: upload.key,
        UploadId: upload.uploadId,
        PartNumberMarker: marker,
        NextPartNumberMarker: truncated ? page.at(-1)?.partNumber : undefined,
        MaxParts: maxParts,
        IsTruncated: truncated,
        Part: page.map((part) => ({
          PartNumber: part.partNumber,
          LastModified: part.lastModified,
          ETag: `"${part.etag}"`,
          Size: part.size,
          ...(upload.checksumAlgorithm === undefined || part.checksum === undefined ? {} : { [`Checksum${upload.checksumAlgorithm}`]: part.checksum }),
        })),
        Initiator: OWNER,
        Owner: OWNER,
        StorageClass: upload.storageClass,
        ChecksumAlgorithm: upload.checksumAlgorithm,
        ChecksumType: upload.checksumType,
      },
    },
  };
};

export function findUpload(request: S3Request, server: ServerContext): { bucket: BucketState; upload: MultipartUpload } {
  const bucket = server.store.bucket(request.bucket ?? "");
  const uploadId = request.query.get("uploadId") ?? "";
  const upload = bucket.uploads.get(uploadId);
  if (upload === undefined || upload.key !== request.key) {
    throw new S3Error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", { UploadId: uploadId });
  }
  return { bucket, upload };
}
