// The opt-in features' keys: off in the committed stacks, their defaults, every bad input.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { BadInput, base, problems, rejects } from "../fixtures/config";
import { stackConfig } from "../helpers";

describe("config: opt-in MVP features", () => {
  it("every feature is off in the committed stacks", () => {
    for (const stack of ["staging", "prod"]) {
      const f = parseStackConfig(stackConfig(stack)).features;
      expect(f).to.deep.equal({
        backup: undefined,
        database: undefined,
        testServer: false,
        aiEnvironment: undefined,
      });
    }
  });

  it("parses each feature with its defaults when turned on", () => {
    const f = parseStackConfig({
      ...base(),
      "platform:backupEnabled": true,
      "platform:databaseEnabled": "true",
      "platform:testServerEnabled": true,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "10.99.0.0/24",
    }).features;
    expect(f.backup).to.deep.equal({ retentionDays: 1, vaultLock: "none" });
    expect(f.database).to.deep.equal({
      engine: "aurora-postgresql",
      minCapacity: 0.5,
      maxCapacity: 4,
      instanceCount: 1,
    });
    expect(f.testServer).to.equal(true);
    expect(f.aiEnvironment).to.deep.equal({ cidrBlock: "10.99.0.0/24", allowedPorts: [443] });
  });

  it("parses explicit values (strings as the CLI stores them, YAML lists)", () => {
    const f = parseStackConfig({
      ...base(),
      "platform:backupEnabled": true,
      "platform:backupRetentionDays": "35",
      "platform:backupVaultLock": "compliance",
      "platform:databaseEnabled": true,
      "platform:databaseEngine": "aurora-mysql",
      "platform:databaseMinAcu": "0",
      "platform:databaseMaxAcu": 2.5,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "172.16.8.0/22",
      "platform:aiAllowedPorts": "[8000, 443, 8000]",
    }).features;
    expect(f.backup).to.deep.equal({ retentionDays: 35, vaultLock: "compliance" });
    expect(f.database).to.deep.equal({
      engine: "aurora-mysql",
      minCapacity: 0,
      maxCapacity: 2.5,
      instanceCount: 1,
    });
    expect(f.aiEnvironment?.allowedPorts).to.deep.equal([443, 8000]);
  });

  it("passes a database engine version of the engine's major version to the database", () => {
    const f = parseStackConfig({
      ...base(),
      "platform:databaseEnabled": true,
      "platform:databaseEngineVersion": "16.9",
    }).features;
    expect(f.database).to.deep.equal({
      engine: "aurora-postgresql",
      minCapacity: 0.5,
      maxCapacity: 4,
      engineVersion: "16.9",
      instanceCount: 1,
    });
  });

  // Prod's database has a reader in another AZ to fail over to; other environments one writer.
  for (const [stack, instanceCount] of [
    ["staging", 1],
    ["prod", 2],
  ] as const) {
    it(`gives the ${stack} stack's database ${instanceCount} instance(s)`, () => {
      const f = parseStackConfig(stackConfig(stack, { "platform:databaseEnabled": true }), {
        stack,
      }).features;
      expect(f.database?.instanceCount).to.equal(instanceCount);
    });
  }

  const on = {
    "platform:backupEnabled": true,
    "platform:databaseEnabled": true,
    "platform:aiEnvironmentEnabled": true,
    "platform:aiVpcCidr": "10.99.0.0/24",
  };
  const cases: BadInput[] = [
    [
      "feature flag of the wrong type",
      { "platform:backupEnabled": "yes" },
      /^platform:backupEnabled: must be true or false/,
    ],
    [
      "retention without backups",
      { "platform:backupRetentionDays": 7 },
      /^platform:backupRetentionDays: applies only when platform:backupEnabled is true/,
    ],
    [
      "vault lock without backups",
      { "platform:backupVaultLock": "governance" },
      /^platform:backupVaultLock: applies only when platform:backupEnabled is true/,
    ],
    [
      "retention of 0 days",
      { ...on, "platform:backupRetentionDays": 0 },
      /^platform:backupRetentionDays: 0 is out of range/,
    ],
    [
      "unknown vault lock mode",
      { ...on, "platform:backupVaultLock": "strict" },
      /^platform:backupVaultLock: "strict" is not allowed; use "none" or "governance" or "compliance"/,
    ],
    [
      "engine without the database",
      { "platform:databaseEngine": "aurora-mysql" },
      /^platform:databaseEngine: applies only when platform:databaseEnabled is true/,
    ],
    [
      "unknown engine",
      { ...on, "platform:databaseEngine": "mysql" },
      /^platform:databaseEngine: "mysql" is not allowed; use "aurora-postgresql" or "aurora-mysql"/,
    ],
    [
      "ACU not a number",
      { ...on, "platform:databaseMinAcu": "half" },
      /^platform:databaseMinAcu: must be a number/,
    ],
    [
      "ACU off the 0.5 grid",
      { ...on, "platform:databaseMinAcu": 0.75 },
      /^platform:databaseMinAcu: 0\.75 is not a step of 0\.5/,
    ],
    [
      "ACU above 256",
      { ...on, "platform:databaseMaxAcu": 300 },
      /^platform:databaseMaxAcu: 300 is out of range/,
    ],
    [
      "max ACU below min",
      { ...on, "platform:databaseMinAcu": 8, "platform:databaseMaxAcu": 2 },
      /^platform:databaseMaxAcu: 2 is below platform:databaseMinAcu 8/,
    ],
    [
      "engine version without the database",
      { "platform:databaseEngineVersion": "16.9" },
      /^platform:databaseEngineVersion: applies only when platform:databaseEnabled is true/,
    ],
    [
      "engine version of another major version",
      { ...on, "platform:databaseEngineVersion": "17.4" },
      /^platform:databaseEngineVersion: "17\.4" is not a version of aurora-postgresql 16\.x \(its parameter group family is aurora-postgresql16\)/,
    ],
    [
      "engine version of the other engine",
      {
        ...on,
        "platform:databaseEngine": "aurora-mysql",
        "platform:databaseEngineVersion": "16.9",
      },
      /^platform:databaseEngineVersion: "16\.9" is not a version of aurora-mysql 8\.0\.mysql_aurora\.3\.08\.x/,
    ],
    [
      "engine version that cannot pause at 0 ACUs",
      { ...on, "platform:databaseMinAcu": 0, "platform:databaseEngineVersion": "16.2" },
      /^platform:databaseEngineVersion: "16\.2" cannot pause at 0 ACUs \(platform:databaseMinAcu 0 needs 16\.3 or later\)/,
    ],
    // Aurora user guide, "Supported Regions and Aurora DB engines for RDS Data API": "Not
    // available" in these Regions, for either engine; the cluster turns the Data API on.
    ...["ap-south-2", "ap-southeast-4", "ap-southeast-6"].map((region): BadInput => [
      `database in ${region}, a region without the RDS Data API`,
      { ...on, "aws:region": region },
      new RegExp(
        `^aws:region: ${region} does not offer the RDS Data API the database is created with`,
      ),
    ]),
    [
      // The same page: Aurora MySQL "Version 3.07 and higher" only.
      "MySQL engine version without the RDS Data API",
      {
        ...on,
        "platform:databaseEngine": "aurora-mysql",
        "platform:databaseEngineVersion": "8.0.mysql_aurora.3.06.1",
      },
      /^platform:databaseEngineVersion: "8\.0\.mysql_aurora\.3\.06\.1" has no RDS Data API, which the database is created with \(aurora-mysql needs 8\.0\.mysql_aurora\.3\.07\.0 or later\)/,
    ],
    [
      "AI environment without its range",
      { "platform:aiEnvironmentEnabled": true },
      /^platform:aiVpcCidr: is required/,
    ],
    [
      "AI range without the AI environment",
      { "platform:aiVpcCidr": "10.99.0.0/24" },
      /^platform:aiVpcCidr: applies only when platform:aiEnvironmentEnabled is true/,
    ],
    [
      "AI range overlapping the main VPC",
      { ...on, "platform:aiVpcCidr": "10.20.128.0/24" },
      /^platform:aiVpcCidr: "10\.20\.128\.0\/24" overlaps platform:vpcCidr "10\.20\.0\.0\/16"; peered VPCs need ranges that do not overlap/,
    ],
    [
      "AI range containing the main VPC",
      { ...on, "platform:aiVpcCidr": "10.0.0.0/8" },
      /^platform:aiVpcCidr: "10\.0\.0\.0\/8" has prefix \/8/,
    ],
    [
      "AI range public",
      { ...on, "platform:aiVpcCidr": "8.8.8.0/24" },
      /^platform:aiVpcCidr: "8\.8\.8\.0\/24" is not inside 10\.0\.0\.0\/8/,
    ],
    [
      "AI range malformed",
      { ...on, "platform:aiVpcCidr": "10.99.0.0" },
      /^platform:aiVpcCidr: "10\.99\.0\.0" is not an IPv4 CIDR/,
    ],
    [
      "AI port out of range",
      { ...on, "platform:aiAllowedPorts": [443, 70000] },
      /^platform:aiAllowedPorts: 70000 is not a TCP port/,
    ],
    [
      "AI admin port across the peering",
      { ...on, "platform:aiAllowedPorts": [22] },
      /^platform:aiAllowedPorts: 22 is an administration port/,
    ],
    [
      "AI ports of the wrong type",
      { ...on, "platform:aiAllowedPorts": ["https"] },
      /^platform:aiAllowedPorts: must be a list of integers/,
    ],
    [
      "AI ports empty",
      { ...on, "platform:aiAllowedPorts": [] },
      /^platform:aiAllowedPorts: has 0 entries; give 1 to 10 ports/,
    ],
  ];
  rejects(cases, (what) => `rejects: ${what}`);

  // Regions the page shows no "Not available" row for are left to AWS: a false refusal would
  // stop a valid program (components/database.keys.ts, REGIONS_WITHOUT_DATA_API).
  it("leaves to AWS the regions not shown without the RDS Data API", () => {
    const regions = [
      "ap-east-2",
      "ap-southeast-7",
      "ca-west-1",
      "cn-north-1",
      "cn-northwest-1",
      "eu-central-2",
      "il-central-1",
      "mx-central-1",
      "us-gov-east-1",
      "us-gov-west-1",
    ];
    for (const region of regions) {
      const dataApi = problems({ ...base(), ...on, "aws:region": region }).filter((p) =>
        p.includes("RDS Data API"),
      );
      expect(dataApi, region).to.deep.equal([]);
    }
  });

  it("prod refuses a database that pauses", () => {
    const all = problems({
      ...stackConfig("prod"),
      "platform:databaseEnabled": true,
      "platform:databaseMinAcu": 0,
    });
    expect(all).to.deep.equal([
      "platform:databaseMinAcu: prod must not pause its database (at least 0.5): resuming from 0 ACUs takes seconds on the first request",
    ]);
  });
});
