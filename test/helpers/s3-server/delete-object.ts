/**
 * DeleteObject and DeleteObjects (UG "Deleting object versions"): without a version id, an
 * unversioned bucket loses the object, a versioned (or suspended) one gets a delete marker (the
 * suspended bucket's marker has the id null and replaces the null version); with a version id that
 * version is removed for good, unless Object Lock protects it (403 AccessDenied).
 */
import { readSmallBody } from "./body-receiver.ts";
import type { BucketState, ObjectVersion } from "./object-model.ts";
import { checkVersionDeletable } from "./object-lock.ts";
import type { OperationHandler, S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlGet, xmlItems, xmlString } from "./xml-codec.ts";

const MAX_DELETE_KEYS = 1000;

interface DeleteOutcome {
  versionId: string | undefined;
  deleteMarker: boolean;
}

export const deleteObject: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const outcome = await deleteOne(request, server, bucket, request.key ?? "", request.query.get("versionId") ?? undefined);
  return { status: 204, headers: { "x-amz-version-id": outcome.versionId, "x-amz-delete-marker": outcome.deleteMarker ? "true" : undefined } };
};

export const deleteObjects: OperationHandler = async (request, server) => {
  if (request.header("content-md5") === undefined && !Object.keys(request.req.headers).some((h) => h.startsWith("x-amz-checksum-") || h === "x-amz-trailer")) {
    throw S3Error.invalidRequest("Missing required header for this request: Content-MD5");
  }
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const document = parseRequestXml(body, "Delete");
  const objects = xmlItems(document.Object);
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw S3Error.malformedXml();
  const quiet = xmlString(document.Quiet) === "true";
  const deleted: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const object of objects) {
    const key = xmlString(xmlGet(object, "Key")) ?? "";
    const versionId = xmlString(xmlGet(object, "VersionId"));
    try {
      const outcome = await deleteOne(request, server, bucket, key, versionId);
      if (quiet) continue;
      deleted.push({
        Key: key,
        VersionId: versionId,
        DeleteMarker: outcome.deleteMarker ? true : undefined,
        DeleteMarkerVersionId: outcome.deleteMarker && versionId === undefined ? outcome.versionId : undefined,
      });
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message });
    }
  }
  return { status: 200, xml: { root: "DeleteResult", content: { Deleted: deleted, Error: errors } } };
};

async function deleteOne(request: S3Request, server: ServerContext, bucket: BucketState, key: string, versionId: string | undefined): Promise<DeleteOutcome> {
  const { store } = server;
  if (versionId !== undefined) {
    const version = store.findVersion(bucket, key, versionId);
    if (version === undefined) return { versionId, deleteMarker: false };
    if (!version.deleteMarker) checkVersionDeletable(request, version, store.now());
    await store.removeVersion(bucket, key, versionId);
    return { versionId, deleteMarker: version.deleteMarker };
  }
  const current = store.current(bucket, key);
  const ifMatch = request.header("if-match");
  if (ifMatch !== undefined && (current === undefined || current.deleteMarker || ifMatch.replace(/"/g, "") !== current.etag)) {
    throw S3Error.preconditionFailed("If-Match");
  }
  if (bucket.versioning === undefined) {
    if (current !== undefined) await store.removeVersion(bucket, key, current.versionId);
    return { versionId: undefined, deleteMarker: false };
  }
  const marker: ObjectVersion = {
    key,
    versionId: "",
    deleteMarker: true,
    lastModified: store.now(),
    size: 0,
    etag: "",
    bodyPath: undefined,
    contentType: "",
    metadata: {},
    tags: [],
    storageClass: "STANDARD",
    encryption: { algorithm: undefined, bucketKeyEnabled: false },
    checksum: undefined,
    partsCount: undefined,
    lock: {},
  };
  const nullVersion = bucket.versioning === "Suspended" ? store.findVersion(bucket, key, "null") : undefined;
  if (nullVersion !== undefined && !nullVersion.deleteMarker) checkVersionDeletable(request, nullVersion, store.now());
  await store.putVersion(bucket, marker);
  return { versionId: marker.versionId, deleteMarker: true };
}
