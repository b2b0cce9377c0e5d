/**
 * How long any network call may take, from one setting: `idle-timeout` (CLI flag `--idle-timeout`,
 * Action input `idle-timeout`), the seconds a connection may stay silent before that attempt counts
 * as failed. Every other limit derives from it, so tests can shorten them all at once. Pure.
 *
 * Sources for the default (docs/cli.md, "Timeouts", quotes them):
 * - S3 documents no idle limit of its own, only that a silent socket ends a request ("RequestTimeout:
 *   Your socket connection to the server was not read from or written to within the timeout
 *   period", S3 API Error responses), and advises "Aggressive timeouts and retries" (S3
 *   performance guidelines). The AWS CLI waits 60 s (`--cli-read-timeout`, "The default value is 60
 *   seconds"); a silent S3 read here costs only one ranged GET to resume, so 30 s.
 * - GitHub ends any REST request it takes more than 10 seconds to process ("Troubleshooting the REST
 *   API", "Timeouts"): 30 s per attempt is three times that, with room for the transfer.
 */
import { InputError } from "../../contracts/errors.ts";
import { settingName, stringSetting, type RawSettings, type SettingSource } from "./setting-source.ts";

export const IDLE_TIMEOUT_SETTING = "idle-timeout";
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
export const MIN_IDLE_TIMEOUT_SECONDS = 1;
export const MAX_IDLE_TIMEOUT_SECONDS = 3600;

/**
 * The AWS SDKs' "standard" defaults mode connects within 3.1 s ("Smart configuration defaults",
 * connectTimeoutInMillis; in this SDK @smithy/core's defaults-mode.js, `connectionTimeout: 3100`).
 */
export const CONNECT_TIMEOUT_MS = 3100;
/** An AWS request may take this many idle windows to its response headers (request body sent included). */
export const AWS_REQUEST_IDLE_WINDOWS = 2;

export interface NetworkTimeouts {
  /** TCP (and TLS) connection to S3, S3 Control or GitHub: CONNECT_TIMEOUT_MS, or idleMs when shorter. */
  connectMs: number;
  /** No byte sent or received on a connection for this long: the attempt failed (streamed bodies included). */
  idleMs: number;
  /** An AWS request, from its start to the response headers: AWS_REQUEST_IDLE_WINDOWS idle windows. */
  awsRequestMs: number;
  /** One GitHub request attempt, start to end (responses are small JSON): one idle window. */
  gitHubAttemptMs: number;
}

export function networkTimeouts(idleSeconds: number = DEFAULT_IDLE_TIMEOUT_SECONDS): NetworkTimeouts {
  const idleMs = Math.round(idleSeconds * 1000);
  return { connectMs: Math.min(CONNECT_TIMEOUT_MS, idleMs), idleMs, awsRequestMs: AWS_REQUEST_IDLE_WINDOWS * idleMs, gitHubAttemptMs: idleMs };
}

/** Reads `idle-timeout` (whole seconds, 1 to 3600; default 30); throws InputError naming the flag or input. */
export function parseIdleTimeout(raw: RawSettings, source: SettingSource): NetworkTimeouts {
  const value = stringSetting(raw, IDLE_TIMEOUT_SETTING);
  if (value === undefined) return networkTimeouts();
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < MIN_IDLE_TIMEOUT_SECONDS || seconds > MAX_IDLE_TIMEOUT_SECONDS) {
    throw new InputError(
      IDLE_TIMEOUT_SETTING,
      `${settingName(IDLE_TIMEOUT_SETTING, source)}: "${value}" is not a whole number of seconds from ${MIN_IDLE_TIMEOUT_SECONDS} to ${MAX_IDLE_TIMEOUT_SECONDS} (default ${DEFAULT_IDLE_TIMEOUT_SECONDS}): how long a connection may stay silent before the attempt is retried.`,
    );
  }
  return networkTimeouts(seconds);
}

/** "30 s", "2.5 min": a duration for messages. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}
