/** What the CLI's apply and status entry points share: flag parsing into raw settings, and error reporting. */
import { parseArgs } from "node:util";
import { errorLocation, errorMessage, InputError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";

export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processStreams: CliStreams = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export function stderrLogger(streams: CliStreams): Logger {
  return {
    info: (message) => streams.stderr(`${message}\n`),
    warn: (message) => streams.stderr(`warning: ${message}\n`),
    debug: () => {},
  };
}

/** Parses `--name value` flags (each may repeat) into raw settings keyed by flag name. */
export function parseFlags(args: readonly string[], names: readonly string[], usage: string): Record<string, string[] | undefined> & { debug?: boolean } {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: "string" as const, multiple: true }]));
    const { values } = parseArgs({ args: [...args], options: { ...options, debug: { type: "boolean" } }, strict: true, allowPositionals: false });
    return values as Record<string, string[] | undefined> & { debug?: boolean };
  } catch (error) {
    throw new InputError("arguments", `${errorMessage(error)}\n${usage}`);
  }
}

/**
 * Runs a CLI command: prints usage for --help, prints an error (file:line when known, stack with
 * --debug) and returns the exit code: 0 success, 1 failure, 2 usage error (as `bucket-keys plan`).
 */
export async function runCommandLine(args: readonly string[], streams: CliStreams, usage: string, body: () => Promise<number>): Promise<number> {
  if (args.includes("--help")) {
    streams.stdout(`${usage}\n`);
    return 0;
  }
  try {
    return await body();
  } catch (error) {
    const location = errorLocation(error);
    const message = errorMessage(error);
    const prefix = location && !message.startsWith(location.file) ? `${location.file}${location.line === undefined ? "" : `:${location.line}`}: ` : "";
    streams.stderr(`bucket-keys: ${prefix}${message}\n`);
    if (args.includes("--debug") && error instanceof Error && error.stack) streams.stderr(`${error.stack}\n`);
    return error instanceof InputError ? 2 : 1;
  }
}
