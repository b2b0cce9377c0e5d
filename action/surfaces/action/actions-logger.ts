/** The core's Logger, backed by @actions/core (info lines, warning annotations, debug lines). */
import * as core from "@actions/core";
import type { Logger } from "../../contracts/logger.ts";

export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
};
