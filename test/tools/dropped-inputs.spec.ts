// Arguments a generated resource class drops without a word (tools/lib/engine/dropped-inputs.js):
// the inputs read from the class itself, the nearest-name hint, and programs run through the check
// as `npm run check -- --program <dir>` runs them (both phases): test/fixtures/programs/
// dropped-inputs (JavaScript: a launch template's `securityGroupIds`, a bucket's `encrypted`, a
// database's misspelt `publicAccessible`) and dropped-inputs-ts (`as any`, and a subclass passing
// an extra key on). Each is a warning naming the resource, the key, the program's line and the
// nearest input; inputs the installed class takes (deprecated ones too) are not, nor what a package
// passes on (lambda-callback); the run and the resources' own source positions are what they were.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { inputsOf, nearestInput, watchInputs } from "../../tools/lib/engine/dropped-inputs";
import type { StackResult } from "../../tools/check/run";
import { QueuedRuns, withoutRegionEnv } from "./program-runs";

const runs = new QueuedRuns();
const BOTH = ["preview", "apply"] as const;

/** The warnings about dropped arguments, each cut before the explanation. */
const dropped = (r: StackResult) =>
  r.warnings
    .filter((w) => w.includes("its class drops"))
    .map((w) => w.split(" is not")[0].split(" are not")[0]);

