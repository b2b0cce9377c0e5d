/**
 * An S3 error response: HTTP status plus S3's `<Error><Code/><Message/><RequestId/><HostId/></Error>`
 * body (extra elements such as Key or BucketName after Message), which the AWS SDK's REST-XML
 * deserializer reads as `error.name` = Code and `error.message` = Message. HEAD responses carry no
 * body, only the status and headers, as on S3.
 */
import { escapeXml } from "./xml-codec.ts";

export class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra elements of the error body, e.g. { Key: "a.txt" } or { BucketName: "logs" }. */
  readonly fields: Record<string, string>;
  /** Response headers the error carries, e.g. x-amz-delete-marker on a 404 for a deleted key. */
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.name = "S3Error";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }

  static noSuchBucket(bucket: string): S3Error {
    return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
  }

  static noSuchKey(key: string, headers: Record<string, string> = {}): S3Error {
    return new S3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key }, headers);
  }

  static noSuchVersion(key: string, versionId: string): S3Error {
    return new S3Error(404, "NoSuchVersion", "The specified version does not exist.", { Key: key, VersionId: versionId });
  }

  static accessDenied(message = "Access Denied"): S3Error {
    return new S3Error(403, "AccessDenied", message);
  }

  static invalidRequest(message: string): S3Error {
    return new S3Error(400, "InvalidRequest", message);
  }

  static invalidArgument(message: string, name?: string, value?: string): S3Error {
    const fields: Record<string, string> = {};
    if (name !== undefined) fields.ArgumentName = name;
    if (value !== undefined) fields.ArgumentValue = value;
    return new S3Error(400, "InvalidArgument", message, fields);
  }

  static malformedXml(): S3Error {
    return new S3Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
  }

  static methodNotAllowed(headers: Record<string, string> = {}): S3Error {
    return new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", {}, headers);
  }

  static preconditionFailed(condition: string): S3Error {
    return new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", { Condition: condition });
  }

  static notImplemented(what: string): S3Error {
    return new S3Error(501, "NotImplemented", `A header or query you provided implies functionality that is not implemented by the local S3 server: ${what}`);
  }
}

export function errorXml(error: S3Error, requestId: string): string {
  const fields = Object.entries(error.fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${fields}` +
    `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`
  );
}
