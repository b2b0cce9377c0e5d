import { describe, expect, it } from "vitest";
import { AwsCallError } from "../../../../../action/contracts/errors.ts";
import { s3CallError } from "../../../../../action/io/aws/s3-call-error.ts";

/** SDK-shaped errors as the S3 client throws them (the integration tests get the same from real HTTP). */
const sdkError = (name: string, message: string, status: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe("s3CallError", () => {
  it("names bucket and key and says what to grant for AccessDenied on a write", () => {
    const error = s3CallError(sdkError("AccessDenied", "Access Denied", 403), "PutObject", "manifests", "bk/p/update-a.csv");
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error.message).toBe("s3://manifests/bk/p/update-a.csv: PutObject failed with AccessDenied (Access Denied). Grant the credentials s3:PutObject on this bucket and prefix.");
    expect(error.awsCode).toBe("AccessDenied");
  });

  it("reads a bare 404 or 403 (HEAD-style errors without a code) as NoSuchKey or AccessDenied", () => {
    expect(s3CallError(sdkError("NotFound", "UnknownError", 404), "GetObject", "b", "k").awsCode).toBe("NoSuchKey");
    expect(s3CallError(sdkError("UnknownError", "UnknownError", 403), "GetObject", "b", "k").awsCode).toBe("AccessDenied");
  });

  it("tells the user to pass --region when the SDK has no Region", () => {
    const error = s3CallError(new Error("Region is missing"), "GetObject", "inv", "a/manifest.json");
    expect(error.message).toBe("s3://inv/a/manifest.json: GetObject failed with RegionMissing (Region is missing). Pass --region (or set AWS_REGION) to the Region of the bucket.");
  });
});
