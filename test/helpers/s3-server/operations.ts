/** Every operation the local S3 server implements, by its S3 API name. Anything else is 501 NotImplemented. */
import * as bucketConfiguration from "./bucket-configuration.ts";
import * as buckets from "./bucket-operations.ts";
import { completeMultipartUpload } from "./complete-multipart-upload.ts";
import { copyObject } from "./copy-object.ts";
import { deleteObject, deleteObjects } from "./delete-object.ts";
import { getObject, headObject } from "./get-object.ts";
import { listObjectVersions } from "./list-object-versions.ts";
import { listObjects, listObjectsV2 } from "./list-objects.ts";
import { abortMultipartUpload, createMultipartUpload, listParts, uploadPart } from "./multipart-upload.ts";
import * as objectLock from "./object-lock-operations.ts";
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from "./object-tagging.ts";
import { putObject } from "./put-object.ts";
import type { OperationHandler } from "./request-context.ts";
import { updateObjectEncryption } from "./update-object-encryption.ts";

export const OPERATIONS: Record<string, OperationHandler> = {
  ListBuckets: buckets.listBuckets,
  CreateBucket: buckets.createBucket,
  HeadBucket: buckets.headBucket,
  DeleteBucket: buckets.deleteBucket,
  GetBucketLocation: buckets.getBucketLocation,
  GetBucketVersioning: buckets.getBucketVersioning,
  PutBucketVersioning: buckets.putBucketVersioning,
  GetBucketEncryption: bucketConfiguration.getBucketEncryption,
  PutBucketEncryption: bucketConfiguration.putBucketEncryption,
  DeleteBucketEncryption: bucketConfiguration.deleteBucketEncryption,
  GetBucketReplication: bucketConfiguration.getBucketReplication,
  PutBucketReplication: bucketConfiguration.putBucketReplication,
  DeleteBucketReplication: bucketConfiguration.deleteBucketReplication,
  GetObjectLockConfiguration: bucketConfiguration.getObjectLockConfiguration,
  PutObjectLockConfiguration: bucketConfiguration.putObjectLockConfiguration,
  GetBucketRequestPayment: bucketConfiguration.getBucketRequestPayment,
  PutBucketRequestPayment: bucketConfiguration.putBucketRequestPayment,
  GetBucketOwnershipControls: bucketConfiguration.getBucketOwnershipControls,
  PutBucketOwnershipControls: bucketConfiguration.putBucketOwnershipControls,
  DeleteBucketOwnershipControls: bucketConfiguration.deleteBucketOwnershipControls,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  CopyObject: copyObject,
  GetObjectTagging: getObjectTagging,
  PutObjectTagging: putObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  PutObjectRetention: objectLock.putObjectRetention,
  GetObjectRetention: objectLock.getObjectRetention,
  PutObjectLegalHold: objectLock.putObjectLegalHold,
  GetObjectLegalHold: objectLock.getObjectLegalHold,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  UpdateObjectEncryption: updateObjectEncryption,
};
