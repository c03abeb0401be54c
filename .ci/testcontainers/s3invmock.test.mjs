// The README's Testcontainers (Node) recipe: the sidecar image started by the npm
// testcontainers package, driven by the AWS SDK for JavaScript v3, then stopped.
//
// usage: node --test s3invmock.test.mjs  (with testcontainers and @aws-sdk/client-s3
// installed beside it; .ci/testcontainers.sh sets DOCKER_HOST and the rest)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { GenericContainer, Wait } from "testcontainers";
import {
  S3Client, CreateBucketCommand,
  PutBucketInventoryConfigurationCommand, GetBucketInventoryConfigurationCommand,
} from "@aws-sdk/client-s3";

const image = process.env.S3INVMOCK_IMAGE ?? "localhost/s3invmock:tc";

// README: Testcontainers (Node)
// GenericContainer publishes on every host address; this publishes on 127.0.0.1 only.
class S3InvMockContainer extends GenericContainer {
  constructor(image) {
    super(image);
    this.withExposedPorts(9090).withWaitStrategy(Wait.forHttp("/_mock/health", 9090));
    this.hostConfig.PortBindings["9090/tcp"] = [{ HostIp: "127.0.0.1", HostPort: "0" }];
  }
}

let container;
let s3;
before(async () => {
  container = await new S3InvMockContainer(image)
    // Only for a machine whose open-files hard limit is below podman's default.
    .withUlimits({ nofile: { soft: 20000, hard: 20000 }, nproc: { soft: 32768, hard: 32768 } })
    .start();
  s3 = new S3Client({
    endpoint: `http://${container.getHost()}:${container.getMappedPort(9090)}`,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });
});
after(async () => {
  s3?.destroy();
  await container?.stop();
});

test("an inventory configuration put is the one got back", async () => {
  await s3.send(new CreateBucketCommand({ Bucket: "tc-bucket" }));
  await s3.send(new PutBucketInventoryConfigurationCommand({
    Bucket: "tc-bucket",
    Id: "daily",
    InventoryConfiguration: {
      Id: "daily",
      IsEnabled: true,
      Destination: { S3BucketDestination: { Bucket: "arn:aws:s3:::dest", Format: "CSV", Prefix: "inv/" } },
      Schedule: { Frequency: "Daily" },
      IncludedObjectVersions: "Current",
      OptionalFields: ["Size", "ETag"],
    },
  }));
  const got = await s3.send(new GetBucketInventoryConfigurationCommand({ Bucket: "tc-bucket", Id: "daily" }));
  assert.equal(got.InventoryConfiguration.Id, "daily");
  assert.equal(got.InventoryConfiguration.Destination.S3BucketDestination.Prefix, "inv/");
  assert.deepEqual(got.InventoryConfiguration.OptionalFields, ["Size", "ETag"]);
});
// README end
