import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  networkTimeouts,
  readS3Object,
  s3ClientFor
} from "./scan-worker-chunk-NDC45DP4.js";
import "./scan-worker-chunk-XO2NI57V.js";
import "./scan-worker-chunk-4O6M5R6G.js";
import "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-object-stream.ts
function openS3Object(settings, bucket, key, onRetry) {
  const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
  return readS3Object(s3ClientFor(settings), { bucket, key, idleMs, ...onRetry && { onRetry } });
}
export {
  openS3Object
};
