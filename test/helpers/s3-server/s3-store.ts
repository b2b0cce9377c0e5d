/**
 * The server's state: buckets in memory, object bodies as files in one temp folder. Writing a
 * version follows S3's versioning rules (UG "How S3 Versioning works"): a bucket that was never
 * versioned, or is Suspended, gets the version id "null", which replaces the existing null version;
 * an Enabled bucket gets a new id and keeps every earlier version.
 */
import { randomBytes } from "node:crypto";
import { rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { BucketState, ObjectVersion } from "./object-model.ts";
import { S3Error } from "./s3-error.ts";
import { SortedKeys } from "./sorted-keys.ts";

const BUCKET_NAME = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|--x-s3|--table-s3)$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface StoreOptions {
  directory: string;
  region: string;
  accountId: string;
  now: () => Date;
}

export class S3Store {
  readonly region: string;
  readonly accountId: string;
  private readonly directory: string;
  private readonly clock: () => Date;
  private readonly buckets = new Map<string, BucketState>();
  private files = 0;

  constructor(options: StoreOptions) {
    this.directory = options.directory;
    this.region = options.region;
    this.accountId = options.accountId;
    this.clock = options.now;
  }

  /** The current time truncated to whole seconds (S3's Last-Modified resolution). */
  now(): Date {
    return new Date(Math.floor(this.clock().getTime() / 1000) * 1000);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  bucket(name: string): BucketState {
    const bucket = this.buckets.get(name);
    if (bucket === undefined) throw S3Error.noSuchBucket(name);
    return bucket;
  }

  createBucket(name: string, options: { region?: string; objectLock?: boolean; ownership?: string } = {}): BucketState {
    if (!BUCKET_NAME.test(name) || name.includes("..")) throw new S3Error(400, "InvalidBucketName", `The specified bucket is not valid: "${name}" (3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit).`, { BucketName: name });
    const bucket: BucketState = {
      name,
      region: options.region ?? this.region,
      creationDate: this.now(),
      versioning: options.objectLock === true ? "Enabled" : undefined,
      encryption: { algorithm: "AES256", bucketKeyEnabled: false },
      replication: undefined,
      objectLock: { enabled: options.objectLock === true, rule: undefined },
      requestPayment: "BucketOwner",
      ownership: options.ownership ?? "BucketOwnerEnforced",
      keys: new SortedKeys(),
      objects: new Map(),
      uploads: new Map(),
      denied: new Map(),
    };
    this.buckets.set(name, bucket);
    return bucket;
  }

  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    if (bucket.keys.size > 0 || bucket.uploads.size > 0) {
      throw new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", { BucketName: name });
    }
    this.buckets.delete(name);
  }

  /** A new, unused body file path. */
  newBodyPath(): string {
    this.files += 1;
    return join(this.directory, `body-${this.files}`);
  }

  newVersionId(): string {
    return randomBytes(24).toString("base64url");
  }

  versions(bucket: BucketState, key: string): ObjectVersion[] {
    return bucket.objects.get(key) ?? [];
  }

  current(bucket: BucketState, key: string): ObjectVersion | undefined {
    return bucket.objects.get(key)?.[0];
  }

  findVersion(bucket: BucketState, key: string, versionId: string): ObjectVersion | undefined {
    return this.versions(bucket, key).find((v) => v.versionId === versionId);
  }

  /**
   * Adds `version` as the new current version (its versionId is set here from the bucket's
   * versioning state) and removes the null version it replaces, body included.
   */
  async putVersion(bucket: BucketState, version: ObjectVersion): Promise<ObjectVersion> {
    const versions = [...this.versions(bucket, version.key)];
    version.versionId = bucket.versioning === "Enabled" ? this.newVersionId() : "null";
    let replaced: ObjectVersion | undefined;
    if (version.versionId === "null") {
      const index = versions.findIndex((v) => v.versionId === "null");
      if (index !== -1) replaced = versions.splice(index, 1)[0];
    }
    versions.unshift(version);
    bucket.objects.set(version.key, versions);
    bucket.keys.insert(version.key);
    if (replaced?.bodyPath !== undefined) await unlink(replaced.bodyPath).catch(() => undefined);
    return version;
  }

  /** Permanently removes one version (and its body). */
  async removeVersion(bucket: BucketState, key: string, versionId: string): Promise<ObjectVersion | undefined> {
    const versions = this.versions(bucket, key);
    const index = versions.findIndex((v) => v.versionId === versionId);
    if (index === -1) return undefined;
    const [removed] = versions.splice(index, 1);
    if (versions.length === 0) {
      bucket.objects.delete(key);
      bucket.keys.delete(key);
    }
    if (removed?.bodyPath !== undefined) await unlink(removed.bodyPath).catch(() => undefined);
    return removed;
  }

  async destroy(): Promise<void> {
    this.buckets.clear();
    await rm(this.directory, { recursive: true, force: true });
  }
}
