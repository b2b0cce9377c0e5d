/**
 * CompleteMultipartUpload: the listed parts (ascending, each with its ETag) are concatenated into
 * the new version. ETag = MD5 of the parts' binary MD5s, "-<parts>"; the checksum is COMPOSITE
 * (checksum of the part checksums, "-<parts>") or FULL_OBJECT (of the whole body), or S3's default
 * CRC64NVME when the upload named no algorithm. Every part but the last must be at least 5 MiB.
 */
import { createHash } from "node:crypto";
import { unlink } from "node:fs/promises";
import { readSmallBody } from "./body-receiver.ts";
import { copyBodies } from "./body-file.ts";
import { checksumHeader, compositeChecksum, type StoredChecksum } from "./checksums.ts";
import { encryptionHeaders } from "./encryption.ts";
import { versionIdHeader } from "./object-headers.ts";
import type { MultipartPart, ObjectVersion } from "./object-model.ts";
import { lockForNewVersion } from "./object-lock.ts";
import { findUpload } from "./multipart-upload.ts";
import { checkWriteConditions } from "./put-object.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlGet, xmlItems, xmlString } from "./xml-codec.ts";

const INVALID_PART = "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.";

export const completeMultipartUpload: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const { bucket, upload } = findUpload(request, server);
  const listed = xmlItems(parseRequestXml(body, "CompleteMultipartUpload").Part);
  if (listed.length === 0) throw S3Error.malformedXml();
  const parts: MultipartPart[] = [];
  for (const entry of listed) {
    const number = Number(xmlString(xmlGet(entry, "PartNumber")));
    const part = upload.parts.get(number);
    if (parts.length > 0 && number <= (parts.at(-1)?.partNumber ?? 0)) {
      throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", { UploadId: upload.uploadId });
    }
    const etag = (xmlString(xmlGet(entry, "ETag")) ?? "").replace(/"/g, "");
    if (part === undefined || etag !== part.etag) throw new S3Error(400, "InvalidPart", INVALID_PART, { UploadId: upload.uploadId, PartNumber: String(number), ETag: etag });
    const sentChecksum = upload.checksumAlgorithm === undefined ? undefined : xmlString(xmlGet(entry, `Checksum${upload.checksumAlgorithm}`));
    if (sentChecksum !== undefined && sentChecksum !== part.checksum) throw new S3Error(400, "InvalidPart", INVALID_PART, { UploadId: upload.uploadId, PartNumber: String(number) });
    parts.push(part);
  }
  for (const part of parts.slice(0, -1)) {
    if (part.size < server.settings.minPartBytes) {
      throw new S3Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", {
        ProposedSize: String(part.size),
        MinSizeAllowed: String(server.settings.minPartBytes),
        PartNumber: String(part.partNumber),
        ETag: part.etag,
      });
    }
  }
  checkWriteConditions(request, server, bucket, upload.key);
  const algorithm = upload.checksumAlgorithm ?? "CRC64NVME";
  const fullObject = upload.checksumType !== "COMPOSITE";
  const assembled = await copyBodies(server, parts.map((part) => part.bodyPath), { md5: false, checksum: fullObject ? algorithm : undefined });
  let checksum: StoredChecksum;
  if (fullObject) {
    checksum = { algorithm, value: assembled.checksum ?? "", type: "FULL_OBJECT" };
    const sent = request.header(checksumHeader(algorithm));
    if (sent !== undefined && sent !== checksum.value) {
      await unlink(assembled.bodyPath).catch(() => undefined);
      throw new S3Error(400, "BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`);
    }
  } else {
    checksum = { algorithm, value: compositeChecksum(algorithm, parts.map((part) => part.checksum ?? "")), type: "COMPOSITE" };
  }
  const md5s = createHash("md5");
  for (const part of parts) md5s.update(Buffer.from(part.etag, "hex"));
  const created = server.store.now();
  const version: ObjectVersion = {
    ...upload.attributes,
    key: upload.key,
    versionId: "",
    deleteMarker: false,
    lastModified: created,
    size: parts.reduce((sum, part) => sum + part.size, 0),
    etag: `${md5s.digest("hex")}-${parts.length}`,
    bodyPath: assembled.bodyPath,
    tags: upload.tags,
    storageClass: upload.storageClass,
    encryption: upload.encryption,
    checksum,
    partsCount: parts.length,
    lock: upload.explicitLock ? upload.lock : lockForNewVersion(request, bucket, created, { integrityHeader: false }),
  };
  await server.store.putVersion(bucket, version);
  bucket.uploads.delete(upload.uploadId);
  await Promise.all([...upload.parts.values()].map((part) => unlink(part.bodyPath).catch(() => undefined)));
  return {
    status: 200,
    headers: { "x-amz-version-id": versionIdHeader(bucket, version), ...encryptionHeaders(version.encryption) },
    xml: {
      root: "CompleteMultipartUploadResult",
      content: {
        Location: `http://${request.header("host") ?? "127.0.0.1"}/${bucket.name}/${encodeURIComponent(upload.key).replace(/%2F/g, "/")}`,
        Bucket: bucket.name,
        Key: upload.key,
        ETag: `"${version.etag}"`,
        [`Checksum${checksum.algorithm}`]: checksum.value,
        ChecksumType: checksum.type,
      },
    },
  };
};
