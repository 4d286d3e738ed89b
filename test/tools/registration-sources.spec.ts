// What the offline engine takes from a registration besides its inputs, driven with the values a
// language host sends: whether the AWS provider serves a hand-made resource's type token, and the
// user's line that made a resource (a monorepo's shared source included). No program is run.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unrecognizedAwsType } from "../../tools/lib/engine/provider-types";
import { nearestComponentSource, programSource } from "../../tools/lib/engine/registration-sources";
import { fileURLToPath, pathToFileURL } from "url";
import { FIXTURES } from "./program-runs";

/** A source position the SDK sends, naming its file by `uri`. */
const position = (uri: string, line: number) => ({
  getUri: () => uri,
  getLine: () => line,
  getColumn: () => 9,
});
/** A position in `file` (a path), as the SDK names a CommonJS module's frame. */
const at = (file: string, line: number) => position(`file://${file}`, line);
/** A registration reporting `reported`, with `frames` as its stack. */
const req = (reported: ReturnType<typeof at>, ...frames: ReturnType<typeof at>[]) => ({
  getSourceposition: () => reported,
  getStacktrace: () => ({ getFramesList: () => frames.map((f) => ({ getPc: () => f })) }),
});

describe("registrations: served aws type tokens and the user's source line", () => {
  it("serves a token the program's own @pulumi/aws declares, and leaves other packages alone", () => {
    const program = path.join(FIXTURES, "fail-unrecognized-type");
    const line = fs.readFileSync(path.join(program, "index.ts"), "utf8");
    expect(line).to.contain('"aws:s3/bucket:Buckett"');
    expect(unrecognizedAwsType("aws:s3/bucket:Buckett", program)).to.contain("did you mean");
    expect(unrecognizedAwsType("aws:s3/bucket:Bucket", program)).to.equal(undefined);
    expect(unrecognizedAwsType("gcp:storage/bucket:Bucket", program)).to.equal(undefined);
    // An older major's token its installed package declares (here a made-up one) is served.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-types-"));
    const pkg = path.join(dir, "node_modules", "@pulumi", "aws");
    fs.mkdirSync(path.join(pkg, "opsworks"), { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), '{"name":"@pulumi/aws","version":"6.0.0"}');
    const cls = "exports.Stack = class { static __pulumiType = 'aws:opsworks/stackz:Stackz'; };";
    fs.writeFileSync(path.join(pkg, "opsworks", "stackz.js"), cls);
    expect(unrecognizedAwsType("aws:opsworks/stackz:Stackz", dir)).to.equal(undefined);
    expect(unrecognizedAwsType("aws:opsworks/stackz:Stackz", program)).to.contain("unrecognized");
  });

  it("places a resource at the user's line, also in a monorepo's shared lib/ outside the program", () => {
    const root = path.join(FIXTURES, "monorepo-shared-lib");
    const program = path.join(root, "stacks", "app");
    const lib = at(path.join(root, "lib", "bucket.ts"), 10);
    const index = at(path.join(program, "index.ts"), 3);
    expect(programSource(req(lib, lib, index), program)?.uri).to.equal(lib.getUri());
    // A component library installed as a package is passed over for the program's own line.
    const pkg = at(path.join(root, "node_modules", "@acme", "lib", "index.js"), 40);
    expect(programSource(req(pkg, pkg, index), program)?.line).to.equal(3);
    // So is the check's own code, which runs in the program's process.
    const own = at(path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "x.js"), 1);
    expect(programSource(req(own, own, index), program)?.line).to.equal(3);
    // A library's child made after an await has no program frame: it goes to its component's
    // line, marked as such, if the program made the component; else the library's position stays.
    const made = { uri: index.getUri(), line: 3, column: 9 };
    expect(programSource(req(pkg, pkg), program, made)).to.deep.equal({ ...made, component: true });
    const libMade = { uri: pkg.getUri(), line: 12, column: 1 };
    expect(programSource(req(pkg, pkg), program, libMade)?.uri).to.equal(pkg.getUri());
    expect(programSource(req(pkg, pkg), program)?.line).to.equal(40);
  });

  it("takes the line of the nearest component above a resource, never of a custom parent", () => {
    const program = path.join(FIXTURES, "monorepo-shared-lib", "stacks", "app");
    const uri = `file://${path.join(program, "index.ts")}`;
    const lib = `file://${path.join(program, "node_modules", "lib", "index.js")}`;
    const byUrn = new Map([
      ["stack", { custom: false, parent: undefined, source: undefined }],
      ["net", { custom: false, parent: "stack", source: { uri, line: 7, column: 13 } }],
      ["inner", { custom: false, parent: "net", source: { uri: lib, line: 30, column: 5 } }],
      ["vpc", { custom: true, parent: "inner", source: { uri, line: 4, column: 13 } }],
      ["own-vpc", { custom: true, parent: "stack", source: { uri, line: 11, column: 13 } }],
    ]);
    // Past the custom Vpc (the program's line 4) and a component with no line of the program.
    expect(nearestComponentSource("vpc", byUrn, program)?.line).to.equal(7);
    expect(nearestComponentSource("net", byUrn, program)?.line).to.equal(7);
    // A custom parent under the root stack alone: no component has a line.
    expect(nearestComponentSource("own-vpc", byUrn, program)).to.equal(undefined);
    expect(nearestComponentSource(undefined, byUrn, program)).to.equal(undefined);
  });

  it("reads an ES module's position, its file URL nested in another by the SDK, as the file URL it was", () => {
    // The SDK makes the URI with `url.pathToFileURL(frame.file)` (@pulumi/pulumi resource.js); an
    // ES module's frame file is a URL already, so it is taken as a path under the working folder
    // and its percent signs are encoded again. A space, an accented letter and a literal `%`:
    const file = path.join(os.tmpdir(), "my work", "café", "100%", "index.js");
    const esm = pathToFileURL(file).href;
    expect(esm).to.contain("my%20work/caf%C3%A9/100%25/index.js");
    const sent = position(pathToFileURL(esm).href, 4);
    expect(sent.getUri()).to.contain("/file:/").and.contain("my%2520work");
    const found = programSource(req(sent), path.dirname(file));
    expect(found).to.deep.equal({ uri: esm, line: 4, column: 9 });
    expect(fileURLToPath(found!.uri)).to.equal(file);
    // Its frames in the stack are read alike, when the reported position lies in a package.
    const pkg = at(path.join(os.tmpdir(), "node_modules", "lib", "index.js"), 40);
    expect(programSource(req(pkg, pkg, sent), path.dirname(file))?.uri).to.equal(esm);
    // A CommonJS module's URI, not nested, is kept as sent.
    const cjs = position(pathToFileURL(file).href, 2);
    expect(programSource(req(cjs), path.dirname(file))?.uri).to.equal(esm);
  });
});
