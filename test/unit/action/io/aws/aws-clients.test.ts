import { Readable } from "node:stream";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { controlEndpointAsGiven, putObjectsWithSseS3 } from "../../../../../action/io/aws/aws-clients.ts";

/** An S3 client whose HTTP layer records each request's headers and answers 200 (the SDK boundary). */
function recordingClient(): { client: S3Client; headers: Record<string, string>[] } {
  const headers: Record<string, string>[] = [];
  const client = new S3Client({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        headers.push({ ...request.headers });
        return { response: { statusCode: 200, headers: { etag: '"abc"' }, body: Readable.from([]) } };
      },
    } as never,
  });
  return { client, headers };
}

describe("putObjectsWithSseS3", () => {
  it("asks for SSE-S3 on every PutObject, as Batch Operations manifests and the planner role's policy require", async () => {
    const { client, headers } = recordingClient();
    await putObjectsWithSseS3(client).send(new PutObjectCommand({ Bucket: "reports-bucket", Key: "m/p/j.csv", Body: "b,k\n" }));
    expect(headers[0]!["x-amz-server-side-encryption"]).toBe("AES256");
  });

  it("keeps an encryption the caller chose and adds its middleware only once", async () => {
    const { client, headers } = recordingClient();
    putObjectsWithSseS3(putObjectsWithSseS3(client));
    await client.send(new PutObjectCommand({ Bucket: "b-bucket", Key: "k", Body: "x", ServerSideEncryption: "aws:kms" }));
    expect(headers[0]!["x-amz-server-side-encryption"]).toBe("aws:kms");
    expect(client.middlewareStack.identify().filter((name) => name.startsWith("bucketKeysManifestSseS3"))).toHaveLength(1);
  });
});

describe("controlEndpointAsGiven", () => {
  it.each([
    ["http://127.0.0.1:4566", true],
    ["http://localhost:4566", true],
    ["http://[::1]:4566", true],
    ["https://vpce-0abc.s3-control.us-east-1.vpce.amazonaws.com", false],
    [undefined, false],
  ])("uses %s as given: %s (an account-id host prefix cannot apply to an IP address or localhost)", (endpoint, asGiven) => {
    expect(controlEndpointAsGiven(endpoint) !== undefined).toBe(asGiven);
  });
});
