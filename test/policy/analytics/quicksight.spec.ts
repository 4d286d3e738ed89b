// QuickSight data sources keep SSL on (cdk-nag AwsSolutions-QS1), from the provider's S3 data
// source example and an Aurora source that turns SSL off.
import { expect } from "chai";
import { QUICKSIGHT_DATA_SOURCE } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, violationsOf } from "../fixture";

const aurora = (sslProperties?: Record<string, unknown>) =>
  res(QUICKSIGHT_DATA_SOURCE, "aurora", {
    dataSourceId: "aurora-id",
    name: "Orders",
    type: "AURORA_POSTGRESQL",
    parameters: { auroraPostgresql: { database: "orders", host: "db.example", port: 5432 } },
    sslProperties,
  });

describe("quicksight-data-source-ssl", () => {
  const p = policy("quicksight-data-source-ssl");
  it("QS1 compliant: the provider's S3 example, and SSL left on explicitly", async () => {
    const s3 = res(QUICKSIGHT_DATA_SOURCE, "default", {
      parameters: {
        s3: { manifestFileLocation: { bucket: "my-bucket", key: "path/to/manifest.json" } },
      },
      dataSourceId: "example-id",
      name: "My Cool Data in S3",
      type: "S3",
    });
    await expectClean(p, [s3, aurora({ disableSsl: false })]);
  });
  it("QS1: sslProperties.disableSsl true", async () => {
    expect(await violationsOf(p.name, [aurora({ disableSsl: true })])).to.deep.equal([
      "aurora: sslProperties.disableSsl is true: the connection is not encrypted.",
    ]);
  });
});
