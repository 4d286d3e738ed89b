// Every native property name a twin reads (policy-pack/lib/native/twins*.ts) is one the aws-native
// SDK users install gives: ./sdk-names.txt, generated from the @pulumi/aws-native packages (1.x
// latest, the last 0.x and an early 0.x), lists each twin type's input property names. A name
// no SDK spells (a 0.x acronym spelling where 1.x renamed it, a CloudFormation name camel-cased by
// hand) reads as absent on every real resource: a compliant resource is then a finding, or a
// broken one passes. The fixture program test/fixtures/programs/aws-native-only builds its
// resources untyped, so nothing else catches such a name.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { TWINS, Derived } from "../../../policy-pack/lib/native/twins";

interface Names {
  readonly versions: string[];
  readonly top: Set<string>;
  readonly all: Set<string>;
  /** For a type 1.x ships: names only older versions spell (a twin reads them only as fallbacks). */
  readonly legacy: Set<string>;
}

function table(): Map<string, Names> {
  const text = fs.readFileSync(path.join(__dirname, "sdk-names.txt"), "utf8");
  const out = new Map<string, Names>();
  for (const line of text.split("\n").slice(1)) {
    if (line.trim() === "") continue;
    const [head, top, nested, legacy = ""] = line.split(" | ");
    const [token, versions] = head.split(" ");
    const topNames = top.split(" ").filter(Boolean);
    out.set(token, {
      versions: versions === "-" ? [] : versions.split(","),
      top: new Set(topNames),
      all: new Set([...topNames, ...nested.split(" ").filter(Boolean)]),
      legacy: new Set(legacy.split(" ").filter(Boolean)),
    });
  }
  return out;
}

/** The native types a twin maps that none of the table's SDK versions ships (kept by design). */
const SHIPPED_BY_NONE = new Set([
  // Registered only by 0.x releases between the table's versions (0.7x-0.9x).
  "aws-native:docdb:DbCluster",
  "aws-native:drs:ReplicationConfigurationTemplate",
]);

/**
 * Names a twin reads on purpose though no SDK version of the table spells them as inputs: DAX's
 * sseSpecification, CloudFormation's SSESpecification as the CDK camel-cases it, read after the
 * SDK's sSESpecification (policy-pack/lib/native/twins-services.ts); a load balancer's
 * loadBalancerArn, an output (elasticloadbalancingv2/loadBalancer.d.ts of 1.79.0 and 0.126.0),
 * the classic arn a WAF association names (policy-pack/lib/native/twins-network.ts); a secret's
 * awsId, its ARN as an output (secretsmanager/secret.d.ts of 1.79.0 and 0.126.0), the classic arn
 * a rotation schedule given the ARN as a literal names (policy-pack/lib/native/twins-identity.ts);
 * a response headers policy's awsId, its id as an output (cloudfront/responseHeadersPolicy.d.ts of
 * 1.79.0 and 0.126.0), which a cache behavior names (policy-pack/lib/native/twins-cdn.ts).
 */
const READ_ON_PURPOSE: Readonly<Record<string, readonly string[]>> = {
  "aws-native:dax:Cluster": ["sseSpecification"],
  "aws-native:elasticloadbalancingv2:LoadBalancer": ["loadBalancerArn"],
  "aws-native:secretsmanager:Secret": ["awsId"],
  "aws-native:cloudfront:ResponseHeadersPolicy": ["awsId"],
};

/**
 * The property names a derive map reads, recorded by calling it on a value (and props) that
 * answers every read with another such value, an array of one, and reading every property of
 * what it returns. Names are recorded as read, whatever their nesting.
 */
export function readsOf(d: Derived): Set<string> {
  const names = new Set<string>();
  const skip = new Set(["length", "constructor", "toJSON", "then"]);
  const recorder = (depth: number): any => {
    const target: any[] = [];
    const proxy: any = new Proxy(target, {
      get: (t, key) => {
        if (typeof key !== "string") return Reflect.get(t, key);
        if (key === "length") return depth > 4 ? 0 : 1;
        if (key === "0") return depth > 4 ? undefined : recorder(depth + 1);
        if (key in Array.prototype || skip.has(key)) return Reflect.get(t, key);
        names.add(key);
        return depth > 4 ? undefined : recorder(depth + 1);
      },
    });
    return proxy;
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || v === null || typeof v !== "object") return;
    for (const e of Array.isArray(v) ? v : [v]) {
      if (e === null || typeof e !== "object") continue;
      for (const k of Object.keys(e)) {
        try {
          walk((e as any)[k], depth + 1);
        } catch {
          // a read the recorder's values cannot answer (a string method): names so far stand
        }
      }
      for (const [k, desc] of Object.entries(
        Object.getOwnPropertyDescriptors(Object.getPrototypeOf(e) ?? {}),
      )) {
        if (desc.get && k !== "__proto__") walk((e as any)[k], depth + 1);
      }
    }
  };
  try {
    walk(d.map(recorder(0), recorder(0)), 0);
  } catch {
    // as above
  }
  return names;
}

describe("aws-native twins read only names the SDK gives (sdk-names.txt)", () => {
  const names = table();

  it("the table lists every native type a twin maps", () => {
    const missing = [...TWINS.keys()].filter((t) => !names.has(t));
    expect(missing, "regenerate test/policy/native/sdk-names.txt").to.deep.equal([]);
  });

  it("every type a twin maps ships in some SDK version, or is listed as shipped by none", () => {
    const none = [...TWINS.keys()].filter((t) => names.get(t)?.versions.length === 0);
    expect(new Set(none)).to.deep.equal(SHIPPED_BY_NONE);
  });

  for (const [token, twin] of TWINS) {
    const sdk = names.get(token);
    if (sdk === undefined || sdk.versions.length === 0) continue;
    describe(`${token} (${sdk.versions.join(", ")})`, () => {
      it("renames and derives read top-level input properties", () => {
        const read = [
          ...Object.values(twin.rename ?? {}),
          ...Object.values(twin.derive ?? {}).flatMap((d) => [d.from, d.deps ?? []].flat()),
        ];
        // The name a rename or derive reads first is 1.x's; an older spelling only as a fallback
        // (a `deps` entry, as ./spelling.ts reads it).
        const primary = [
          ...Object.values(twin.rename ?? {}),
          ...Object.values(twin.derive ?? {}).map((d) => d.from),
        ];
        expect(
          primary.filter((p) => sdk.legacy.has(p)),
          "read as 1.x spells it",
        ).to.deep.equal([]);
        const known = (p: string) => sdk.top.has(p) || READ_ON_PURPOSE[token]?.includes(p);
        expect(read.filter((p) => !known(p))).to.deep.equal([]);
      });
      it("the native paths findings name are input properties", () => {
        // A path (`a.b[0].c`), not a phrase a finding quotes (`assignPublicIp is "ENABLED"`).
        const paths = Object.values(twin.says ?? {}).filter((p) => /^[\w.[\]]+$/.test(p));
        const segments = paths.flatMap((p) => p.replace(/\[\d*\]/g, "").split("."));
        expect(segments.filter((s) => !sdk.all.has(s) || sdk.legacy.has(s))).to.deep.equal([]);
      });
      it("derive maps read input properties", () => {
        // What a map reads first (the left of `a ?? b`) is recorded: 1.x's name.
        const read = Object.values(twin.derive ?? {}).flatMap((d) => [...readsOf(d)]);
        const known = (p: string) =>
          (sdk.all.has(p) && !sdk.legacy.has(p)) || READ_ON_PURPOSE[token]?.includes(p);
        expect(read.filter((p) => !known(p))).to.deep.equal([]);
      });
    });
  }
});
