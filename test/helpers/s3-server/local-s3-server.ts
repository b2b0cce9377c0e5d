/**
 * The local S3 server: our own S3 protocol server on a free loopback port, for tests and the
 * embedded demo (docs/test-servers.md). The AWS SDK talks REST-XML over plain HTTP to it,
 * path-style, with every request's SigV4 signature checked. Object bodies are files in a temp
 * folder (streamed, never read whole); metadata is in memory. Besides the S3 API it offers test
 * controls: seeding objects and bucket states directly, inspecting every version, denying an
 * operation per bucket, and switching checksums off.
 */
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { Credentials } from "../s3-control-server/sigv4-check.ts";
import { applyBucketSettings, type BucketSettings } from "./bucket-settings.ts";
import { handleS3Request, type S3RequestLogEntry } from "./http-handler.ts";
import { versionInfo, type ObjectVersionInfo } from "./object-info.ts";
import { OPERATIONS } from "./operations.ts";
import type { ServerContext } from "./request-context.ts";
import { S3Store } from "./s3-store.ts";
import { seedObject, type SeedObjectOptions } from "./seed-object.ts";

export type { BucketSettings, ObjectVersionInfo, S3RequestLogEntry, SeedObjectOptions };

/** Credentials the server accepts (it verifies SigV4 signatures against them). The value dates from s3rver. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const LOCAL_S3_REGION = "us-east-1";
export const LOCAL_S3_ACCOUNT_ID = "123456789012";
const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface S3ServerOptions {
  /** Buckets to create at start (default encryption SSE-S3, unversioned, as on AWS). */
  buckets?: string[];
  credentials?: Credentials;
  region?: string;
  /** The bucket owner's account: KMS key ARNs are completed with it; UpdateObjectEncryption accepts only its keys. */
  accountId?: string;
  now?: () => Date;
  /** Smallest part (but the last) CompleteMultipartUpload accepts (default 5 MiB, as S3). */
  minPartBytes?: number;
}

export interface LocalS3Server {
  /** e.g. "http://127.0.0.1:41234" */
  endpoint: string;
  port: number;
  /** A new S3 client pointed at this server (path-style, local credentials). */
  client(): S3Client;
  /** Environment variables that make the default credential chain and endpoint resolution use this server. */
  env(): Record<string, string>;
  stop(): Promise<void>;
  /** Test controls (no HTTP): */
  createBucket(name: string, settings?: BucketSettings): void;
  configureBucket(name: string, settings: BucketSettings): void;
  /** Writes an object version directly (see SeedObjectOptions) and returns its version id. */
  putObject(bucket: string, key: string, body: string | Uint8Array, options?: SeedObjectOptions): Promise<string>;
  /** Every version and delete marker of a bucket, keys in list order, each key's newest first. */
  objectVersions(bucket: string): ObjectVersionInfo[];
  /** The current version (or the named one) of a key, delete markers included; undefined when none. */
  head(bucket: string, key: string, versionId?: string): ObjectVersionInfo | undefined;
  /** true: HeadObject/GetObject return no x-amz-checksum-* even with x-amz-checksum-mode: ENABLED. */
  omitChecksums(omit?: boolean): void;
  /** The operation (S3 API name, e.g. "GetBucketReplication") answers 403 AccessDenied on this bucket. */
  deny(bucket: string, operation: string, message?: string): void;
  /** Lifts deny() for one operation, or for all of the bucket's. */
  allow(bucket: string, operation?: string): void;
  requests(): S3RequestLogEntry[];
}

export async function startS3Server(options: S3ServerOptions = {}): Promise<LocalS3Server> {
  const region = options.region ?? LOCAL_S3_REGION;
  const credentials = options.credentials ?? { ...LOCAL_S3_CREDENTIALS };
  const store = new S3Store({ directory: await mkdtemp(join(tmpdir(), "bucket-keys-s3-")), region, accountId: options.accountId ?? LOCAL_S3_ACCOUNT_ID, now: options.now ?? (() => new Date()) });
  try {
    for (const name of options.buckets ?? []) store.createBucket(name);
  } catch (error) {
    await store.destroy();
    throw error;
  }
  const context: ServerContext = { store, settings: { returnChecksums: true, minPartBytes: options.minPartBytes ?? MIN_PART_BYTES } };
  const log: S3RequestLogEntry[] = [];
  const server = createServer((req, res) => {
    handleS3Request({ server: context, credentials, handlers: OPERATIONS, log }, req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  // Longer than the SDK's idle sockets live, so a reused connection is not closed under a request.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const versionsOf = (bucket: string) => {
    const state = store.bucket(bucket);
    return { state, versions: [...state.keys.from(0)].flatMap((key) => store.versions(state, key)) };
  };
  return {
    endpoint,
    port,
    client: () => new S3Client({ endpoint, region, forcePathStyle: true, credentials: { ...credentials } }),
    env: () => ({ AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await store.destroy();
    },
    createBucket: (name, settings = {}) => applyBucketSettings(store.createBucket(name), settings),
    configureBucket: (name, settings) => applyBucketSettings(store.bucket(name), settings),
    putObject: (bucket, key, body, seed) => seedObject(store, bucket, key, body, seed),
    objectVersions: (bucket) => {
      const { state, versions } = versionsOf(bucket);
      return versions.map((version) => versionInfo(state, version));
    },
    head: (bucket, key, versionId) => {
      const state = store.bucket(bucket);
      const version = versionId === undefined ? store.current(state, key) : store.findVersion(state, key, versionId);
      return version === undefined ? undefined : versionInfo(state, version);
    },
    omitChecksums: (omit = true) => {
      context.settings.returnChecksums = !omit;
    },
    deny: (bucket, operation, message = "Access Denied") => {
      store.bucket(bucket).denied.set(operation, message);
    },
    allow: (bucket, operation) => {
      const denied = store.bucket(bucket).denied;
      if (operation === undefined) denied.clear();
      else denied.delete(operation);
    },
    requests: () => log.map((entry) => ({ ...entry })),
  };
}
