// The AWS SDK for JavaScript v3 (npm @aws-sdk/client-s3) against s3invmock: the
// inventory lifecycle path-style, one virtual-hosted call, each step printed as
// "ok ..." or "FAIL ...".
//
// usage: node lifecycle.mjs ENDPOINT PORT BUCKET
import http from "node:http";
import dns from "node:dns";
import {
  S3Client, CreateBucketCommand, DeleteBucketCommand,
  PutBucketInventoryConfigurationCommand, GetBucketInventoryConfigurationCommand,
  ListBucketInventoryConfigurationsCommand, DeleteBucketInventoryConfigurationCommand,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const [endpoint, port, bucket] = process.argv.slice(2);
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

// README: JavaScript v3, path-style
const s3 = new S3Client({
  endpoint, // http://127.0.0.1:9090
  forcePathStyle: true,
  region: "us-east-1",
  credentials,
  maxAttempts: 1,
});

// README: JavaScript v3, virtual-hosted: BUCKET.localhost, resolved to 127.0.0.1 by
// the agent, so that no name has to resolve on the machine
const toLoopback = (host, opts, cb) =>
  host.endsWith(".localhost")
    ? (opts.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4))
    : dns.lookup(host, opts, cb);
const virtual = new S3Client({
  endpoint: `http://localhost:${port}`,
  region: "us-east-1",
  credentials,
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ lookup: toLoopback }) }),
});

const config = {
  Id: "daily",
  IsEnabled: true,
  Destination: { S3BucketDestination: { Bucket: "arn:aws:s3:::dest", Format: "CSV", Prefix: "inv/" } },
  Schedule: { Frequency: "Daily" },
  IncludedObjectVersions: "Current",
  OptionalFields: ["Size", "ETag"],
};

async function step(name, f) {
  try {
    const detail = await f();
    console.log(`ok   js ${name}${detail ? ": " + detail : ""}`);
  } catch (e) {
    console.log(`FAIL js ${name}: ${e.name}: ${e.message}`);
  }
}
function expect(cond, detail) {
  if (!cond) throw new Error(detail);
  return detail;
}
// sorted renders a value with every object's keys in order, to compare documents.
const sorted = (v) => JSON.stringify(v, (_, x) =>
  x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x);
const ids = (out) => (out.InventoryConfigurationList ?? []).map((c) => c.Id).join(",");

await step("create bucket", () => s3.send(new CreateBucketCommand({ Bucket: bucket })).then(() => ""));
await step("put", () => s3.send(new PutBucketInventoryConfigurationCommand({
  Bucket: bucket, Id: "daily", InventoryConfiguration: config })).then(() => ""));
await step("get", async () => {
  const out = await s3.send(new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: "daily" }));
  return expect(sorted(out.InventoryConfiguration) === sorted(config),
    "the configuration put: " + sorted(out.InventoryConfiguration));
});
await step("list", async () =>
  expect(ids(await s3.send(new ListBucketInventoryConfigurationsCommand({ Bucket: bucket }))) === "daily", "daily"));
await step("list, virtual-hosted", async () =>
  expect(ids(await virtual.send(new ListBucketInventoryConfigurationsCommand({ Bucket: bucket }))) === "daily", "daily"));
await step("delete", () => s3.send(new DeleteBucketInventoryConfigurationCommand({ Bucket: bucket, Id: "daily" })).then(() => ""));
await step("get after delete", async () => {
  try {
    await s3.send(new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: "daily" }));
  } catch (e) {
    return expect(e.name === "NoSuchConfiguration", e.name);
  }
  throw new Error("no error");
});
await step("delete bucket", () => s3.send(new DeleteBucketCommand({ Bucket: bucket })).then(() => ""));
