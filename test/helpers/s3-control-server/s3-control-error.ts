/**
 * An S3 Control error response: HTTP status plus the `<ErrorResponse><Error><Code/><Message/>`
 * XML body the AWS SDK's REST-XML deserializer reads (`error.name` = Code, `error.message` = Message).
 */

export class S3ControlError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "S3ControlError";
    this.status = status;
    this.code = code;
  }

  static invalidRequest(message: string): S3ControlError {
    return new S3ControlError(400, "InvalidRequest", message);
  }

  static notFound(jobId: string): S3ControlError {
    return new S3ControlError(404, "NoSuchJob", `The specified job does not exist: ${jobId}`);
  }
}

export function errorXml(error: S3ControlError, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ErrorResponse><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></ErrorResponse>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