describe("arguments a resource class drops", function () {
  this.timeout(300_000);

  describe("the inputs of a class, read from its constructor", () => {
    it("the inputs it copies from its arguments, deprecated ones too; not its outputs", () => {
      const lt = inputsOf(aws.ec2.LaunchTemplate)!;
      expect([...lt]).to.include.members(["vpcSecurityGroupIds", "metadataOptions", "imageId"]);
      expect(lt.has("arn")).to.equal(false); // an output (`undefined /*out*/`), and in `get`'s state
      expect(lt.has("latestVersion")).to.equal(false);
      const bucket = inputsOf(aws.s3.Bucket)!;
      expect([...bucket]).to.include.members(["acl", "versioning", "bucket", "forceDestroy"]);
      expect(bucket.has("bucketDomainName")).to.equal(false);
    });
    it("no inputs for a class that is not generated", () => {
      expect(inputsOf(class Plain {})).to.equal(undefined);
    });
    it("the nearest input: by affix, else within a third of its length, case aside", () => {
      const lt = inputsOf(aws.ec2.LaunchTemplate)!;
      expect(nearestInput("securityGroupIds", lt)).to.equal("vpcSecurityGroupIds");
      expect(nearestInput("publicAccessible", inputsOf(aws.rds.Instance)!)).to.equal(
        "publiclyAccessible",
      );
      expect(nearestInput("instancetype", lt)).to.equal("instanceType");
      expect(nearestInput("encrypted", inputsOf(aws.s3.Bucket)!)).to.equal(undefined);
    });
  });

  describe("what a program can observe of a wrapped class: as without the wrapper", () => {
    // Wrapping a class installs the check's Function.prototype.toString in this process (once);
    // every later spec of the run would see it: put back what was there when the cases are done.
    const original = Object.getOwnPropertyDescriptor(Function.prototype, "toString")!;
    after(() => Object.defineProperty(Function.prototype, "toString", original));

    /** A module under node_modules exporting a generated-looking class, once wrapped. */
    const wrapped = () => {
      class Resource {
        constructor(readonly type: string) {}
      }
      // What the check marks on the SDK's Resource once its callsites leave the wrapper out.
      Object.defineProperty(Resource, Symbol.for("offline-check.hidden-frames"), { value: true });
      // The shape the code generator writes (@pulumi/aws s3/bucket.js), in miniature.
      class Bucket extends Resource {
        static __pulumiType = "aws:s3/bucket:Bucket";
        constructor(_name: string, argsOrState?: { acl?: string }, opts?: { id?: string }) {
          const resourceInputs: Record<string, unknown> = {};
          if (opts?.id) resourceInputs["acl"] = argsOrState?.acl;
          else {
            const args = argsOrState;
            if (args?.acl === undefined) throw new Error("Missing required property 'acl'");
            resourceInputs["acl"] = args?.acl;
          }
          super(Bucket.__pulumiType);
        }
        static get(name: string, id: string) {
          return new Bucket(name, {}, { id });
        }
        static isInstance(obj: unknown): obj is Bucket {
          return (obj as Resource | undefined)?.type === Bucket.__pulumiType;
        }
      }
      const module = { exports: { Bucket } };
      watchInputs(module, "/p/node_modules/@pulumi/aws/s3/bucket.js", () => undefined);
      expect(module.exports.Bucket).to.not.equal(Bucket); // wrapped: what follows is what it hides
      return { Exported: module.exports.Bucket, text: Function.prototype.toString.call(Bucket) };
    };

    it("the instance's constructor, a Map keyed by the class, instanceof, isInstance, get, extends", () => {
      const { Exported } = wrapped();
      const b = new Exported("b", { acl: "private" });
      expect(b.constructor).to.equal(Exported);
      expect(Object.getPrototypeOf(b).constructor).to.equal(Exported);
      expect(new Map<unknown, number>([[Exported, 1]]).get(b.constructor)).to.equal(1);
      expect(b).to.be.instanceOf(Exported);
      expect(Exported.isInstance(b)).to.equal(true);
      expect(Exported.get("g", "id-1").constructor).to.equal(Exported);
      class Mine extends Exported {}
      const m = new Mine("m", { acl: "private" });
      expect(m.constructor).to.equal(Mine);
      expect(m).to.be.instanceOf(Exported);
      expect(Object.getPrototypeOf(Mine)).to.equal(Exported);
    });

    it("its text: the class's own, by toString and by Function.prototype.toString", () => {
      const { Exported, text } = wrapped();
      expect(text).to.match(/^class Bucket extends Resource/);
      expect(Exported.toString()).to.equal(text);
      expect(Function.prototype.toString.call(Exported)).to.equal(text);
      expect(Function.prototype.toString.call(Function.prototype.toString)).to.match(
        /^function toString\(\) \{ \[native code\] \}$/,
      );
    });

    it("a missing required input's stack: the constructor's frame, then the caller's", () => {
      const { Exported } = wrapped();
      let stack = "";
      try {
        new Exported("b", {});
      } catch (e) {
        stack = String((e as Error).stack);
      }
      const frames = stack.split("\n").filter((l) => /^\s+at /.test(l));
      expect(stack).to.contain("Missing required property 'acl'");
      expect(frames[0]).to.match(/^\s+at new Bucket \(/);
      expect(frames[1]).to.contain("dropped-inputs.spec.ts:");
      expect(stack).to.not.contain("dropped-inputs.js");
    });

    it("a package whose exports refuse reads of names they do not define is left as it is", () => {
      // A strict enum: a function Proxy that throws on any unknown name, `__pulumiType` among them.
      const Colour = new Proxy(function Colour() {}, {
        get(t, k) {
          if (k in t) return (t as unknown as Record<PropertyKey, unknown>)[k];
          throw new TypeError(`Colour has no member ${String(k)}`);
        },
        getOwnPropertyDescriptor(t, k) {
          if (k in t) return Reflect.getOwnPropertyDescriptor(t, k);
          throw new TypeError(`Colour has no member ${String(k)}`);
        },
      });
      const module = { exports: { Colour } };
      expect(() =>
        watchInputs(module, "/p/node_modules/strict-enum/index.js", () => undefined),
      ).to.not.throw();
      expect(module.exports.Colour).to.equal(Colour);
    });
  });

  describe("after the wrapped-class cases", () => {
    it("Function.prototype.toString is the engine's own again, for the specs that follow", () => {
      expect(Object.getOwnPropertySymbols(Function.prototype.toString)).to.deep.equal([]);
      let stack = "";
      try {
        Function.prototype.toString.call({});
      } catch (e) {
        stack = String((e as Error).stack);
      }
      expect(stack).to.contain("requires that 'this' be a Function");
      expect(stack).to.not.contain("dropped-inputs.js");
    });
  });

  describe("programs, offline", () => {
    withoutRegionEnv();
    before(() => {
      runs.queueCheck("dropped-inputs", [...BOTH]);
      runs.queueCheck("dropped-inputs-ts", [...BOTH]);
      runs.queueCheck("lambda-callback", [...BOTH]);
    });

    it("a JavaScript program: each dropped key is a warning with its line and the nearest input", async () => {
      const r = await runs.check("dropped-inputs", [...BOTH]);
      expect(dropped(r)).to.deep.equal([
        'aws:ec2/launchTemplate:LaunchTemplate "web" (index.js:11): "securityGroupIds" (did you mean vpcSecurityGroupIds?)',
        'aws:s3/bucket:Bucket "logs" (index.js:18): "encrypted"',
        'aws:rds/instance:Instance "db" (index.js:20): "publicAccessible" (did you mean publiclyAccessible?)',
      ]);
      expect(r.warnings.join("\n")).to.not.match(/"acl"|"metadataOptions"|"storageEncrypted"/);
      // Nothing else changes: the run is judged (a failed one throws), and each resource keeps the
      // program's line as its source position, not a frame of the wrapper.
      expect(r.violations.length).to.be.greaterThan(0);
      const lt = r.resources.find((x) => x.type === "aws:ec2/launchTemplate:LaunchTemplate")!;
      expect(lt.source?.uri).to.match(/dropped-inputs\/index\.js$/);
      expect(lt.source?.line).to.equal(11);
    });

    it("a TypeScript program past the type check: `as any`, and a subclass passing a key on", async () => {
      const r = await runs.check("dropped-inputs-ts", [...BOTH]);
      expect(dropped(r)).to.deep.equal([
        'aws:s3/bucket:Bucket "data" (index.ts:8): "serverSideEncryption" (did you mean serverSideEncryptionConfiguration?)',
        'aws:s3/bucket:Bucket "audit" (index.ts:16): "retention"',
      ]);
      expect(r.warnings.join("\n")).to.not.match(/"versioning"|"days"/);
    });

    it("a resource a package makes from what it consumed is not the program's: CallbackFunction's callback", async () => {
      // aws.lambda.CallbackFunction passes its arguments, `callback` among them, on to Function.
      const r = await runs.check("lambda-callback", [...BOTH]);
      expect(r.resources.some((x) => x.type === "aws:lambda/function:Function")).to.equal(true);
      expect(dropped(r)).to.deep.equal([]);
    });
  });
});
