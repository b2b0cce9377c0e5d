/**
 * planInventory: the one use case every surface calls to plan. Reads the inventories, scans their data
 * files in parallel, writes manifests, plan.json and plan.md into the output folder (all or nothing),
 * and uploads the manifests when asked.
 */
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { buildPlan } from "../core/plan/build-plan.ts";
import type { ScannedInventory } from "../core/plan/scanned-inventory.ts";
import { InputError } from "../contracts/errors.ts";
import { emptyTally, mergeTally } from "../core/plan/file-tally.ts";
import { jobIdFor } from "../core/plan/job-id.ts";
import type { Logger } from "../contracts/logger.ts";
import type { PlanOptions } from "../core/plan/options.ts";
import { serializePlan, validatePlan, type Plan } from "../contracts/plan-schema.ts";
import { renderPlanMarkdown } from "../core/plan/render-plan-markdown.ts";
import { inflatesSynchronously } from "../io/scan/inflate.ts";
import { loadInventory } from "../io/inventory/load-inventory.ts";
import type { LoadedInventory } from "../io/inventory/loaded-inventory.ts";
import { ManifestAssembler } from "../io/plan/manifest-assembler.ts";
import { checkOutputFolder } from "../io/plan/output-folder.ts";
import { commitOutput, createStaging, discardStaging, sweepStaleStaging } from "../io/plan/output-writer.ts";
import type { S3ClientSettings } from "../io/aws/s3-client.ts";
import type { ScanTask } from "../io/scan/scan-data-file.ts";
import { ScanMonitor } from "../io/scan/scan-monitor.ts";
import { IN_THREAD_MAX_BYTES, runScanPool } from "../io/scan/scan-pool.ts";
import type { PlanProgress } from "../core/plan/progress-reporter.ts";

export type { PlanOptions } from "../core/plan/options.ts";
export type { PlanProgress } from "../core/plan/progress-reporter.ts";
export { validatePlanOptions } from "../core/plan/options.ts";
export { renderPlanMarkdown } from "../core/plan/render-plan-markdown.ts";

/** While the scan runs, progress is also reported on this timer, so a stall shows even when no byte comes. */
export const PROGRESS_TICK_MS = 1000;

export interface PlanDeps {
  logger: Logger;
  /** For manifest.json reads and manifest uploads; built from the options when absent. */
  s3?: S3Client;
  /** The clock for plan.md's inventory-age warning. Default: now. */
  now?: Date;
  onProgress?: (progress: PlanProgress) => void;
  /** Scan worker threads. Default: one per core, at most libuv's thread pool size (4 by default). */
  threads?: number;
}

export interface PlanResult {
  plan: Plan;
  dir: string;
  planPath: string;
  markdownPath: string;
  markdown: string;
}

