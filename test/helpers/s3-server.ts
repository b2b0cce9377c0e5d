/**
 * A real S3 protocol server (s3rver) started in-process on a free loopback port, for tests and the
 * embedded demo. The AWS SDK talks plain HTTP to it, with SigV4 signatures checked.
 *
 * s3rver stores `Content-Encoding: aws-chunked` bodies verbatim, so a streamed upload without an
 * explicit checksum would be stored corrupt. Our upload code always sends ChecksumSHA256 (which keeps
 * the SDK from chunking); this server rejects chunked uploads loudly so a regression can't pass silently.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
// s3rver ships no types; the surface used here is small.
// @ts-expect-error -- untyped CommonJS module
import S3rver from "s3rver";

/** Credentials s3rver accepts by default (it verifies SigV4 signatures against them). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const LOCAL_S3_REGION = "us-east-1";

export interface LocalS3Server {
  /** e.g. "http://127.0.0.1:41234" */
  endpoint: string;
  port: number;
  /** A new S3 client pointed at this server (path-style, local credentials). */
  client(): S3Client;
  /** Environment variables that make the default credential chain and endpoint resolution use this server. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

interface S3rverInstance {
  store: { listObjects(bucket: string, options: ListOptions): Promise<ListResult> };
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
  middleware: Array<(ctx: KoaContext, next: () => Promise<void>) => Promise<void> | void>;
}

interface ListOptions {
  delimiter?: string;
  prefix?: string;
  maxKeys?: number;
  startAfter?: string;
}

interface ListResult {
  objects: { key: string }[];
  commonPrefixes: string[];
  isTruncated: boolean;
}

interface KoaContext {
  get(header: string): string;
  status: number;
  type: string;
  body: unknown;
}

export async function startS3Server(options: { buckets?: string[] } = {}): Promise<LocalS3Server> {
  const directory = await mkdtemp(join(tmpdir(), "bucket-keys-s3-"));
  const server: S3rverInstance = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    resetOnClose: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  groupCommonPrefixes(server);
  server.middleware.unshift(async (ctx, next) => {
    if (/aws-chunked/i.test(ctx.get("content-encoding"))) {
      ctx.status = 501;
      ctx.type = "application/xml";
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code>' +
        "<Message>The local S3 server cannot store aws-chunked uploads; send ChecksumSHA256 with streamed bodies.</Message></Error>";
      return;
    }
    await next();
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    client: () =>
      new S3Client({ endpoint, region: LOCAL_S3_REGION, forcePathStyle: true, credentials: { ...LOCAL_S3_CREDENTIALS } }),
    env: () => ({
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
      AWS_REGION: LOCAL_S3_REGION,
    }),
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver 3.7 prunes folders more than one level below the prefix when a delimiter is given, so the
 * common prefixes of deeper keys go missing ("inventory/" over "inventory/bucket/config/..." lists
 * nothing, where S3 lists "inventory/bucket/"). List without the delimiter and group the keys here.
 */
function groupCommonPrefixes(server: S3rverInstance): void {
  const list = server.store.listObjects.bind(server.store);
  server.store.listObjects = async (bucket, options) => {
    const delimiter = options.delimiter ?? "";
    if (delimiter === "") return list(bucket, options);
    const prefix = options.prefix ?? "";
    const all = await list(bucket, { ...options, delimiter: "", maxKeys: Number.POSITIVE_INFINITY });
    const commonPrefixes = new Set<string>();
    const objects: ListResult["objects"] = [];
    for (const object of all.objects) {
      const index = object.key.slice(prefix.length).indexOf(delimiter);
      if (index === -1) objects.push(object);
      else commonPrefixes.add(object.key.slice(0, prefix.length + index + delimiter.length));
    }
    const maxKeys = options.maxKeys ?? Number.POSITIVE_INFINITY;
    return { objects: objects.slice(0, maxKeys), commonPrefixes: [...commonPrefixes].sort(), isTruncated: objects.length > maxKeys };
  };
}
