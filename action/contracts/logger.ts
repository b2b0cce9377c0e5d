/**
 * Where the core reports what it is doing. The CLI backs it with stderr, the Action with @actions/core,
 * tests with an array. The core never prints.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/** A logger that drops everything: for callers that only want the return value. */
export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** A logger that records every line, for tests. */
export function memoryLogger(): Logger & { lines: { level: "info" | "warn" | "debug"; message: string }[] } {
  const lines: { level: "info" | "warn" | "debug"; message: string }[] = [];
  return {
    lines,
    info: (message) => void lines.push({ level: "info", message }),
    warn: (message) => void lines.push({ level: "warn", message }),
    debug: (message) => void lines.push({ level: "debug", message }),
  };
}
