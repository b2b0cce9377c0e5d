/**
 * The S3 server the tests and the embedded demo use: our own S3 protocol server on loopback
 * (test/helpers/s3-server/, described in docs/test-servers.md). This file is its entry point.
 */
export {
  LOCAL_S3_ACCOUNT_ID,
  LOCAL_S3_CREDENTIALS,
  LOCAL_S3_REGION,
  startS3Server,
  type BucketSettings,
  type LocalS3Server,
  type ObjectVersionInfo,
  type S3RequestLogEntry,
  type S3ServerOptions,
  type SeedObjectOptions,
} from "./s3-server/local-s3-server.ts";
