// The provider's parsed declarations kept on disk (tools/lib/provider-inputs.ts): a second process
// with the same provider files reads what the first parsed; another file's text is another entry;
// a damaged entry is parsed again and rewritten; OFFLINE_CHECK_NO_CACHE keeps nothing. Each case
// builds a small provider of its own, laid out as @pulumi/aws is (a resource's `.d.ts` and `.js`,
// `types/input.d.ts`), inside a node_modules folder whose .cache the entries go to.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { seal } from "../../tools/lib/engine/cache-folder";
import { inputPathsNamed, topLevelInputs } from "../../tools/lib/provider-inputs";

const BUCKET_DTS = `import * as pulumi from "@pulumi/pulumi";
import * as inputs from "../types/input";
export declare class Bucket extends pulumi.CustomResource {
    constructor(name: string, args?: BucketArgs, opts?: pulumi.CustomResourceOptions);
}
export interface BucketArgs {
    bucket?: pulumi.Input<string>;
    encryption?: pulumi.Input<inputs.s3.BucketEncryption>;
}
`;
const BUCKET_JS = `class Bucket extends pulumi.CustomResource {
    static __pulumiType = 'aws:s3/bucket:Bucket';
}
`;
const INPUT_DTS = `export declare namespace s3 {
    interface BucketEncryption {
        kmsKeyId?: pulumi.Input<string>;
        algorithm: pulumi.Input<string>;
    }
}
`;

/** A provider under `<base>/node_modules/<scope>/aws`; returns its folder. */
function provider(base: string, scope: string, bucketDts = BUCKET_DTS): string {
  const root = path.join(base, "node_modules", scope, "aws");
  fs.mkdirSync(path.join(root, "s3"), { recursive: true });
  fs.mkdirSync(path.join(root, "types"), { recursive: true });
  fs.writeFileSync(path.join(root, "s3", "bucket.d.ts"), bucketDts);
  fs.writeFileSync(path.join(root, "s3", "bucket.js"), BUCKET_JS);
  fs.writeFileSync(path.join(root, "types", "input.d.ts"), INPUT_DTS);
  return root;
}

function entries(base: string): string[] {
  const dir = path.join(base, "node_modules", ".cache", "offline-check", "provider-inputs");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => path.join(dir, f));
}

const kms = (name: string) => /kms/i.test(name);

describe("provider declarations kept on disk", () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "provider-inputs-"));
  });
  afterEach(() => {
    delete process.env.OFFLINE_CHECK_NO_CACHE;
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("parses once, then answers from the entry for the same files", () => {
    const first = inputPathsNamed(kms, provider(base, "@first"));
    expect([...first]).to.deep.equal([["aws:s3/bucket:Bucket", ["encryption.kmsKeyId"]]]);
    expect(entries(base)).to.have.length(1);
    // The entry is what answers another folder with the same files (a later process's view):
    // written over with a field no file declares, it is that field that comes back.
    const [entry] = entries(base);
    const kept = { args: [["aws:s3/bucket:Bucket", [{ name: "kmsKept", refs: [] }]]], nested: [] };
    fs.writeFileSync(entry, seal(Buffer.from(JSON.stringify(kept))));
    const second = inputPathsNamed(kms, provider(base, "@second"));
    expect([...second]).to.deep.equal([["aws:s3/bucket:Bucket", ["kmsKept"]]]);
    expect(entries(base)).to.deep.equal([entry]);
  });

  it("keeps another entry when a declaration changes, with what the new text declares", () => {
    inputPathsNamed(kms, provider(base, "@first"));
    const changed = BUCKET_DTS.replace(
      "    bucket?: pulumi.Input<string>;",
      "    bucket?: pulumi.Input<string>;\n    kmsMasterKeyId?: pulumi.Input<string>;",
    );
    const second = inputPathsNamed(kms, provider(base, "@second", changed));
    expect(second.get("aws:s3/bucket:Bucket")).to.deep.equal([
      "kmsMasterKeyId",
      "encryption.kmsKeyId",
    ]);
    expect(entries(base)).to.have.length(2);
  });

  it("parses again over a damaged entry, and rewrites it", () => {
    inputPathsNamed(kms, provider(base, "@first"));
    const [entry] = entries(base);
    const good = fs.readFileSync(entry);
    fs.writeFileSync(entry, good.subarray(0, good.length - 5));
    const again = topLevelInputs(provider(base, "@second"));
    expect([...again.get("aws:s3/bucket:Bucket")!]).to.deep.equal(["bucket", "encryption"]);
    expect(fs.readFileSync(entry).equals(good)).to.equal(true);
  });

  it("keeps nothing under OFFLINE_CHECK_NO_CACHE", () => {
    process.env.OFFLINE_CHECK_NO_CACHE = "1";
    const paths = inputPathsNamed(kms, provider(base, "@first"));
    expect(paths.get("aws:s3/bucket:Bucket")).to.deep.equal(["encryption.kmsKeyId"]);
    expect(entries(base)).to.deep.equal([]);
  });
});
