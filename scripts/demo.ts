/**
 * `npm start`: the whole plan flow on this machine, no AWS account needed. Starts an S3 endpoint in-process
 * on loopback, writes generated inventories into it (a versioned bucket with every routing branch, and
 * a second bucket with AWS's tutorial schema), plans from the s3:// manifests, uploads the job manifests
 * to the local endpoint, prints plan.md, writes the plan to ./out/, and prints the CreateJob requests
 * that applying the plan would send. Then it stops the endpoint.
 */
import { buildCreateJobRequest } from "../action/core/apply/create-job-request.ts";
import { planInventory } from "../action/use-cases/plan-inventory.ts";
import { createProgressReporter } from "../action/core/plan/progress-reporter.ts";
import { FULL_SCHEMA, splitRows, TUTORIAL_SCHEMA, writeInventory } from "../test/helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../test/helpers/inventory-rows.ts";
import { LOCAL_S3_REGION, startS3Server } from "../test/helpers/s3-server.ts";

/** Rows of the versioned bucket's inventory (BUCKET_KEYS_DEMO_ROWS overrides, e.g. for a quick test). */
const ROWS = Number(process.env.BUCKET_KEYS_DEMO_ROWS ?? 300_000);
const KMS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const JOB_SETTINGS = {
  accountId: "111122223333",
  roleArn: "arn:aws:iam::111122223333:role/bucket-keys-batch-operations",
  reportBucket: "batch-reports",
  reportPrefix: "bucket-keys",
  priority: 10,
  tags: [{ Key: "team", Value: "platform" }],
};

const server = await startS3Server({ buckets: ["inventory-destination", "batch-manifests", "batch-reports"] });
try {
  Object.assign(process.env, server.env()); // scan workers use the default credential chain
  const client = server.client();
  const log = (message: string) => process.stderr.write(`demo: ${message}\n`);
  log(`S3 endpoint on ${server.endpoint}; writing a ${ROWS.toLocaleString("en-US")}-row inventory of versioned bucket "photos-prod"...`);
  const photos = await writeInventory(
    { kind: "s3", client, bucket: "inventory-destination" },
    {
      sourceBucket: "photos-prod",
      fileSchema: FULL_SCHEMA,
      dataFiles: splitRows([...routingCases("photos-prod").map((c) => c.row), ...realisticRows("photos-prod", ROWS, 42)], 4),
      creationTime: new Date(Date.now() - 2 * 86_400_000),
    },
  );
  const legacy = await writeInventory(
    { kind: "s3", client, bucket: "inventory-destination" },
    {
      sourceBucket: "legacy-logs",
      fileSchema: TUTORIAL_SCHEMA,
      dataFiles: [realisticRows("legacy-logs", 5_000, 7)],
      creationTime: new Date(Date.now() - 10 * 86_400_000),
    },
  );
  const progress = createProgressReporter(process.stderr);
  const result = await planInventory(
    {
      inventories: [photos.manifest, legacy.manifest],
      kmsKeyArn: KMS_KEY_ARN,
      outDir: "out",
      operation: "auto",
      manifestUri: "s3://batch-manifests/bucket-keys/",
      endpointUrl: server.endpoint,
      region: LOCAL_S3_REGION,
    },
    { logger: { info: log, warn: log, debug: () => {} }, s3: client, onProgress: (p) => progress.update(p) },
  );
  progress.done();
  process.stdout.write(`\n${result.markdown}\n`);
  process.stdout.write(`## CreateJob requests applying plan ${result.plan.id} would send\n\n`);
  for (const job of result.plan.jobs) {
    const request = buildCreateJobRequest(result.plan, job, JOB_SETTINGS);
    process.stdout.write(`### ${job.id}\n\n\`\`\`json\n${JSON.stringify(request, null, 2)}\n\`\`\`\n\n`);
  }
  log(`wrote ${result.planPath}, ${result.markdownPath} and ${result.plan.jobs.length} manifests; uploaded them under s3://batch-manifests/bucket-keys/${result.plan.id}/`);
} finally {
  await server.stop();
}
