// Resources adopted with the `import` resource option: `pulumi preview` reads them from AWS, an
// offline run cannot. The check judges what the program declares, as for any resource, and says
// per adopted resource, by name and line, that its real settings were not read.
import { expect } from "chai";
import * as path from "path";
import { importedResourceNotes, operationsText } from "../../tools/check/imported";
import { stackToJson } from "../../tools/check/format-json";
import { formatText } from "../../tools/check/format-text";
import type { RecordedResource } from "../../tools/lib/recorder";
import { checkProgram, findings, FIXTURES, later, lineOf } from "./program-runs";

const DIR = path.join(FIXTURES, "import-option");
const run = later(checkProgram(DIR, { phases: ["preview", "apply"] }));

describe("resources adopted with the import option", () => {
  it("gets one note per adopted resource, naming it, its line and its id, in both phases' report", async () => {
    const r = await run();
    const notes = r.configNotes.filter((n) => n.includes("`import` option"));
    expect(notes).to.have.length(2);
    const file = path.relative(process.cwd(), path.join(DIR, "index.ts"));
    const [bucket, queue] = notes;
    expect(bucket).to.match(/^aws:s3\/bucket:Bucket legacy-logs \(/);
    expect(bucket).to.contain(
      `${file}:${lineOf("import-option/index.ts", "const legacy = new aws.s3.Bucket(")}`,
    );
    expect(bucket).to.contain('(id "acme-legacy-logs")');
    expect(bucket).to.contain("its real settings were not read");
    expect(queue).to.match(/^aws:sqs\/queue:Queue orders \(/);
    expect(queue).to.contain('"https://sqs.eu-central-1.amazonaws.com/123456789012/orders"');
    expect(r.configNotes.join("\n")).not.to.contain("Queue jobs");
    expect(r.configNotes.join("\n")).not.to.contain("legacy-region");
  });

  it("judges the adopted resource's declared inputs as for any resource", async () => {
    const r = await run();
    expect(findings(r, "sqs-queue-kms-cmk", "orders")).to.have.length(1);
    expect(findings(r, "sqs-queue-kms-cmk", "jobs")).to.have.length(0);
  });

  it("counts adopted and read resources apart from those to create, in the text and JSON reports", async () => {
    const r = await run();
    const json = stackToJson(r);
    const operation = (name: string) =>
      json.resources.filter((x) => x.name === name).map((x) => [x.operation, x.importId]);
    // The bucket is adopted; its encryption configuration, of the same name, is created.
    expect(operation("legacy-logs")).to.deep.equal([
      ["import", "acme-legacy-logs"],
      ["create", null],
    ]);
    expect(operation("shared-artifacts")).to.deep.equal([["read", null]]);
    expect(operation("jobs")).to.deep.equal([
      ["create", null],
      ["create", null],
    ]);
    // The provider resource given the option is created: the engine imports no provider.
    expect(operation("legacy-region")).to.deep.equal([["create", null]]);
    const { create, import: adopted, read } = json.summary.operations;
    expect([adopted, read]).to.deep.equal([2, 1]);
    expect(create + adopted + read).to.equal(json.summary.resources);
    expect(formatText([r])).to.contain(
      `Resources: ${create} to create, 2 to import (adopted with the \`import\` option), 1 read (\`get\`, not managed)`,
    );
  });

  it("counts stack references apart from resources read with `get`: they read another stack's outputs", () => {
    const res = (type: string, name: string, external?: boolean) =>
      ({
        urn: `urn:pulumi:dev::p::${type}::${name}`,
        type,
        name,
        options: {},
        external,
      }) as unknown as RecordedResource;
    const queue = res("aws:sqs/queue:Queue", "jobs");
    const shared = res("aws:s3/bucket:Bucket", "shared", true);
    const net = res("pulumi:pulumi:StackReference", "acme/network/prod", true);
    const net2 = res("pulumi:pulumi:StackReference", "acme/data/prod", true);
    expect(operationsText([queue, shared, net])).to.equal(
      "1 to create, 1 read (`get`, not managed), 1 stack reference (read, not managed)",
    );
    expect(operationsText([queue, net, net2])).to.equal(
      "1 to create, 2 stack references (read, not managed)",
    );
    expect(operationsText([queue, shared])).to.equal("1 to create, 1 read (`get`, not managed)");
  });

  it("names each adopted resource once when both phases recorded it, and none without an id", () => {
    const res = (name: string, importId?: string) =>
      ({
        urn: `urn:pulumi:dev::p::aws:sqs/queue:Queue::${name}`,
        type: "aws:sqs/queue:Queue",
        name,
        options: importId ? { importId } : {},
      }) as unknown as RecordedResource;
    const notes = importedResourceNotes([res("a", "q-a"), res("b"), res("a", "q-a")]);
    expect(notes).to.have.length(1);
    expect(notes[0]).to.match(/^aws:sqs\/queue:Queue a is adopted .*\(id "q-a"\)/);
  });

  it("names no provider resource: the engine imports none (pulumi/pulumi#14596)", () => {
    const provider = {
      urn: "urn:pulumi:dev::p::pulumi:providers:aws::legacy",
      type: "pulumi:providers:aws",
      name: "legacy",
      options: { importId: "legacy-id" },
    } as unknown as RecordedResource;
    expect(importedResourceNotes([provider])).to.deep.equal([]);
  });
});
