// The network limits AWS enforces at create (rules-create-network.ts: a subnet's block size and
// network ACL rule numbers; subnet-range.ts: a subnet inside its VPC's blocks; cloudfront-scope.ts:
// WAF resources for CloudFront in us-east-1) and an ECR repository's name (rules-create-names.ts):
// the values each must let through, values unknown at preview, the names Pulumi makes from logical
// names, and the config key a refused value came from. The one-broken-input cases are in
// provider-inputs-cases-network.ts and provider-inputs-cases-create.ts (run by
// provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { secret, UNKNOWN } from "../../tools/lib/engine/wire";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { refusedAcrossPhases, refusedInputs } from "../../tools/lib/provider-checks";
import {
  describeProviderRefusals,
  ProviderInputError,
  RefusalConfig,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import { DEFAULT_NACL, entry, NACL, NACL_RULE, SUBNET } from "./provider-inputs-cases-network";
import { refusalsWith } from "./provider-inputs-refusals";
import { REPOSITORY } from "./provider-inputs-cases-create";

const META = { stack: "dev", project: "app", outputs: {} };

describe("provider inputs: subnet sizes and network ACL rule numbers AWS creates", () => {
  it("accepts every subnet size from /16 to /28 and refuses the sizes beside them at create", () => {
    for (let bits = 16; bits <= 28; bits++)
      expect(refusalsWith(SUBNET, { cidrBlock: `10.16.0.0/${bits}` }), `/${bits}`).to.deep.equal(
        [],
      );
    for (const cidrBlock of ["10.16.0.0/15", "10.16.0.0/29", "10.16.0.0/32", "0.0.0.0/0"]) {
      const refused = refusalsWith(SUBNET, { cidrBlock });
      expect(
        refused.map((r) => [r.prop, r.by, r.source]),
        cidrBlock,
      ).to.deep.equal([
        [
          "cidrBlock",
          "aws",
          "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
        ],
      ]);
    }
  });

  it("leaves a block that is no network address to the provider's own refusal, once", () => {
    const refused = refusalsWith(SUBNET, { cidrBlock: "10.16.3.1/29" });
    expect(refused.map((r) => r.by)).to.deep.equal(["provider"]);
  });

  it("accepts rule numbers 1 to 32766 in every form a network ACL rule takes", () => {
    for (const n of [1, 100, 32766]) {
      expect(refusalsWith(NACL_RULE, { ruleNumber: n }), `${n}`).to.deep.equal([]);
      for (const type of [NACL, DEFAULT_NACL])
        expect(refusalsWith(type, { ingress: [entry(n)], egress: [entry(n)] })).to.deep.equal([]);
    }
    // Each inline entry is judged: two out of range in one list are two refusals.
    const two = refusalsWith(NACL, { ingress: [entry(0), entry(100), entry(32767)] });
    expect(two.map((r) => [r.prop, r.value, r.by])).to.deep.equal([
      ["ingress.ruleNo", 0, "aws"],
      ["ingress.ruleNo", 32767, "aws"],
    ]);
    // A value that is no whole number is not AWS's limit to judge.
    expect(refusalsWith(NACL_RULE, { ruleNumber: 1.5 })).to.deep.equal([]);
  });

  it("judges no value unknown at preview", () => {
    expect(refusalsWith(SUBNET, { cidrBlock: UNKNOWN })).to.deep.equal([]);
    expect(refusalsWith(NACL_RULE, { ruleNumber: UNKNOWN })).to.deep.equal([]);
    expect(refusalsWith(NACL, { ingress: [entry(UNKNOWN)], egress: UNKNOWN })).to.deep.equal([]);
  });
});

describe("provider inputs: ECR repository names", () => {
  const named = (logical: string, inputs: Record<string, unknown> = {}) =>
    refusedInputs(handBuiltResource(REPOSITORY, logical, inputs, META));

  it("refuses at create a repository Pulumi names from a logical name with upper case", () => {
    const [refused, ...more] = named("appImages");
    expect(more).to.deep.equal([]);
    expect([refused.prop, refused.by, refused.autoNamed]).to.deep.equal(["name", "aws", true]);
    expect(refused.says[0]).to.match(
      /^repositoryName "appImages-[0-9a-f]{7}": upper-case letters: a repository name is lower case$/,
    );
    expect(refused.fix).to.include("lower-case logical name");
  });

  it("accepts lower-case logical names and names of every form AWS lists", () => {
    for (const logical of ["app", "app-images", "team.app_images", "a"])
      expect(named(logical), logical).to.deep.equal([]);
    for (const name of ["ab", "team-a/app", "a/b/c", "app.v2_x-1", "a".repeat(256)])
      expect(named("r", { name }), name).to.deep.equal([]);
    expect(named("r", { name: UNKNOWN })).to.deep.equal([]);
  });
});

describe("provider inputs: the config key a refused network value came from", () => {
  const STACK_FILE = "/srv/app/Pulumi.dev.yaml";
  const config = (key: string, value: string): RefusalConfig => ({
    values: { [key]: value },
    sources: { [key]: { from: "stack", file: STACK_FILE, line: 4 } },
    secretKeys: [],
    reads: new Map([[key, { file: "/srv/app/network.ts", line: 9, column: 3 }]]),
  });
  const text = (type: string, inputs: Record<string, unknown>, c: RefusalConfig) => {
    const r = handBuiltResource(type, "net", { ...COMPLIANT[type], ...inputs }, META);
    const refused = refusedAcrossPhases([{ phase: "preview", resources: [r] }]);
    return describeProviderRefusals(new ProviderInputError("dev", refused, c));
  };

  it("names the key of a subnet block and of an inline rule number that AWS would refuse", () => {
    expect(
      text(SUBNET, { cidrBlock: "10.16.0.0/29" }, config("app:subnetCidr", "10.16.0.0/29")),
    ).to.include(
      "may come from config key app:subnetCidr (/srv/app/Pulumi.dev.yaml:4, read at " +
        "/srv/app/network.ts:9): if so, change it there",
    );
    expect(
      text(NACL, { ingress: [entry(40000)] }, config("app:denyRuleNumber", "40000")),
    ).to.include("may come from config key app:denyRuleNumber");
  });
});

describe("provider inputs: a subnet inside its VPC's blocks", () => {
  const vpc = (id: string, cidrBlock: unknown, name = "vpc") =>
    handBuiltResource("aws:ec2/vpc:Vpc", name, { cidrBlock }, { ...META, outputs: { id } });
  const subnet = (vpcId: unknown, cidrBlock: unknown, name = "subnet") =>
    handBuiltResource(SUBNET, name, { vpcId, cidrBlock }, META);
  const association = (vpcId: unknown, cidrBlock: unknown) =>
    handBuiltResource(
      "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
      "secondary",
      { vpcId, cidrBlock },
      META,
    );
  const refused = (...resources: ReturnType<typeof handBuiltResource>[]) =>
    refusedAcrossPhases([{ phase: "apply", resources }]).filter((r) =>
      r.source.includes("CreateSubnet"),
    );

  it("refuses at create a subnet outside its VPC's block, naming both blocks", () => {
    const [outside, ...more] = refused(vpc("vpc-1", "10.0.0.0/16"), subnet("vpc-1", "10.1.0.0/24"));
    expect(more).to.deep.equal([]);
    expect([outside.prop, outside.by, outside.phases]).to.deep.equal([
      "cidrBlock",
      "aws",
      ["apply"],
    ]);
    expect(outside.says).to.deep.equal([
      "CidrBlock 10.1.0.0/24 is not inside the VPC's IPv4 block (10.0.0.0/16): a subnet's block is the VPC's or a part of it",
    ]);
  });

  it("accepts the VPC's whole block, a part of it, and a part of a secondary block", () => {
    for (const cidr of ["10.0.0.0/16", "10.0.255.240/28"])
      expect(refused(vpc("vpc-1", "10.0.0.0/16"), subnet("vpc-1", cidr)), cidr).to.deep.equal([]);
    const withSecondary = [vpc("vpc-1", "10.0.0.0/16"), association("vpc-1", "100.64.0.0/16")];
    expect(refused(...withSecondary, subnet("vpc-1", "100.64.3.0/24"))).to.deep.equal([]);
    const [outside] = refused(...withSecondary, subnet("vpc-1", "100.65.0.0/24"));
    expect(outside.says[0]).to.include("the VPC's IPv4 blocks (10.0.0.0/16, 100.64.0.0/16)");
  });

  it("judges nothing it cannot know: an unknown VPC id, block or secondary block, another VPC", () => {
    const own = vpc("vpc-1", "10.0.0.0/16");
    for (const resources of [
      [own, subnet(UNKNOWN, "10.9.0.0/24")],
      [own, subnet("vpc-1", UNKNOWN)],
      [vpc("vpc-1", UNKNOWN), subnet("vpc-1", "10.9.0.0/24")],
      [own, association("vpc-1", UNKNOWN), subnet("vpc-1", "10.9.0.0/24")],
      // A VPC the stack does not create (an id from config or a lookup).
      [own, subnet("vpc-0abc", "10.9.0.0/24")],
      // The VPC's id is unknown at preview: the subnet's vpcId is too.
      [vpc(UNKNOWN, "10.0.0.0/16"), subnet(UNKNOWN, "10.9.0.0/24")],
    ])
      expect(refused(...resources)).to.deep.equal([]);
  });
});

describe("provider inputs: WAF resources for CloudFront in us-east-1", () => {
  const ACL = "aws:wafv2/webAcl:WebAcl";
  const acl = (inputs: Record<string, unknown>, provider?: string) => ({
    ...handBuiltResource(ACL, "cdn", { scope: "CLOUDFRONT", ...inputs }, META),
    provider,
  });
  const awsProvider = (region: unknown) =>
    handBuiltResource("pulumi:providers:aws", "use1", { region }, META);
  const refused = (stackRegion: string | undefined, ...resources: EngineResource[]) =>
    refusedAcrossPhases([{ phase: "preview", resources }], { region: stackRegion }).filter((r) =>
      r.source.includes("API_CreateWebACL"),
    );

  it("refuses at create a CLOUDFRONT scope in another region: its own, its provider's, the stack's", () => {
    const [own] = refused(undefined, acl({ region: "eu-west-1" }));
    expect([own.prop, own.by, own.says]).to.deep.equal([
      "scope",
      "aws",
      [
        "scope CLOUDFRONT in eu-west-1 (its region input): WAF resources for CloudFront are created in us-east-1 only",
      ],
    ]);
    const [stack] = refused("eu-central-1", acl({}));
    expect(stack.says[0]).to.include("in eu-central-1 (the stack's region)");
    const euw = awsProvider("eu-west-2");
    const [viaProvider] = refused("us-east-1", euw, acl({}, `${euw.urn}::p1`));
    expect(viaProvider.says[0]).to.include("in eu-west-2 (its provider's region)");
  });

  it("names where the region came from, not which value it equals", () => {
    // An explicit provider in the stack's own region: still its provider's region.
    const euw = awsProvider("eu-west-1");
    const [same] = refused("eu-west-1", euw, acl({}, `${euw.urn}::p1`));
    expect(same.says[0]).to.include("in eu-west-1 (its provider's region)");
    // The default provider carries the stack's config: its region is the stack's.
    const def = handBuiltResource(
      "pulumi:providers:aws",
      "default_7_0_0",
      { region: "eu-west-1" },
      META,
    );
    const [viaDefault] = refused("eu-west-1", def, acl({}, `${def.urn}::d1`));
    expect(viaDefault.says[0]).to.include("in eu-west-1 (the stack's region)");
  });

  it("never gives an explicit provider the stack's region: it reads its own settings", () => {
    // @pulumi/aws provider.js: an explicit provider's region is its `region` input, else
    // AWS_REGION / AWS_DEFAULT_REGION, else its profile's; never the stack's `aws:region`.
    const fromReference = awsProvider(UNKNOWN);
    const profileOnly = handBuiltResource(
      "pulumi:providers:aws",
      "edge",
      { profile: "edge" },
      META,
    );
    for (const provider of [fromReference, profileOnly])
      expect(
        refused("eu-west-1", provider, acl({}, `${provider.urn}::p1`)),
        provider.name,
      ).to.deep.equal([]);
  });

  it("never writes out a secret region, its own or its provider's", () => {
    const hidden = awsProvider(secret("eu-west-2"));
    expect(refused("us-east-1", acl({ region: secret("eu-west-1") }))).to.deep.equal([]);
    expect(refused("us-east-1", hidden, acl({}, `${hidden.urn}::p1`))).to.deep.equal([]);
  });

  it("accepts us-east-1 from any source, REGIONAL anywhere, and judges what it cannot know", () => {
    const use1 = awsProvider("us-east-1");
    for (const [stackRegion, resources] of [
      ["eu-west-1", [acl({ region: "us-east-1" })]],
      ["eu-west-1", [use1, acl({}, `${use1.urn}::p1`)]],
      ["us-east-1", [acl({})]],
      ["eu-west-1", [acl({ scope: "REGIONAL" })]],
      // Unknown: the region input, the provider's region, the stack's; another partition.
      ["eu-west-1", [acl({ region: UNKNOWN })]],
      [undefined, [awsProvider(UNKNOWN), acl({}, `${use1.urn}::p1`)]],
      [undefined, [acl({})]],
      [undefined, [acl({ region: "cn-north-1" })]],
    ] as [string | undefined, EngineResource[]][])
      expect(refused(stackRegion, ...resources), JSON.stringify(stackRegion)).to.deep.equal([]);
  });
});
