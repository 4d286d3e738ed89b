// The generator of ./sdk-names.txt (tools/native-names.ts, `npm run -s native:names`), on two
// small packages laid out as @pulumi/aws-native's: a resource's token in its <type>.js, its Args in
// <type>.d.ts, nested input types in types/input.d.ts. The committed table itself is checked
// against the real packages by running the generator with --check (docs: policy-pack/docs/coverage.md).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError } from "../../../tools/lib/cli";
import { loadSdk, nameTable } from "../../../tools/native-names";

/** Writes a package of `version` with one resource, `aws-native:demo:Store`, and its inputs. */
function fakeSdk(root: string, version: string, args: string, input: string): string {
  const dir = path.join(root, version, "package");
  fs.mkdirSync(path.join(dir, "demo"), { recursive: true });
  fs.mkdirSync(path.join(dir, "types"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "@pulumi/aws-native", version }),
  );
  fs.writeFileSync(
    path.join(dir, "demo", "store.js"),
    "class Store {}\nStore.__pulumiType = 'aws-native:demo:Store';\n",
  );
  // An invoke's file names the token too, and is not the resource.
  fs.writeFileSync(
    path.join(dir, "demo", "getStore.js"),
    "exports.getStore = () => invoke('aws-native:demo:getStore');\n",
  );
  fs.writeFileSync(
    path.join(dir, "demo", "store.d.ts"),
    `export declare class Store {}\nexport interface StoreArgs {\n${args}\n}\n`,
  );
  fs.writeFileSync(
    path.join(dir, "types", "input.d.ts"),
    `export declare namespace demo {\n${input}\n}\n`,
  );
  return path.dirname(dir);
}

describe("tools/native-names.ts: the aws-native SDK name table", () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "native-names-"));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists versions, top-level inputs, nested names, and the names only older SDKs spell", () => {
    const newest = fakeSdk(
      root,
      "1.2.0",
      "    kmsKeyId?: pulumi.Input<string>;\n" +
        "    /** docs; with a ; inside */\n" +
        "    sseSpecification?: pulumi.Input<inputs.demo.StoreSseSpecificationArgs>;",
      "    interface StoreSseSpecificationArgs {\n        sseEnabled?: pulumi.Input<boolean>;\n    }",
    );
    // An early 0.x: acronyms camel-cased letter by letter, its version written with a "v".
    const early = fakeSdk(
      root,
      "v0.3.0",
      "    kMSKeyId?: pulumi.Input<string>;\n" +
        "    sSESpecification?: pulumi.Input<inputs.demo.StoreSSESpecificationArgs>;",
      "    interface StoreSSESpecificationArgs {\n        sSEEnabled?: pulumi.Input<boolean>;\n    }",
    );
    const table = nameTable(
      [loadSdk(newest), loadSdk(early)],
      ["aws-native:demo:Store", "aws-native:demo:Gone"],
    );
    const [header, ...rows] = table.split("\n");
    expect(header).to.match(
      /^# Generated from the @pulumi\/aws-native npm packages 1\.2\.0, 0\.3\.0 /,
    );
    expect(rows).to.deep.equal([
      "aws-native:demo:Gone - |  |  | ",
      "aws-native:demo:Store 1.2.0,0.3.0 | kMSKeyId kmsKeyId sSESpecification sseSpecification | " +
        "sSEEnabled sseEnabled | kMSKeyId sSEEnabled sSESpecification",
      "",
    ]);
  });

  it("a directory that is not an aws-native package is a usage error naming it", () => {
    const other = path.join(root, "other");
    fs.mkdirSync(other);
    expect(() => loadSdk(other))
      .to.throw(UsageError)
      .with.property("message")
      .that.contains(`<sdk dir> ${other}: no package.json there`);
    fs.writeFileSync(path.join(other, "package.json"), JSON.stringify({ name: "@pulumi/aws" }));
    expect(() => loadSdk(other))
      .to.throw(UsageError)
      .with.property("message")
      .that.contains('package.json names "@pulumi/aws", not @pulumi/aws-native');
  });
});
