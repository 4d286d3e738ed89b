// Network policies: a compliant VPC (tiered subnets, explicit associations, a public route table
// with an internet gateway route, private route tables without a default route, Route resources),
// then each way of breaking a rule, one at a time. Fixtures are what `pulumi preview` shows: ids
// of new resources are the unknown sentinel and references travel as property dependencies.
import { expect } from "chai";
import type { RecordedResource } from "../../tools/lib/recorder";
import { policies as networkPolicies } from "../../policy-pack/policies/network";
import { policies as computePolicies } from "../../policy-pack/policies/compute";

const policies = [...networkPolicies, ...computePolicies.filter((p) => p.name.startsWith("ec2-"))];
import { evaluate, previewNotes, res, UNKNOWN as U, violations } from "./fixture";
import {
  CLOUDWATCH_LOG_GROUP,
  CODEBUILD_PROJECT,
  EBS_DEFAULT_KMS_KEY,
  EBS_ENCRYPTION_BY_DEFAULT,
  EBS_VOLUME,
  EC2_DEFAULT_ROUTE_TABLE,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  EC2_EIP,
  EC2_FLOW_LOG,
  EC2_INSTANCE,
  EC2_INTERNET_GATEWAY,
  EC2_LAUNCH_TEMPLATE,
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_MANAGED_PREFIX_LIST,
  EC2_NAT_GATEWAY,
  EC2_NETWORK_ACL,
  EC2_NETWORK_ACL_RULE,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SECURITY_GROUP,
  EC2_SECURITY_GROUP_RULE,
  EC2_SUBNET,
  EC2_VPC,
  EC2_VPC_ENDPOINT,
  EC2_VPC_ENDPOINT_POLICY,
  EC2_VPC_PEERING_CONNECTION,
  ECS_SERVICE,
  IAM_INSTANCE_PROFILE,
  KMS_KEY,
  LAMBDA_FUNCTION,
  LB_LOAD_BALANCER,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../../policy-pack/lib/types";

const P = Object.fromEntries(policies.map((p) => [p.name, p]));
const policy = (name: string) => {
  const p = P[name];
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};

const S3_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject", "s3:PutObject"],
      Resource: ["arn:aws:s3:::platform-api-uploads/*"],
      Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
    },
  ],
});

