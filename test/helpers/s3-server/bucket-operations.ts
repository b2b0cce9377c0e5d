/**
 * Bucket lifecycle and versioning: CreateBucket (x-amz-bucket-object-lock-enabled turns on Object
 * Lock and versioning; re-creating an owned bucket is 200 in us-east-1 "for legacy compatibility",
 * 409 BucketAlreadyOwnedByYou elsewhere), HeadBucket, DeleteBucket (409 BucketNotEmpty while any
 * version or upload remains), ListBuckets, GetBucketLocation, Get/PutBucketVersioning.
 */
import { readSmallBody } from "./body-receiver.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlGet, xmlString } from "./xml-codec.ts";

export const OWNER = { ID: "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", DisplayName: "local" };
const OWNERSHIPS = ["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"];

export const createBucket: OperationHandler = async (request, server) => {
  const name = request.bucket ?? "";
  const body = await readSmallBody(request);
  const configuration = body.length === 0 ? {} : parseRequestXml(body, "CreateBucketConfiguration");
  const region = xmlString(xmlGet(configuration, "LocationConstraint")) || server.store.region;
  const ownership = request.header("x-amz-object-ownership");
  if (ownership !== undefined && !OWNERSHIPS.includes(ownership)) throw S3Error.invalidArgument("Invalid x-amz-object-ownership header", "x-amz-object-ownership", ownership);
  if (server.store.hasBucket(name)) {
    if (server.store.region === "us-east-1") return { status: 200, headers: { location: `/${name}` } };
    throw new S3Error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", { BucketName: name });
  }
  server.store.createBucket(name, { region, objectLock: request.header("x-amz-bucket-object-lock-enabled") === "true", ...(ownership === undefined ? {} : { ownership }) });
  return { status: 200, headers: { location: `/${name}` } };
};

export const headBucket: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  return { status: 200, headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" } };
};

export const deleteBucket: OperationHandler = async (request, server) => {
  server.store.deleteBucket(request.bucket ?? "");
  return { status: 204 };
};

export const listBuckets: OperationHandler = async (_request, server) => {
  const buckets = server.store.bucketNames().map((name) => {
    const bucket = server.store.bucket(name);
    return { Name: name, CreationDate: bucket.creationDate, BucketRegion: bucket.region };
  });
  return { status: 200, xml: { root: "ListAllMyBucketsResult", content: { Owner: OWNER, Buckets: { Bucket: buckets } } } };
};

export const getBucketLocation: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  return { status: 200, xml: { root: "LocationConstraint", content: { "#text": bucket.region === "us-east-1" ? "" : bucket.region } } };
};

export const getBucketVersioning: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  return { status: 200, xml: { root: "VersioningConfiguration", content: { Status: bucket.versioning } } };
};

export const putBucketVersioning: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const configuration = parseRequestXml(body, "VersioningConfiguration");
  const status = xmlString(configuration.Status);
  if (status !== "Enabled" && status !== "Suspended") throw S3Error.malformedXml();
  const mfaDelete = xmlString(configuration.MfaDelete);
  if (mfaDelete === "Enabled") throw S3Error.notImplemented("MFA Delete");
  if (bucket.objectLock.enabled && status === "Suspended") {
    throw new S3Error(409, "InvalidBucketState", "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
  }
  if (bucket.replication !== undefined && status === "Suspended") {
    throw new S3Error(409, "InvalidBucketState", "A replication configuration is present on this bucket, so the versioning state cannot be changed.");
  }
  bucket.versioning = status;
  return { status: 200 };
};
