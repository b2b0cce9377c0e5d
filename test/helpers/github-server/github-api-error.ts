/**
 * An error response in GitHub's REST shape: `{ message, errors?, documentation_url, status }`.
 * Handlers throw it; the server writes it with the operation's documentation URL.
 */

/** One entry of a 422 response's `errors` array, as GitHub sends it. */
export interface GitHubFieldError {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

export class GitHubApiError extends Error {
  readonly status: number;
  readonly errors: GitHubFieldError[] | undefined;

  constructor(status: number, message: string, errors?: GitHubFieldError[]) {
    super(message);
    this.name = "GitHubApiError";
    this.status = status;
    this.errors = errors;
  }

  static notFound(): GitHubApiError {
    return new GitHubApiError(404, "Not Found");
  }

  static unprocessable(message: string, errors?: GitHubFieldError[]): GitHubApiError {
    return new GitHubApiError(422, message, errors);
  }

  static validationFailed(errors: GitHubFieldError[]): GitHubApiError {
    return new GitHubApiError(422, "Validation Failed", errors);
  }

  body(documentationUrl: string): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      documentation_url: documentationUrl,
      status: String(this.status),
    };
  }
}
