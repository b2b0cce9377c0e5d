/** Reads the fields the SDK puts on a service error, without trusting its shape. */
export interface AwsErrorInfo {
  name: string | undefined;
  httpStatus: number | undefined;
  message: string;
}

export function awsErrorInfo(error: unknown): AwsErrorInfo {
  if (error === null || typeof error !== "object") return { name: undefined, httpStatus: undefined, message: String(error) };
  const record = error as { name?: unknown; message?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const name = typeof record.Code === "string" ? record.Code : typeof record.name === "string" ? record.name : undefined;
  const httpStatus = typeof record.$metadata?.httpStatusCode === "number" ? record.$metadata.httpStatusCode : undefined;
  return { name, httpStatus, message: typeof record.message === "string" ? record.message : String(error) };
}

export function isAccessDenied(info: AwsErrorInfo): boolean {
  return info.name === "AccessDenied" || info.name === "AccessDeniedException" || info.httpStatus === 403;
}

export function isNotFound(info: AwsErrorInfo): boolean {
  return info.name === "NotFound" || info.name === "NoSuchKey" || info.name === "NoSuchJob" || info.name === "NotFoundException" || info.httpStatus === 404;
}
