/**
 * Object Lock on the local S3 server through @aws-sdk/client-s3: retention and legal hold from
 * PutObject headers, PutObjectRetention and PutObjectLegalHold; the bucket's default retention on
 * new versions, those written by CopyObject included; and the deletes and retention changes S3 refuses.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure } from "./s3-server-helpers.ts";

const DAY_MS = 86_400_000;
let server: LocalS3Server;
let s3: S3Client;
const inDays = (days: number): Date => new Date(Math.ceil((Date.now() + days * DAY_MS) / 1000) * 1000);

beforeAll(async () => {
  server = await startS3Server({ buckets: ["unlocked"] });
  server.createBucket("vault", { objectLock: true });
  server.createBucket("retained", { objectLock: { mode: "GOVERNANCE", days: 10 } });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: Object Lock", () => {
  it("keeps retention and legal hold from PutObject headers and returns them on HeadObject", async () => {
    const until = inDays(5);
    await s3.send(new PutObjectCommand({ Bucket: "vault", Key: "held", Body: "x", ObjectLockMode: "COMPLIANCE", ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: "ON" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: "vault", Key: "held" }));
    expect(head).toMatchObject({ ObjectLockMode: "COMPLIANCE", ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: "ON" });
    expect((await s3.send(new GetObjectRetentionCommand({ Bucket: "vault", Key: "held" }))).Retention).toEqual({ Mode: "COMPLIANCE", RetainUntilDate: until });
    expect((await s3.send(new GetObjectLegalHoldCommand({ Bucket: "vault", Key: "held" }))).LegalHold).toEqual({ Status: "ON" });
  });

  it("refuses lock headers on a bucket without Object Lock with 400 InvalidRequest", async () => {
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: "unlocked", Key: "k", Body: "x", ObjectLockLegalHoldStatus: "ON" })))).toMatchObject({ name: "InvalidRequest", status: 400 });
  });

  it("gives new versions, copies included, the bucket's default retention counted from their creation", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: "retained", Key: "doc", Body: "x" }));
    const stored = server.head("retained", "doc");
    expect(stored?.objectLock.mode).toBe("GOVERNANCE");
    expect(stored?.objectLock.retainUntilDate?.getTime()).toBe((stored?.lastModified.getTime() ?? 0) + 10 * DAY_MS);
    await s3.send(new CopyObjectCommand({ Bucket: "retained", Key: "doc", CopySource: "retained/doc", StorageClass: "STANDARD" }));
    const copy = server.head("retained", "doc");
    expect(copy?.versionId).not.toBe(put.VersionId);
    expect(copy?.objectLock.mode).toBe("GOVERNANCE");
    expect(copy?.objectLock.retainUntilDate?.getTime()).toBe((copy?.lastModified.getTime() ?? 0) + 10 * DAY_MS);
  });

  it("refuses to delete a version under retention or legal hold (403), allowing GOVERNANCE with x-amz-bypass-governance-retention", async () => {
    const governed = await s3.send(new PutObjectCommand({ Bucket: "retained", Key: "governed", Body: "x" }));
    expect(await failure(s3.send(new DeleteObjectCommand({ Bucket: "retained", Key: "governed", VersionId: governed.VersionId })))).toMatchObject({ name: "AccessDenied", status: 403 });
    await s3.send(new DeleteObjectCommand({ Bucket: "retained", Key: "governed", VersionId: governed.VersionId, BypassGovernanceRetention: true }));
    expect(server.head("retained", "governed")).toBeUndefined();
    const held = server.head("vault", "held");
    expect(await failure(s3.send(new DeleteObjectCommand({ Bucket: "vault", Key: "held", VersionId: held?.versionId, BypassGovernanceRetention: true })))).toMatchObject({ name: "AccessDenied", status: 403 });
    // A simple delete only adds a delete marker, which Object Lock allows.
    await expect(s3.send(new DeleteObjectCommand({ Bucket: "vault", Key: "held" }))).resolves.toMatchObject({ DeleteMarker: true });
  });

  it("extends any retention, shortens GOVERNANCE only with bypass, and never shortens COMPLIANCE", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: "vault", Key: "ret", Body: "x", ObjectLockMode: "GOVERNANCE", ObjectLockRetainUntilDate: inDays(5) }));
    const shorten = { Bucket: "vault", Key: "ret", VersionId: put.VersionId, Retention: { Mode: "GOVERNANCE" as const, RetainUntilDate: inDays(1) } };
    expect(await failure(s3.send(new PutObjectRetentionCommand(shorten)))).toMatchObject({ name: "AccessDenied", status: 403 });
    await s3.send(new PutObjectRetentionCommand({ ...shorten, BypassGovernanceRetention: true }));
    await s3.send(new PutObjectRetentionCommand({ Bucket: "vault", Key: "ret", VersionId: put.VersionId, Retention: { Mode: "COMPLIANCE", RetainUntilDate: inDays(3) } }));
    expect(await failure(s3.send(new PutObjectRetentionCommand({ ...shorten, Retention: { Mode: "COMPLIANCE", RetainUntilDate: inDays(2) }, BypassGovernanceRetention: true })))).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(server.head("vault", "ret")?.objectLock.mode).toBe("COMPLIANCE");
  });

  it("sets and lifts a legal hold, and answers NoSuchObjectLockConfiguration for a version that never had one", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: "vault", Key: "hold-me", Body: "x" }));
    expect(await failure(s3.send(new GetObjectLegalHoldCommand({ Bucket: "vault", Key: "hold-me" })))).toMatchObject({ name: "NoSuchObjectLockConfiguration", status: 404 });
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: "vault", Key: "hold-me", LegalHold: { Status: "ON" } }));
    expect(server.head("vault", "hold-me")?.objectLock.legalHold).toBe("ON");
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: "vault", Key: "hold-me", VersionId: put.VersionId, LegalHold: { Status: "OFF" } }));
    await s3.send(new DeleteObjectCommand({ Bucket: "vault", Key: "hold-me", VersionId: put.VersionId }));
    expect(server.head("vault", "hold-me")).toBeUndefined();
  });
});