/** A compliant network with everything around it, as `pulumi preview` shows it. */
function compliant() {
  const tags = (name: string, extra: Record<string, string> = {}) => ({ Name: name, ...extra });
  const vpc = res(EC2_VPC, "main", { cidrBlock: "10.0.0.0/16", tags: tags("main") });
  const v = { refs: { vpcId: [vpc] } };
  const igw = res(EC2_INTERNET_GATEWAY, "igw", { vpcId: U, tags: tags("igw") }, v);
  const subnet = (name: string, tier: string, cidr: string) =>
    res(
      EC2_SUBNET,
      name,
      { vpcId: U, cidrBlock: cidr, mapPublicIpOnLaunch: false, tags: tags(name, { tier }) },
      v,
    );
  const publicA = subnet("public-a", "public", "10.0.0.0/24");
  const computeA = subnet("compute-a", "compute", "10.0.10.0/24");
  const dataA = subnet("data-a", "data", "10.0.20.0/24");
  const publicRt = res(
    EC2_ROUTE_TABLE,
    "public-rt",
    { vpcId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }], tags: tags("public-rt") },
    { refs: { vpcId: [vpc], routes: [igw] } },
  );
  const computeRt = res(EC2_ROUTE_TABLE, "compute-rt", { vpcId: U, tags: tags("compute-rt") }, v);
  const dataRt = res(
    EC2_ROUTE_TABLE,
    "data-rt",
    { vpcId: U, routes: [], tags: tags("data-rt") },
    v,
  );
  const publicV6 = res(
    EC2_ROUTE,
    "public-v6",
    { routeTableId: U, destinationIpv6CidrBlock: "::/0", gatewayId: U },
    { refs: { routeTableId: [publicRt], gatewayId: [igw] } },
  );
  const computeOnPrem = res(
    EC2_ROUTE,
    "compute-onprem",
    { routeTableId: U, destinationCidrBlock: "172.16.0.0/12", transitGatewayId: "tgw-0abc1234" },
    { refs: { routeTableId: [computeRt] } },
  );
  const assoc = (name: string, s: RecordedResource, rt: RecordedResource) =>
    res(
      EC2_ROUTE_TABLE_ASSOCIATION,
      name,
      { subnetId: U, routeTableId: U },
      { refs: { subnetId: [s], routeTableId: [rt] } },
    );
  const mainRt = res(
    EC2_DEFAULT_ROUTE_TABLE,
    "main-rt",
    { defaultRouteTableId: U, routes: [], tags: tags("main-rt") },
    {
      refs: { defaultRouteTableId: [vpc] },
    },
  );
  const dsg = res(
    EC2_DEFAULT_SECURITY_GROUP,
    "default-sg",
    { vpcId: U, tags: tags("default-sg") },
    v,
  );
  const logs = res(CLOUDWATCH_LOG_GROUP, "flow-logs", { retentionInDays: 365, kmsKeyId: U });
  const flow = res(
    EC2_FLOW_LOG,
    "flow",
    { vpcId: U, trafficType: "ALL", logDestination: U, iamRoleArn: U },
    { refs: { vpcId: [vpc], logDestination: [logs] } },
  );
  const albSg = res(
    EC2_SECURITY_GROUP,
    "alb-sg",
    { vpcId: U, description: "Load balancer: HTTP(S) from the internet", tags: tags("alb-sg") },
    v,
  );
  const albRule = (name: string, port: number, cidr: Record<string, string>) =>
    res(
      VPC_SECURITY_GROUP_INGRESS_RULE,
      name,
      {
        securityGroupId: U,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        ...cidr,
        description: `${name} from the internet`,
      },
      { refs: { securityGroupId: [albSg] } },
    );
  const albHttps = albRule("alb-https", 443, { cidrIpv4: "0.0.0.0/0" });
  const albHttpsV6 = albRule("alb-https-v6", 443, { cidrIpv6: "::/0" });
  const albHttp = albRule("alb-http", 80, { cidrIpv4: "0.0.0.0/0" });
  const appSg = res(
    EC2_SECURITY_GROUP,
    "app-sg",
    { vpcId: U, description: "API tasks: 8080 from the load balancer", tags: tags("app-sg") },
    v,
  );
  const appIn = res(
    VPC_SECURITY_GROUP_INGRESS_RULE,
    "app-from-alb",
    {
      securityGroupId: U,
      ipProtocol: "tcp",
      fromPort: 8080,
      toPort: 8080,
      referencedSecurityGroupId: U,
      description: "From the ALB",
    },
    { refs: { securityGroupId: [appSg], referencedSecurityGroupId: [albSg] } },
  );
  const appOut = res(
    VPC_SECURITY_GROUP_EGRESS_RULE,
    "app-to-endpoints",
    {
      securityGroupId: U,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "10.0.0.0/16",
      description: "HTTPS to the VPC endpoints",
    },
    { refs: { securityGroupId: [appSg] } },
  );
  const alb = res(
    LB_LOAD_BALANCER,
    "alb",
    { internal: false, loadBalancerType: "application", securityGroups: [U], subnets: [U] },
    { refs: { securityGroups: [albSg], subnets: [publicA] } },
  );
  const api = res(
    ECS_SERVICE,
    "api",
    { networkConfiguration: { subnets: [U], securityGroups: [U], assignPublicIp: false } },
    { refs: { networkConfiguration: [computeA, appSg] } },
  );
  const s3 = res(
    EC2_VPC_ENDPOINT,
    "s3",
    {
      vpcId: U,
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
      routeTableIds: [U, U],
      policy: S3_POLICY,
    },
    { refs: { vpcId: [vpc], routeTableIds: [computeRt, dataRt] } },
  );
  const nacl = res(
    EC2_NETWORK_ACL,
    "private-nacl",
    {
      vpcId: U,
      subnetIds: [U, U],
      ingress: [
        {
          ruleNo: 100,
          action: "allow",
          protocol: "tcp",
          cidrBlock: "10.0.0.0/16",
          fromPort: 443,
          toPort: 443,
        },
        {
          ruleNo: 104,
          action: "deny",
          protocol: "tcp",
          cidrBlock: "0.0.0.0/0",
          fromPort: 22,
          toPort: 22,
        },
        {
          ruleNo: 105,
          action: "deny",
          protocol: "tcp",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
        {
          ruleNo: 110,
          action: "allow",
          protocol: "tcp",
          cidrBlock: "0.0.0.0/0",
          fromPort: 1024,
          toPort: 65535,
        },
        {
          ruleNo: 120,
          action: "deny",
          protocol: "-1",
          cidrBlock: "0.0.0.0/0",
          fromPort: 0,
          toPort: 0,
        },
      ],
      egress: [
        {
          ruleNo: 100,
          action: "allow",
          protocol: "tcp",
          cidrBlock: "0.0.0.0/0",
          fromPort: 443,
          toPort: 443,
        },
      ],
    },
    { refs: { vpcId: [vpc], subnetIds: [computeA, dataA] } },
  );
  const key = res(KMS_KEY, "ebs-key", { enableKeyRotation: true });
  const profile = res(IAM_INSTANCE_PROFILE, "tunnel-profile", { role: U });
  const tunnel = res(
    EC2_INSTANCE,
    "tunnel",
    {
      ami: "ami-0123456789abcdef0",
      instanceType: "t4g.nano",
      subnetId: U,
      vpcSecurityGroupIds: [U],
      associatePublicIpAddress: false,
      metadataOptions: {
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        httpEndpoint: "enabled",
      },
      rootBlockDevice: { encrypted: true, kmsKeyId: U, volumeSize: 8 },
      ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: U }],
      monitoring: true,
      iamInstanceProfile: U,
      userData: "#!/bin/bash\ndnf -y update\n",
    },
    {
      refs: {
        subnetId: [computeA],
        vpcSecurityGroupIds: [appSg],
        rootBlockDevice: [key],
        ebsBlockDevices: [key],
        iamInstanceProfile: [profile],
      },
    },
  );
  const r = {
    vpc,
    igw,
    publicA,
    computeA,
    dataA,
    publicRt,
    computeRt,
    dataRt,
    publicV6,
    computeOnPrem,
    publicAssoc: assoc("public-a-rta", publicA, publicRt),
    computeAssoc: assoc("compute-a-rta", computeA, computeRt),
    dataAssoc: assoc("data-a-rta", dataA, dataRt),
    mainRt,
    dsg,
    logs,
    flow,
    albSg,
    albHttps,
    albHttpsV6,
    albHttp,
    appSg,
    appIn,
    appOut,
    alb,
    api,
    s3,
    nacl,
    key,
    profile,
    tunnel,
  };
  return { r, all: (...extra: RecordedResource[]) => [...Object.values(r), ...extra] };
}

/** The resources with `replaced` swapped in by URN (same type and name). */
function swap(resources: RecordedResource[], ...replaced: RecordedResource[]): RecordedResource[] {
  const byUrn = new Map(replaced.map((x) => [x.urn, x]));
  return resources.map((x) => byUrn.get(x.urn) ?? x);
}

/** Drops resources by name. */
function without(resources: RecordedResource[], ...names: string[]): RecordedResource[] {
  return resources.filter((x) => !names.includes(x.name));
}

const core = policy("ec2-compute-subnet-no-default-route");

