// How a read of an existing resource (`Resource.get(...)`) is recorded: one record, built by
// `readRecord` (tools/lib/engine/registration.ts) for both the offline engine and the mock-runtime
// recorder. Each caller still gives the provider itself: the recorder gives a StackReference the
// default `pulumi` provider, the engine none.
import * as aws from "@pulumi/aws";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { expect } from "chai";
import { readRecord } from "../../tools/lib/engine/registration";
import { record } from "../../tools/lib/recorder";

const PARENT = "urn:pulumi:dev::reads::platform:x:Holder::holder";

/** A read request as the SDK sends it for `aws.s3.Bucket.get("legacy", "acme-legacy", …)`. */
function readRequest(): resproto.ReadResourceRequest {
  const req = new resproto.ReadResourceRequest();
  req.setType("aws:s3/bucket:Bucket");
  req.setName("legacy");
  req.setId("acme-legacy");
  req.setParent(PARENT);
  req.setDependenciesList(["urn:pulumi:dev::reads::aws:s3/bucket:Bucket::other"]);
  req.setAdditionalsecretoutputsList(["policy"]);
  return req;
}

describe("the record of a read of an existing resource", () => {
  it("is custom, external and never remote, with the request's dependencies and secret outputs and no other option", () => {
    const source = { uri: "file:///program/index.ts", line: 3, column: 16 };
    const r = readRecord(readRequest(), {
      urn: "urn:pulumi:dev::reads::platform:x:Holder$aws:s3/bucket:Bucket::legacy",
      provider: "urn:pulumi:dev::reads::pulumi:providers:aws::default::id",
      inputs: {},
      outputs: { bucket: "acme-legacy" },
      source,
    });
    expect(r).to.deep.equal({
      urn: "urn:pulumi:dev::reads::platform:x:Holder$aws:s3/bucket:Bucket::legacy",
      type: "aws:s3/bucket:Bucket",
      name: "legacy",
      custom: true,
      remote: false,
      parent: PARENT,
      provider: "urn:pulumi:dev::reads::pulumi:providers:aws::default::id",
      inputs: {},
      outputs: { bucket: "acme-legacy" },
      dependencies: ["urn:pulumi:dev::reads::aws:s3/bucket:Bucket::other"],
      propertyDependencies: {},
      options: {
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        additionalSecretOutputs: ["policy"],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      },
      source,
      external: true,
    });
  });

  it("names no parent for a read at the top of the program", () => {
    const req = readRequest();
    req.setParent("");
    const r = readRecord(req, {
      urn: "u",
      provider: undefined,
      inputs: {},
      outputs: {},
      source: undefined,
    });
    expect(r.parent).to.equal(undefined);
    expect(r.provider).to.equal(undefined);
  });

  it("is what the mock-runtime recorder keeps of a `.get` in a program, beside its registrations", async () => {
    const rec = await record({ project: "reads", stack: "dev", engineResources: true }, () => {
      new aws.s3.Bucket("made", {});
      aws.s3.Bucket.get("legacy", "acme-legacy", undefined, {
        additionalSecretOutputs: ["policy"],
      });
    });
    const read = rec.resources.filter((r) => r.external);
    expect(read.map((r) => [r.type, r.name])).to.deep.equal([["aws:s3/bucket:Bucket", "legacy"]]);
    const [legacy] = read;
    expect(legacy.custom).to.equal(true);
    expect(legacy.remote).to.equal(false);
    expect(legacy.options.additionalSecretOutputs).to.deep.equal(["policy"]);
    expect(legacy.options.protect).to.equal(false);
    expect(legacy.propertyDependencies).to.deep.equal({});
    // The engine names the package's default provider on a read as on a registration.
    const made = rec.resources.find((r) => r.name === "made")!;
    expect(legacy.provider).to.be.a("string").and.equal(made.provider);
    expect(made.external).to.equal(undefined);
  });
});
