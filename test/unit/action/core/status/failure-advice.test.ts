import { describe, expect, it } from "vitest";
import { adviceForFailure } from "../../../../../action/core/status/failure-advice.ts";

describe("adviceForFailure", () => {
  it("points AccessDenied with a KMS message at the Batch role's key permissions", () => {
    const advice = adviceForFailure("S3UpdateObjectEncryption", { errorCode: "AccessDenied", httpStatus: 403, message: "User is not authorized to perform kms:ReEncryptTo" });
    expect(advice).toContain("`kms:ReEncryptTo`");
    expect(advice).toContain("key policy");
  });

  it("points AccessDenied without a KMS message at the object permissions and Object Lock", () => {
    const advice = adviceForFailure("S3UpdateObjectEncryption", { errorCode: "AccessDenied", httpStatus: 403, message: "Access Denied" });
    expect(advice).toContain("`s3:UpdateObjectEncryption`");
    expect(advice).toContain("Object Lock");
  });

  it("explains NoSuchKey as an object deleted since the inventory", () => {
    expect(adviceForFailure("S3PutObjectCopy", { errorCode: "NoSuchKey", httpStatus: 404, message: "" })).toContain("deleted after the inventory");
  });

  it("sends InvalidRequest on an update job to adding EncryptionStatus to the inventory", () => {
    expect(adviceForFailure("S3UpdateObjectEncryption", { errorCode: "InvalidRequest", httpStatus: 400, message: "unencrypted" })).toContain("Add EncryptionStatus");
  });

  it("explains 412 on a copy as an object changed since the inventory", () => {
    expect(adviceForFailure("S3PutObjectCopy", { errorCode: "PreconditionFailed", httpStatus: 412, message: "" })).toContain("changed after the inventory");
  });
});