describe("network policies", () => {
  describe("compliant stack", () => {
    it("passes every network policy with no finding and no preview note", async () => {
      const stack = compliant().all();
      expect(await violations(policies, stack)).to.deep.equal([]);
      expect(await previewNotes(policies, stack)).to.deep.equal([]);
    });

    it("is really the preview view: ids of new resources are unknown", () => {
      const { r } = compliant();
      expect(r.computeAssoc.inputs.subnetId).to.equal(U);
      expect(r.computeAssoc.propertyDependencies.subnetId).to.deep.equal([r.computeA.urn]);
      expect(r.api.propertyDependencies.networkConfiguration).to.include(r.computeA.urn);
    });

    it("declares metadata on every policy", () => {
      for (const p of policies) {
        expect(p.name, p.name).to.match(/^ec2-[a-z0-9-]+$/);
        expect(p.description?.length, p.name).to.be.greaterThan(20);
        expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
        expect(p.remediationSteps?.length, p.name).to.be.greaterThan(20);
      }
      expect(core.enforcementLevel).to.equal("mandatory");
      expect(core.severity).to.equal("critical");
    });
  });

  describe("ec2-compute-subnet-no-default-route", () => {
    it("catches an inline default route in a compute route table", async () => {
      const { r, all } = compliant();
      const nat = res(
        EC2_NAT_GATEWAY,
        "nat",
        { subnetId: U, allocationId: U },
        { refs: { subnetId: [r.publicA] } },
      );
      const bad = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: U }],
          tags: { Name: "compute-rt" },
        },
        { refs: { vpcId: [r.vpc], routes: [nat] } },
      );
      const found = await violations(core, swap(all(nat), bad));
      expect(found).to.have.length(2);
      expect(found.find((f) => f.startsWith("compute-rt:")))
        .to.contain(
          'an inline route of route table "compute-rt" sends 0.0.0.0/0 to NAT gateway "nat"',
        )
        .and.contain('subnet "compute-a"');
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain("tagged tier=compute")
        .and.contain('route table "compute-rt"');
    });

    it("catches a separate Route 0.0.0.0/0 → NAT gateway", async () => {
      const { r, all } = compliant();
      const nat = res(
        EC2_NAT_GATEWAY,
        "nat",
        { subnetId: U, allocationId: U },
        { refs: { subnetId: [r.publicA] } },
      );
      const route = res(
        EC2_ROUTE,
        "compute-egress",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", natGatewayId: U },
        { refs: { routeTableId: [r.computeRt], natGatewayId: [nat] } },
      );
      const found = await violations(core, all(nat, route));
      expect(found.find((f) => f.startsWith("compute-egress:")))
        .to.contain(
          'route "compute-egress" in route table "compute-rt" sends 0.0.0.0/0 to NAT gateway "nat"',
        )
        .and.contain('subnet "compute-a"')
        .and.contain('hosts ECS service "api"');
      expect(found.some((f) => f.startsWith("compute-a:"))).to.equal(true);
    });

    it("catches ::/0 → egress-only internet gateway from a data subnet", async () => {
      const { r, all } = compliant();
      const eigw = res(
        EC2_EGRESS_ONLY_INTERNET_GATEWAY,
        "eigw",
        { vpcId: U },
        { refs: { vpcId: [r.vpc] } },
      );
      const route = res(
        EC2_ROUTE,
        "data-v6",
        { routeTableId: U, destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: U },
        { refs: { routeTableId: [r.dataRt], egressOnlyGatewayId: [eigw] } },
      );
      const found = await violations(core, all(eigw, route));
      expect(found).to.have.length(2);
      expect(found.find((f) => f.startsWith("data-v6:")))
        .to.contain('sends ::/0 to egress-only internet gateway "eigw"')
        .and.contain("tagged tier=data");
    });

    it("catches a subnet without association that falls back to a main route table set by MainRouteTableAssociation", async () => {
      const { r, all } = compliant();
      const mainTable = res(
        EC2_ROUTE_TABLE,
        "new-main",
        { vpcId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] },
        { refs: { vpcId: [r.vpc], routes: [r.igw] } },
      );
      const main = res(
        EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
        "main-assoc",
        { vpcId: U, routeTableId: U },
        { refs: { vpcId: [r.vpc], routeTableId: [mainTable] } },
      );
      const found = await violations(core, without(all(mainTable, main), "compute-a-rta"));
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain('main route table association "main-assoc"')
        .and.contain('0.0.0.0/0 → internet gateway "igw"');
      expect(found.some((f) => f.startsWith("new-main:"))).to.equal(true);
    });

    it("catches a subnet without association that falls back to a DefaultRouteTable with a default route", async () => {
      const { r, all } = compliant();
      const drt = res(
        EC2_DEFAULT_ROUTE_TABLE,
        "main-rt",
        { defaultRouteTableId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] },
        { refs: { defaultRouteTableId: [r.vpc], routes: [r.igw] } },
      );
      const found = await violations(core, without(swap(all(), drt), "compute-a-rta"));
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain('default route table "main-rt"')
        .and.contain("the VPC's main route table");
      expect(found.find((f) => f.startsWith("main-rt:"))).to.contain("internet gateway");
    });

    it("catches a Route added to the VPC's implicit main route table (vpc.mainRouteTableId)", async () => {
      const { r, all } = compliant();
      const route = res(
        EC2_ROUTE,
        "main-default",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", gatewayId: U },
        { refs: { routeTableId: [r.vpc], gatewayId: [r.igw] } },
      );
      const found = await violations(core, without(all(route), "compute-a-rta", "main-rt"));
      expect(found.find((f) => f.startsWith("main-default:"))).to.contain(
        'the main route table of VPC "main"',
      );
    });

    for (const [kind, make] of [
      [
        "an ECS service",
        (s: RecordedResource) =>
          res(
            ECS_SERVICE,
            "worker",
            { networkConfiguration: { subnets: [U] } },
            { refs: { networkConfiguration: [s] } },
          ),
      ],
      [
        "an EC2 instance",
        (s: RecordedResource) =>
          res(
            EC2_INSTANCE,
            "box",
            { subnetId: U, metadataOptions: { httpTokens: "required" } },
            { refs: { subnetId: [s] } },
          ),
      ],
      [
        "a Lambda function",
        (s: RecordedResource) =>
          res(
            LAMBDA_FUNCTION,
            "fn",
            { vpcConfig: { subnetIds: [U], securityGroupIds: [U] } },
            { refs: { vpcConfig: [s] } },
          ),
      ],
      [
        "a CodeBuild project",
        (s: RecordedResource) =>
          res(
            CODEBUILD_PROJECT,
            "build",
            { vpcConfig: { vpcId: U, subnets: [U], securityGroupIds: [U] } },
            { refs: { vpcConfig: [s] } },
          ),
      ],
    ] as const) {
      it(`counts an untagged subnet that hosts ${kind} as compute`, async () => {
        const { r, all } = compliant();
        const misc = res(
          EC2_SUBNET,
          "misc-a",
          { vpcId: U, cidrBlock: "10.0.30.0/24" },
          { refs: { vpcId: [r.vpc] } },
        );
        const a = res(
          EC2_ROUTE_TABLE_ASSOCIATION,
          "misc-a-rta",
          { subnetId: U, routeTableId: U },
          { refs: { subnetId: [misc], routeTableId: [r.publicRt] } },
        );
        expect(await violations(core, all(misc, a))).to.deep.equal([]);
        const found = await violations(core, all(misc, a, make(misc)));
        expect(found.find((f) => f.startsWith("misc-a:"))).to.contain("hosts");
        expect(found.find((f) => f.startsWith("public-rt:"))).to.contain('subnet "misc-a"');
        expect(found.find((f) => f.startsWith("public-v6:"))).to.contain("::/0");
      });
    }

    it("correlates through literal ids (existing subnet and tables, no property dependencies)", async () => {
      const { all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "legacy-rt",
        { vpcId: "vpc-0legacy", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0legacy" }] },
        {
          outputs: {
            id: "rtb-0legacy",
            vpcId: "vpc-0legacy",
            routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0legacy" }],
          },
        },
      );
      const a = res(EC2_ROUTE_TABLE_ASSOCIATION, "legacy-rta", {
        subnetId: "subnet-0legacy",
        routeTableId: "rtb-0legacy",
      });
      const fn = res(LAMBDA_FUNCTION, "legacy-fn", {
        vpcConfig: { subnetIds: ["subnet-0legacy"], securityGroupIds: ["sg-0legacy"] },
      });
      const found = await violations(core, all(rt, a, fn));
      expect(found.find((f) => f.startsWith("legacy-fn:")))
        .to.contain("subnet subnet-0legacy")
        .and.contain('route table "legacy-rt"');
      expect(found.find((f) => f.startsWith("legacy-rt:"))).to.contain(
        "sends 0.0.0.0/0 to NAT gateway nat-0legacy",
      );
    });

    it("correlates an up-style stack where values are literal ids and dependencies are present", async () => {
      const { r, all } = compliant();
      const withIds = (x: RecordedResource, inputs: Record<string, any>) =>
        res(
          x.type,
          x.name,
          { ...x.inputs, ...inputs },
          {
            refs: Object.fromEntries(
              Object.entries(x.propertyDependencies).map(([k, urns]) => [
                k,
                urns.map((u) => all().find((y) => y.urn === u)!),
              ]),
            ),
          },
        );
      const nat = res(
        EC2_NAT_GATEWAY,
        "nat",
        { subnetId: "subnet-0pub" },
        { refs: { subnetId: [r.publicA] } },
      );
      const route = res(
        EC2_ROUTE,
        "compute-egress",
        {
          routeTableId: "rtb-0compute",
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: "nat-0abc",
        },
        { refs: { routeTableId: [r.computeRt], natGatewayId: [nat] } },
      );
      const assoc = withIds(r.computeAssoc, {
        subnetId: "subnet-0compute",
        routeTableId: "rtb-0compute",
      });
      const found = await violations(core, swap(all(nat, route), assoc));
      expect(found.find((f) => f.startsWith("compute-egress:"))).to.contain('subnet "compute-a"');
      expect(await previewNotes(core, swap(all(nat, route), assoc))).to.deep.equal([]);
    });

    it("reports a waived NAT route (route-table waiver tag) as waived, with its reason, not as a violation", async () => {
      const { r, all } = compliant();
      const reason =
        "AI environment calls model APIs through NAT; reviewed by security, ticket SEC-142";
      const aiRt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          tags: { Name: "compute-rt", "waiver:ec2-compute-subnet-no-default-route": reason },
        },
        { refs: { vpcId: [r.vpc] } },
      );
      const nat = res(EC2_NAT_GATEWAY, "nat", { subnetId: U }, { refs: { subnetId: [r.publicA] } });
      const route = res(
        EC2_ROUTE,
        "ai-egress",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", natGatewayId: U },
        { refs: { routeTableId: [aiRt], natGatewayId: [nat] } },
      );
      const report = await evaluate(core, swap(all(nat, route), aiRt));
      expect(report.violations).to.deep.equal([]);
      expect(report.waived.map((w) => w.name).sort()).to.deep.equal(["ai-egress", "compute-a"]);
      for (const w of report.waived) {
        expect(w.policy).to.equal("ec2-compute-subnet-no-default-route");
        expect(w.waiver.reason).to.equal(reason);
        expect(w.message).to.contain("NAT gateway");
      }
    });

    it("does not accept a too-short waiver reason", async () => {
      const { r, all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }],
          tags: { "waiver:ec2-compute-subnet-no-default-route": "ok" },
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(core, swap(all(), rt))).to.have.length(2);
    });

    it("turns an association with an unknown subnet into a preview note, never a pass", async () => {
      const { r, all } = compliant();
      const bad = res(
        EC2_ROUTE_TABLE,
        "shadow-rt",
        { vpcId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] },
        { refs: { vpcId: [r.vpc], routes: [r.igw] } },
      );
      const floating = res(
        EC2_ROUTE_TABLE_ASSOCIATION,
        "mystery-rta",
        { subnetId: U, routeTableId: U },
        { refs: { routeTableId: [bad] } },
      );
      const stack = without(all(bad, floating), "compute-a-rta");
      expect(await violations(core, stack)).to.deep.equal([]);
      const notes = await previewNotes(core, stack);
      expect(notes).to.have.length(1);
      expect(notes[0])
        .to.contain("can't run policy 'ec2-compute-subnet-no-default-route' during preview")
        .and.contain('"mystery-rta"')
        .and.contain('subnet "compute-a"');
    });

    it("turns compute with unknown subnets (no property dependency) into a preview note", async () => {
      const { all } = compliant();
      const fn = res(LAMBDA_FUNCTION, "orphan-fn", {
        vpcConfig: { subnetIds: [U], securityGroupIds: [U] },
      });
      const notes = await previewNotes(core, all(fn));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain('Lambda function "orphan-fn"');
    });

    it("turns a default route whose route table is unknown into a preview note", async () => {
      const { all } = compliant();
      const route = res(EC2_ROUTE, "stray", {
        routeTableId: U,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: "nat-0abc",
      });
      expect(await violations(core, all(route))).to.deep.equal([]);
      const notes = await previewNotes(core, all(route));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain("stray");
    });

    it("treats a prefix-list destination holding 0.0.0.0/0 as a default route", async () => {
      const { r, all } = compliant();
      const pl = res(EC2_MANAGED_PREFIX_LIST, "everything", {
        addressFamily: "IPv4",
        maxEntries: 1,
        entries: [{ cidr: "0.0.0.0/0" }],
      });
      const route = res(
        EC2_ROUTE,
        "compute-pl",
        { routeTableId: U, destinationPrefixListId: U, transitGatewayId: "tgw-0abc1234" },
        { refs: { routeTableId: [r.computeRt], destinationPrefixListId: [pl] } },
      );
      const found = await violations(core, all(pl, route));
      expect(found.find((f) => f.startsWith("compute-pl:"))).to.contain("transit gateway");
    });

    it("leaves a compute subnet in a VPC the stack does not manage to the advisory verifiable policy", async () => {
      const { all } = compliant();
      const s = res(EC2_SUBNET, "ext-compute", {
        vpcId: "vpc-0existing",
        cidrBlock: "10.9.0.0/24",
        tags: { tier: "compute" },
      });
      expect(await violations(core, all(s))).to.deep.equal([]);
      const found = await violations(policy("ec2-compute-subnet-route-table-verifiable"), all(s));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('subnet "ext-compute"').and.contain("vpc-0existing");
    });

    it("flags route propagation into a compute route table as unverifiable", async () => {
      const { r, all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        { vpcId: U, propagatingVgws: [U] },
        { refs: { vpcId: [r.vpc] } },
      );
      const found = await violations(
        policy("ec2-compute-subnet-route-table-verifiable"),
        swap(all(), rt),
      );
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("propagates routes");
    });

    it("honours a custom tier tag", async () => {
      const { r, all } = compliant();
      const s = res(
        EC2_SUBNET,
        "public-a",
        { vpcId: U, tags: { layer: "app" } },
        { refs: { vpcId: [r.vpc] } },
      );
      const config = {
        "ec2-compute-subnet-no-default-route": { tierTagKey: "layer", computeTierValues: ["app"] },
      };
      const found = await violations(core, swap(all(), s), config);
      expect(found.find((f) => f.startsWith("public-a:"))).to.contain("tagged layer=app");
    });
  });

  describe("ec2-route-peering-not-default", () => {
    const p = policy("ec2-route-peering-not-default");
    it("passes a peering route to the peer's CIDR and catches one to 0.0.0.0/0", async () => {
      const { r, all } = compliant();
      const peer = res(EC2_VPC_PEERING_CONNECTION, "peer", { vpcId: U, peerVpcId: "vpc-0peer" });
      const ok = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationCidrBlock: "10.50.0.0/16", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(p, all(peer, ok))).to.deep.equal([]);
      const bad = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(p, all(peer, bad))).to.deep.equal([
        "to-peer: this route sends 0.0.0.0/0 to a VPC peering connection.",
      ]);
    });
  });

  describe("security groups", () => {
    const pub = policy("ec2-security-group-no-public-ingress");
    const admin = policy("ec2-security-group-no-admin-ports-public");

    it("allows 80/443 from anywhere on the internet-facing ALB's group (rule resources and inline rules)", async () => {
      expect(await violations([pub, admin], compliant().all())).to.deep.equal([]);
      const { r, all } = compliant();
      const inline = res(
        EC2_SECURITY_GROUP,
        "alb-sg",
        {
          vpcId: U,
          description: "ALB",
          ingress: [
            {
              protocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrBlocks: ["0.0.0.0/0"],
              ipv6CidrBlocks: ["::/0"],
              description: "HTTPS",
            },
            {
              protocol: "6",
              fromPort: 80,
              toPort: 80,
              cidrBlocks: ["0.0.0.0/0"],
              description: "HTTP",
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      const stack = without(swap(all(), inline), "alb-https", "alb-https-v6", "alb-http");
      expect(await violations(policies, stack)).to.deep.equal([]);
    });

    it("catches 443 from anywhere on a group that is not on a load balancer", async () => {
      const { r, all } = compliant();
      const app = res(
        EC2_SECURITY_GROUP,
        "app-sg",
        {
          vpcId: U,
          description: "API",
          ingress: [
            {
              protocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrBlocks: ["0.0.0.0/0"],
              description: "x",
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      const found = await violations(pub, swap(all(), app));
      expect(found).to.deep.equal([
        'app-sg: inline ingress #1 of security group "app-sg" allows tcp/443 from 0.0.0.0/0: its security group is not attached to an internet-facing load balancer.',
      ]);
    });

    it("catches 443 from anywhere on an internal load balancer's group", async () => {
      const { r, all } = compliant();
      const lb = res(
        LB_LOAD_BALANCER,
        "alb",
        { internal: true, securityGroups: [U] },
        { refs: { securityGroups: [r.albSg] } },
      );
      const found = await violations(pub, swap(all(), lb));
      expect(found).to.have.length(3);
      expect(found.join("\n")).to.contain("tcp/443 from ::/0").and.contain("tcp/80 from 0.0.0.0/0");
    });

    it("catches a port other than 80/443 on the load balancer's group", async () => {
      const { r, all } = compliant();
      const rule = res(
        VPC_SECURITY_GROUP_INGRESS_RULE,
        "alb-8443",
        {
          securityGroupId: U,
          ipProtocol: "tcp",
          fromPort: 8443,
          toPort: 8443,
          cidrIpv6: "::/0",
          description: "alt",
        },
        { refs: { securityGroupId: [r.albSg] } },
      );
      const found = await violations(pub, all(rule));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("tcp/8443 from ::/0");
    });

    it("catches SSH from ::/0 in a SecurityGroupRule (both policies)", async () => {
      const { r, all } = compliant();
      const rule = res(
        EC2_SECURITY_GROUP_RULE,
        "ssh",
        {
          type: "ingress",
          securityGroupId: U,
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          ipv6CidrBlocks: ["::/0"],
        },
        { refs: { securityGroupId: [r.appSg] } },
      );
      expect(await violations(admin, all(rule))).to.deep.equal([
        'ssh: security group rule "ssh" opens high-risk port(s) 22 (tcp/22) to ::/0.',
      ]);
      expect(await violations(pub, all(rule))).to.have.length(1);
    });

    it("catches all traffic from anywhere, even on the load balancer's group", async () => {
      const { r, all } = compliant();
      const rule = res(
        VPC_SECURITY_GROUP_INGRESS_RULE,
        "alb-all",
        { securityGroupId: U, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "all" },
        { refs: { securityGroupId: [r.albSg] } },
      );
      const found = await violations(admin, all(rule));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("all traffic");
      expect(await violations(pub, all(rule))).to.have.length(1);
    });

    it("catches RDP in a port range from anywhere", async () => {
      const { r, all } = compliant();
      const rule = res(
        VPC_SECURITY_GROUP_INGRESS_RULE,
        "range",
        {
          securityGroupId: U,
          ipProtocol: "tcp",
          fromPort: 3000,
          toPort: 4000,
          cidrIpv4: "0.0.0.0/0",
          description: "r",
        },
        { refs: { securityGroupId: [r.appSg] } },
      );
      const found = await violations(admin, all(rule));
      expect(found[0]).to.contain("3000, 3306, 3389");
    });

    it("turns a load balancer whose scheme is unknown into a preview note for its 80/443 rules", async () => {
      const { r, all } = compliant();
      const lb = res(
        LB_LOAD_BALANCER,
        "alb",
        { internal: U, securityGroups: [U] },
        { refs: { securityGroups: [r.albSg] } },
      );
      expect(await violations(pub, swap(all(), lb))).to.deep.equal([]);
      const notes = await previewNotes(pub, swap(all(), lb));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain('load balancer "alb"');
    });

    it("turns a rule whose group is unknown into a preview note", async () => {
      const { all } = compliant();
      const rule = res(VPC_SECURITY_GROUP_INGRESS_RULE, "lost", {
        securityGroupId: U,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "x",
      });
      expect(await violations(pub, all(rule))).to.deep.equal([]);
      expect(await previewNotes(pub, all(rule))).to.have.length(1);
    });

    it("ec2-security-group-egress-restricted: catches all traffic out to 0.0.0.0/0", async () => {
      const p = policy("ec2-security-group-egress-restricted");
      const { r, all } = compliant();
      const out = res(
        VPC_SECURITY_GROUP_EGRESS_RULE,
        "all-out",
        { securityGroupId: U, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "all" },
        { refs: { securityGroupId: [r.appSg] } },
      );
      expect(await violations(p, all(out))).to.deep.equal([
        'all-out: egress rule "all-out" allows all traffic out to 0.0.0.0/0.',
      ]);
      const https = res(
        VPC_SECURITY_GROUP_EGRESS_RULE,
        "all-out",
        {
          securityGroupId: U,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: "0.0.0.0/0",
          description: "https",
        },
        { refs: { securityGroupId: [r.appSg] } },
      );
      expect(await violations(p, all(https))).to.deep.equal([]);
    });

    it("ec2-security-group-description: catches the provider default and a rule without description", async () => {
      const p = policy("ec2-security-group-description");
      const { r, all } = compliant();
      const sg = res(
        EC2_SECURITY_GROUP,
        "app-sg",
        { vpcId: U, description: "Managed by Pulumi" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), sg))).to.have.length(1);
      const rule = res(
        VPC_SECURITY_GROUP_INGRESS_RULE,
        "app-from-alb",
        { securityGroupId: U, ipProtocol: "tcp", fromPort: 8080, toPort: 8080 },
        { refs: { securityGroupId: [r.appSg] } },
      );
      expect(await violations(p, swap(all(), rule))).to.deep.equal([
        "app-from-alb: The rule has no description.",
      ]);
      const inline = res(
        EC2_SECURITY_GROUP,
        "alb-sg",
        {
          vpcId: U,
          description: "ALB",
          ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), inline))).to.deep.equal([
        "alb-sg: Inline ingress rule(s) #1 have no description.",
      ]);
    });

    it("ec2-security-group-no-rule-management-conflicts: catches inline rules plus rule resources", async () => {
      const p = policy("ec2-security-group-no-rule-management-conflicts");
      const { r, all } = compliant();
      const inline = res(
        EC2_SECURITY_GROUP,
        "alb-sg",
        {
          vpcId: U,
          description: "ALB",
          ingress: [
            {
              protocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrBlocks: ["0.0.0.0/0"],
              description: "HTTPS",
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), inline))).to.deep.equal([
        'alb-sg: security group "alb-sg" has inline rules and also separate rule resources: ingress rule "alb-https", ingress rule "alb-https-v6", ingress rule "alb-http".',
      ]);
      const dsgRule = res(
        EC2_SECURITY_GROUP_RULE,
        "dsg-rule",
        {
          type: "egress",
          securityGroupId: U,
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ["10.0.0.0/8"],
        },
        { refs: { securityGroupId: [r.dsg] } },
      );
      expect(await violations(p, all(dsgRule))).to.have.length(1);
    });
  });

  describe("VPC-wide settings", () => {
    it("ec2-default-security-group-no-rules: catches an unmanaged default group and one with rules", async () => {
      const p = policy("ec2-default-security-group-no-rules");
      const { r, all } = compliant();
      expect(await violations(p, without(all(), "default-sg"))).to.deep.equal([
        'main: VPC "main" does not manage its default security group, which keeps AWS\'s rules (all inbound from members of the group, all outbound).',
      ]);
      const open = res(
        EC2_DEFAULT_SECURITY_GROUP,
        "default-sg",
        {
          vpcId: U,
          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), open)))[0]).to.contain("1 inline rule(s) (egress)");
    });

    it("ec2-vpc-flow-logs-enabled: catches a VPC without flow log and one capturing only rejects", async () => {
      const p = policy("ec2-vpc-flow-logs-enabled");
      const { r, all } = compliant();
      expect(await violations(p, without(all(), "flow"))).to.deep.equal([
        'main: VPC "main" has no flow log.',
      ]);
      const rejects = res(
        EC2_FLOW_LOG,
        "flow",
        { vpcId: U, trafficType: "REJECT" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), rejects)))[0]).to.contain("capture REJECT, not ALL");
      const lost = res(EC2_FLOW_LOG, "flow", { vpcId: U, trafficType: "ALL" });
      expect(await violations(p, swap(all(), lost))).to.deep.equal([]);
      expect(await previewNotes(p, swap(all(), lost))).to.have.length(1);
    });

    it("ec2-subnet-no-public-ip-on-launch: catches mapPublicIpOnLaunch", async () => {
      const p = policy("ec2-subnet-no-public-ip-on-launch");
      const { r, all } = compliant();
      const s = res(
        EC2_SUBNET,
        "public-a",
        { vpcId: U, mapPublicIpOnLaunch: true, tags: { tier: "public" } },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), s))).to.have.length(1);
    });

    it("ec2-nacl-no-unrestricted-admin-ports: catches SSH in an inline entry and RDP in a NetworkAclRule, in rule order", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = res(
        EC2_NETWORK_ACL,
        "private-nacl",
        {
          vpcId: U,
          ingress: [
            {
              ruleNo: 90,
              action: "allow",
              protocol: "tcp",
              cidrBlock: "0.0.0.0/0",
              fromPort: 22,
              toPort: 22,
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), nacl))).to.deep.equal([
        'private-nacl: ingress entry #1 (rule 90) of network ACL "private-nacl" is the first entry for tcp/22 from 0.0.0.0/0 and allows it.',
      ]);
      // An allow numbered below the ACL's deny for 3389 wins.
      const rule = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 50,
          egress: false,
          protocol: "6",
          ruleAction: "allow",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect(await violations(p, all(rule))).to.deep.equal([
        'rdp: network ACL rule "rdp" (rule 50) is the first entry for tcp/3389 from 0.0.0.0/0 and allows it.',
      ]);
      // Numbered after the deny, it is shadowed.
      const later = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 200,
          egress: false,
          protocol: "6",
          ruleAction: "allow",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect(await violations(p, all(later))).to.deep.equal([]);
      const v6 = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 200,
          egress: false,
          protocol: "-1",
          ruleAction: "allow",
          ipv6CidrBlock: "::/0",
          fromPort: 0,
          toPort: 0,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect((await violations(p, all(v6)))[0])
        .to.contain("tcp/22 from ::/0")
        .and.contain("udp/3389 from ::/0");
    });

    it("ec2-nacl-no-unrestricted-admin-ports: the ephemeral-port return entry covers 3389 unless a deny comes first", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = res(
        EC2_NETWORK_ACL,
        "private-nacl",
        {
          vpcId: U,
          ingress: [
            {
              ruleNo: 110,
              action: "allow",
              protocol: "tcp",
              cidrBlock: "0.0.0.0/0",
              fromPort: 1024,
              toPort: 65535,
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), nacl)))[0]).to.contain("tcp/3389 from 0.0.0.0/0");
    });

    it("ec2-nacl-no-all-ports-public-ingress: catches allow-all from anywhere, passes ephemeral return ports", async () => {
      const p = policy("ec2-nacl-no-all-ports-public-ingress");
      const { all } = compliant();
      const rule = res(EC2_NETWORK_ACL_RULE, "all-in", {
        networkAclId: U,
        ruleNumber: 100,
        egress: false,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      });
      expect(await violations(p, all(rule))).to.deep.equal([
        "all-in: this rule allows all traffic from 0.0.0.0/0.",
      ]);
      const outbound = res(EC2_NETWORK_ACL_RULE, "all-in", {
        networkAclId: U,
        ruleNumber: 100,
        egress: true,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      });
      expect(await violations(p, all(outbound))).to.deep.equal([]);
    });

    it("ec2-vpc-endpoint-policy: catches a missing and a full-access policy; accepts a VpcEndpointPolicy", async () => {
      const p = policy("ec2-vpc-endpoint-policy");
      const { r, all } = compliant();
      const bare = res(
        EC2_VPC_ENDPOINT,
        "s3",
        { vpcId: U, serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), bare)))[0]).to.contain("has no endpoint policy");
      const full = res(
        EC2_VPC_ENDPOINT,
        "s3",
        {
          vpcId: U,
          serviceName: "com.amazonaws.eu-west-1.s3",
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          }),
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), full)))[0]).to.contain("full-access endpoint policy");
      const attached = res(
        EC2_VPC_ENDPOINT_POLICY,
        "s3-policy",
        { vpcEndpointId: U, policy: S3_POLICY },
        { refs: { vpcEndpointId: [bare] } },
      );
      expect(await violations(p, swap(all(attached), bare))).to.deep.equal([]);
      const gwlb = res(EC2_VPC_ENDPOINT, "s3", {
        vpcId: U,
        serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0abc",
        vpcEndpointType: "GatewayLoadBalancer",
      });
      expect(await violations(p, swap(all(), gwlb))).to.deep.equal([]);
    });
  });

  describe("EC2 instances", () => {
    const tunnelWith = (changes: Record<string, any>) => {
      const { r, all } = compliant();
      const inst = res(
        EC2_INSTANCE,
        "tunnel",
        { ...r.tunnel.inputs, ...changes },
        { refs: { subnetId: [r.computeA] } },
      );
      return swap(all(), inst);
    };

    it("ec2-instance-imdsv2: catches optional tokens on an instance and a launch template without options", async () => {
      const p = policy("ec2-instance-imdsv2");
      expect(
        await violations(p, tunnelWith({ metadataOptions: { httpTokens: "optional" } })),
      ).to.have.length(1);
      expect(
        await violations(p, tunnelWith({ metadataOptions: { httpEndpoint: "disabled" } })),
      ).to.deep.equal([]);
      const lt = res(EC2_LAUNCH_TEMPLATE, "lt", { imageId: "ami-0123" });
      expect((await violations(p, [lt]))[0]).to.contain("not set");
    });

    it("ec2-instance-imds-hop-limit: catches a hop limit of 2", async () => {
      const p = policy("ec2-instance-imds-hop-limit");
      expect(
        await violations(
          p,
          tunnelWith({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } }),
        ),
      ).to.have.length(1);
    });

    it("ec2-instance-no-public-ip: catches every way to a public IPv4 address", async () => {
      const p = policy("ec2-instance-no-public-ip");
      expect(await violations(p, tunnelWith({ associatePublicIpAddress: true }))).to.have.length(1);
      const { r, all } = compliant();
      const pubSubnet = res(
        EC2_SUBNET,
        "compute-a",
        { vpcId: U, mapPublicIpOnLaunch: true, tags: { tier: "compute" } },
        { refs: { vpcId: [r.vpc] } },
      );
      const inherits = res(
        EC2_INSTANCE,
        "tunnel",
        { ...r.tunnel.inputs, associatePublicIpAddress: undefined },
        { refs: { subnetId: [r.computeA] } },
      );
      expect((await violations(p, swap(all(), pubSubnet, inherits)))[0]).to.contain(
        "maps a public IP on launch",
      );
      const lt = res(
        EC2_LAUNCH_TEMPLATE,
        "lt",
        { networkInterfaces: [{ associatePublicIpAddress: "true", subnetId: U }] },
        { refs: { networkInterfaces: [r.computeA] } },
      );
      expect(await violations(p, all(lt))).to.have.length(1);
      const eip = res(
        EC2_EIP,
        "tunnel-ip",
        { domain: "vpc", instance: U },
        { refs: { instance: [r.tunnel] } },
      );
      expect(await violations(p, all(eip))).to.have.length(1);
      const natIp = res(EC2_EIP, "nat-ip", { domain: "vpc" });
      expect(await violations(p, all(natIp))).to.deep.equal([]);
    });

    it("ec2-instance-ebs-encrypted: catches unencrypted and AWS-managed-key volumes, accepts CMK encryption by default", async () => {
      const p = policy("ec2-instance-ebs-encrypted");
      const plain = tunnelWith({ rootBlockDevice: { volumeSize: 8 }, ebsBlockDevices: [] });
      expect((await violations(p, plain))[0]).to.contain("the root volume is not encrypted");
      const awsKey = tunnelWith({ rootBlockDevice: { encrypted: true }, ebsBlockDevices: [] });
      expect((await violations(p, awsKey))[0]).to.contain("AWS managed key");
      const byDefault = [
        ...plain,
        res(EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: true }),
        res(EBS_DEFAULT_KMS_KEY, "ebs-key-default", { keyArn: U }),
      ];
      expect(await violations(p, byDefault)).to.deep.equal([]);
      const lt = res(EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 8 } },
        ],
      });
      expect((await violations(p, [lt]))[0]).to.contain("volume /dev/xvda is not encrypted");
      const ltOk = res(EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: U } }],
      });
      expect(await violations(p, [ltOk])).to.deep.equal([]);
    });

    it("ec2-ebs-volume-encrypted: catches an unencrypted volume, accepts a CMK", async () => {
      const p = policy("ec2-ebs-volume-encrypted");
      expect(
        await violations(p, [
          res(EBS_VOLUME, "data", { availabilityZone: "eu-west-1a", size: 10 }),
        ]),
      ).to.deep.equal(['data: EBS volume "data" is not encrypted.']);
      expect(
        await violations(p, [
          res(EBS_VOLUME, "data", { availabilityZone: "eu-west-1a", encrypted: true, kmsKeyId: U }),
        ]),
      ).to.deep.equal([]);
    });

    it("ec2-instance-detailed-monitoring, ec2-instance-profile-attached: catch them missing", async () => {
      expect(
        await violations(
          policy("ec2-instance-detailed-monitoring"),
          tunnelWith({ monitoring: false }),
        ),
      ).to.have.length(1);
      expect(
        await violations(
          policy("ec2-instance-profile-attached"),
          tunnelWith({ iamInstanceProfile: undefined }),
        ),
      ).to.have.length(1);
    });

    it("ec2-instance-no-secrets-in-user-data: catches an access key, also base64-encoded in a launch template", async () => {
      const p = policy("ec2-instance-no-secrets-in-user-data");
      const script = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\n";
      expect(await violations(p, tunnelWith({ userData: script }))).to.have.length(1);
      const lt = res(EC2_LAUNCH_TEMPLATE, "lt", {
        userData: Buffer.from(script).toString("base64"),
      });
      expect(await violations(p, [lt])).to.have.length(1);
    });

    it("reads an unknown metadata option as a preview note, not a pass", async () => {
      const notes = await previewNotes(
        policy("ec2-instance-imdsv2"),
        tunnelWith({ metadataOptions: U }),
      );
      expect(notes).to.have.length(1);
    });
  });
});