export async function planInventory(options: PlanOptions, deps: PlanDeps): Promise<PlanResult> {
  const { logger } = deps;
  const clientSettings: S3ClientSettings = {
    ...(options.endpointUrl !== undefined && { endpointUrl: options.endpointUrl }),
    ...(options.region !== undefined && { region: options.region }),
    ...(options.timeouts !== undefined && { timeouts: options.timeouts }),
  };
  let s3 = deps.s3;
  // The AWS SDK is loaded only when an s3:// inventory or an upload needs it.
  const getS3 = async () => (s3 ??= (await import("../io/aws/s3-client.ts")).createS3Client(clientSettings));

  // A bad BUCKET_KEYS_INFLATE is reported before any work, not by each scan worker.
  inflatesSynchronously();
  const loaded: LoadedInventory[] = [];
  for (const location of options.inventories) {
    logger.info(`Reading inventory ${location}`);
    const inventory = await loadInventory(location, { s3: getS3, clientSettings });
    const twin = loaded.find((other) => other.manifest.sourceBucket === inventory.manifest.sourceBucket);
    if (twin) {
      throw new InputError(
        "inventory",
        `${inventory.display}: a second inventory for bucket "${inventory.manifest.sourceBucket}" (the first is ${twin.display}). Give one report per bucket: the newest.`,
      );
    }
    loaded.push(inventory);
  }
  loaded.sort((a, b) => (a.manifest.sourceBucket < b.manifest.sourceBucket ? -1 : 1));

  await checkOutputFolder(options.outDir, loaded);
  const sweep = await sweepStaleStaging(options.outDir);
  for (const { dir, why } of sweep.removed) logger.info(`Removed ${dir}, a staging folder ${why}.`);
  for (const { dir, why } of sweep.kept) logger.warn(`${dir}: a staging folder of another run, kept: ${why}.`);
  const staging = await createStaging(options.outDir);
  const assembler = new ManifestAssembler(staging.manifestsDir);
  try {
    const tasks: ScanTask[] = [];
    for (const inventory of loaded) {
      for (const [fileIndex, source] of inventory.dataFiles.entries()) {
        tasks.push({
          index: tasks.length,
          source,
          expectedMd5: inventory.manifest.files[fileIndex]!.md5,
          expectedSize: inventory.manifest.files[fileIndex]!.size,
          fileFormat: inventory.manifest.fileFormat,
          fileSchema: inventory.manifest.fileSchema,
          ...(inventory.manifest.parquetColumns !== undefined && { parquetColumns: inventory.manifest.parquetColumns }),
          sourceBucket: inventory.manifest.sourceBucket,
          operation: options.operation,
          inventoryTimeMs: inventory.manifest.creationTime.getTime(),
          partsDir: join(staging.partsDir, String(tasks.length)),
        });
      }
    }
    logger.info(`Scanning ${tasks.length} data file(s) of ${loaded.length} inventory report(s)`);
    const progress = { files: tasks.length, filesDone: 0, rows: 0, bytes: 0 };
    const monitor = new ScanMonitor();
    const report = () => {
      const inFlight = monitor.silences().map(({ index, silentMs }) => ({ file: tasks[index]!.source.display, silentMs }));
      deps.onProgress?.({ ...progress, inFlight } satisfies PlanProgress);
    };
    const ticker = deps.onProgress === undefined ? undefined : setInterval(report, PROGRESS_TICK_MS);
    ticker?.unref();
    // A size manifest.json leaves out (-1) is unknown: not small.
    const compressedBytes = loaded.reduce((sum, inventory) => sum + inventory.manifest.files.reduce((bytes, file) => bytes + (file.size < 0 ? Infinity : file.size), 0), 0);
    const scanning = runScanPool(tasks, {
      ...(deps.threads !== undefined && { threads: deps.threads }),
      inThread: deps.threads === undefined && compressedBytes <= IN_THREAD_MAX_BYTES,
      monitor,
      onProgress: (delta) => {
        progress.rows += delta.rows;
        progress.bytes += delta.bytes;
        progress.filesDone += delta.filesDone;
        report();
      },
      onRetry: (index, retry) => logger.info(`${tasks[index]!.source.display}: ${retry.reason}; reading on from byte ${retry.at.toLocaleString("en-US")} (attempt ${retry.attempt} of at most ${retry.maxAttempts} in a row)`),
      // Manifests grow while the files are being scanned.
      onPartGrown: (index, jobKey, part, bytes) => assembler.grow(index, part, bytes, jobIdFor(tasks[index]!.sourceBucket, jobKey)),
      onResult: (result) => {
        const task = tasks[result.index]!;
        logger.debug(`${task.source.display}: ${result.tally.rows} rows, ${(result.uncompressedBytes / 1e6).toFixed(1)} MB uncompressed, MD5 ok`);
        assembler.add(result.index, result.parts, (jobKey) => jobIdFor(task.sourceBucket, jobKey));
      },
    });
    const results = await scanning.finally(() => clearInterval(ticker));
    const manifests = await assembler.finish();

    const scanned: ScannedInventory[] = [];
    let taskIndex = 0;
    for (const inventory of loaded) {
      const fileResults = results.slice(taskIndex, taskIndex + inventory.dataFiles.length);
      taskIndex += inventory.dataFiles.length;
      const scan: ScannedInventory = {
        sourceBucket: inventory.manifest.sourceBucket,
        manifest: inventory.planManifest,
        manifestMd5: inventory.manifestMd5,
        creationTime: inventory.manifest.creationTime,
        fileFormat: inventory.manifest.fileFormat,
        fileSchema: inventory.manifest.fileSchema,
        dataFiles: inventory.dataFiles.length,
        tally: fileResults.reduce((sum, result) => mergeTally(sum, result.tally), emptyTally()),
      };
      scanned.push(scan);
    }

    let plan = buildPlan({ operation: options.operation, kmsKeyArn: options.kmsKeyArn, inventories: scanned, manifests });
    logger.info(`Plan ${plan.id}: ${plan.jobs.length} job(s), ${plan.totals.objects} object(s), ${plan.totals.skipped} skipped of ${plan.totals.rows} rows`);
    if (options.manifestUri !== undefined && plan.jobs.length > 0) {
      logger.info(`Uploading ${plan.jobs.length} manifest(s) to ${options.manifestUri}${plan.id}/`);
      const { uploadManifests } = await import("../io/plan/manifest-upload.ts");
      plan = await uploadManifests(await getS3(), plan, staging.dir, options.manifestUri, options.timeouts, logger);
    }
    // The same check every reader of plan.json applies: a plan that would not pass it is never written.
    const planJson = serializePlan(plan);
    validatePlan(JSON.parse(planJson), join(options.outDir, "plan.json"));
    const markdown = renderPlanMarkdown(plan, { now: deps.now ?? new Date() });
    await commitOutput(staging, options.outDir, { planMarkdown: markdown, planJson });
    return {
      plan,
      dir: options.outDir,
      planPath: join(options.outDir, "plan.json"),
      markdownPath: join(options.outDir, "plan.md"),
      markdown,
    };
  } catch (error) {
    await assembler.abort();
    await discardStaging(staging);
    throw error;
  }
}
