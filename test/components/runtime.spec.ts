import { expect } from "chai";
import {
  ELB_NAME_MAX_LENGTH,
  loadBalancerLogicalName,
  PublicLoadBalancer,
} from "../../components/load-balancer";
import { AUTONAME_SUFFIX_LENGTH, logicalNameWithin } from "../../components/naming";
import { imageLifecyclePolicy, Runtime } from "../../components/runtime";
import { Recording } from "../../tools/lib/recorder";
import { RUNTIME_ARGS as base } from "../fixtures/runtime-args";
import { buildRuntime as build, CERT, runtimeStacks } from "../fixtures/runtime-stacks";
import { doc, findAll, findOne, recordComponent, referrers } from "../helpers";

// What the web ACL in front of prod does to requests: ./runtime-waf-requests.spec.ts.
describe("Runtime", () => {
  let staging: Recording;
  let prod: Recording;
  before(async () => {
    ({ staging, prod } = await runtimeStacks());
  });

  it("sizes the task definition and the service per stack", () => {
    for (const [rec, cpu, mem, count] of [
      [staging, "256", "512", 2],
      [prod, "512", "1024", 4],
    ] as const) {
      const td = findOne(rec, "aws:ecs/taskDefinition:TaskDefinition", "rt-task");
      expect(td.inputs).to.include({ cpu, memory: mem, networkMode: "awsvpc" });
      expect(findOne(rec, "aws:ecs/service:Service", "rt-service").inputs.desiredCount).to.equal(
        count,
      );
    }
    const target = findOne(prod, "aws:appautoscaling/target:Target", "rt-scaling");
    expect(target.inputs).to.include({ minCapacity: 4, maxCapacity: 8 });
  });

  it("runs a hardened container that logs to an encrypted log group", () => {
    const td = findOne(staging, "aws:ecs/taskDefinition:TaskDefinition", "rt-task");
    const [c] = JSON.parse(td.inputs.containerDefinitions);
    expect(c.readonlyRootFilesystem).to.equal(true);
    expect(c.privileged).to.equal(false);
    expect(c.user).to.match(/^[1-9]\d*:/);
    // Spelled as ECS stores it (`add: []` too), so the task definition has no diff on every update.
    expect(c.linuxParameters.capabilities).to.deep.equal({ add: [], drop: ["ALL"] });
    expect(c.logConfiguration.logDriver).to.equal("awslogs");
    for (const e of c.environment) expect(e.name).to.not.match(/SECRET|PASSWORD|TOKEN/);
    const group = findOne(staging, "aws:cloudwatch/logGroup:LogGroup", "rt-logs");
    expect(group.inputs.kmsKeyId)
      .to.be.a("string")
      .and.match(/^arn:aws:kms:/);
    expect(group.inputs.retentionInDays).to.equal(30);
  });

  it("keeps tasks private: compute subnets, no public IP, circuit breaker with rollback", () => {
    const svc = findOne(staging, "aws:ecs/service:Service", "rt-service");
    expect(svc.inputs.networkConfiguration).to.deep.include({
      assignPublicIp: false,
      subnets: base.computeSubnetIds,
    });
    expect(svc.inputs.deploymentCircuitBreaker).to.deep.equal({ enable: true, rollback: true });
    expect(svc.inputs.healthCheckGracePeriodSeconds).to.be.greaterThan(0);
    expect(svc.options.ignoreChanges).to.include.members(["taskDefinition", "desiredCount"]);
  });

  it("gives the execution role only its repository, its log group and the account-wide ECR login", () => {
    const role = findOne(staging, "aws:iam/role:Role", "rt-execution-role");
    const trust = doc(role.inputs.assumeRolePolicy).Statement[0];
    expect(trust.Principal).to.deep.equal({ Service: "ecs-tasks.amazonaws.com" });
    expect(trust.Condition.StringEquals["aws:SourceAccount"]).to.equal("123456789012");
    const [policy] = referrers(staging, role, "role", "aws:iam/rolePolicy:RolePolicy");
    const repo = findOne(staging, "aws:ecr/repository:Repository", "rt-repo");
    const group = findOne(staging, "aws:cloudwatch/logGroup:LogGroup", "rt-logs");
    const byAction = new Map<string, string[]>();
    for (const s of doc(policy.inputs.policy).Statement) {
      expect(s.Effect).to.equal("Allow");
      for (const a of [s.Action].flat()) byAction.set(a, [s.Resource].flat());
    }
    expect([...byAction.keys()].sort()).to.deep.equal([
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
      "ecr:GetDownloadUrlForLayer",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    expect(byAction.get("ecr:GetAuthorizationToken")).to.deep.equal(["*"]);
    expect(byAction.get("ecr:BatchGetImage")).to.deep.equal([repo.outputs.arn]);
    expect(byAction.get("logs:PutLogEvents")).to.deep.equal([`${group.outputs.arn}:log-stream:*`]);
    expect(findAll(staging, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
    const td = findOne(staging, "aws:ecs/taskDefinition:TaskDefinition", "rt-task");
    expect(td.inputs.taskRoleArn).to.equal(base.taskRoleArn);
  });

  it("manages the registry's scanning explicitly: basic scanning on push of the project's repositories, kept when a stack goes", () => {
    for (const rec of [staging, prod]) {
      const [config] = findAll(
        rec,
        "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
      );
      expect(config, "registry scanning configuration").to.not.equal(undefined);
      expect(config.inputs.scanType).to.equal("BASIC");
      expect(config.inputs.rules).to.deep.equal([
        {
          scanFrequency: "SCAN_ON_PUSH",
          repositoryFilters: [{ filter: "platform-*", filterType: "WILDCARD" }],
        },
      ]);
      // One per account and region: deleting it would reset the registry to no scanning at all
      // for the other stacks of the account.
      expect(config.options.retainOnDelete).to.equal(true);
      // The repository's own scanOnPush is superseded (and deprecated): not set.
      const repo = findOne(rec, "aws:ecr/repository:Repository", "rt-repo");
      expect(repo.inputs).to.not.have.property("imageScanningConfiguration");
      expect(repo.inputs.name).to.match(/^platform-/);
    }
  });

  it("has an immutable, KMS-encrypted repository with a lifecycle policy", () => {
    const repo = findOne(staging, "aws:ecr/repository:Repository", "rt-repo");
    expect(repo.inputs.imageTagMutability).to.equal("IMMUTABLE");
    expect(repo.inputs.encryptionConfigurations[0].encryptionType).to.equal("KMS");
    const lifecycle = findOne(
      staging,
      "aws:ecr/lifecyclePolicy:LifecyclePolicy",
      "rt-repo-lifecycle",
    );
    // What the rules keep is held by test/components/image-lifecycle.spec.ts.
    expect(lifecycle.inputs.policy).to.equal(imageLifecyclePolicy(30));
  });

  it("chains security groups: internet → ALB 80/443 → tasks on the container port → endpoints/S3 on 443", () => {
    const ingress = findAll(staging, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const egress = findAll(staging, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    const publicIngress = ingress.filter((r) => r.inputs.cidrIpv4);
    expect(publicIngress.map((r) => r.inputs.fromPort)).to.deep.equal([80]);
    expect(
      findAll(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter((r) => r.inputs.cidrIpv4)
        .map((r) => r.inputs.fromPort),
    ).to.deep.equal([80, 443]);
    const fromAlb = ingress.filter((r) => r.inputs.referencedSecurityGroupId);
    expect(fromAlb).to.have.length(1);
    expect(fromAlb[0].inputs).to.include({ fromPort: 8080, toPort: 8080, ipProtocol: "tcp" });
    const taskEgress = egress.filter((r) => r.name.startsWith("rt-tasks-"));
    expect(taskEgress.map((r) => [r.inputs.fromPort, r.inputs.toPort])).to.deep.equal([
      [443, 443],
      [443, 443],
    ]);
    expect(taskEgress.some((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).to.equal(false);
  });

  it("serves HTTPS with a modern policy when a certificate is set, and HTTP only redirects", () => {
    const listeners = findAll(prod, "aws:lb/listener:Listener");
    const https = listeners.find((l) => l.inputs.port === 443)!;
    // ELB docs, "Security policies for your Application Load Balancer": the policy AWS recommends.
    expect(https.inputs.sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
    expect(https.inputs.certificateArn).to.match(/^arn:aws:acm:eu-west-1:/);
    const http = listeners.find((l) => l.inputs.port === 80)!;
    expect(http.inputs.defaultActions).to.deep.equal([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
    const stagingListeners = findAll(staging, "aws:lb/listener:Listener");
    expect(stagingListeners.map((l) => l.inputs.protocol)).to.deep.equal(["HTTP"]);
  });

  it("hardens the ALB and protects it in prod", () => {
    const alb = findOne(prod, "aws:lb/loadBalancer:LoadBalancer", "rt-lb-alb");
    expect(alb.inputs).to.include({
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: true,
      internal: false,
    });
    expect(alb.inputs.accessLogs.enabled).to.equal(true);
    expect(
      findOne(staging, "aws:lb/loadBalancer:LoadBalancer", "rt-lb-alb").inputs
        .enableDeletionProtection,
    ).to.equal(false);
  });

  it("puts WAF with managed rules, a rate limit and logging in front of prod only", () => {
    expect(findAll(staging, "aws:wafv2/webAcl:WebAcl")).to.have.length(0);
    const acl = findOne(prod, "aws:wafv2/webAcl:WebAcl", "rt-waf-acl");
    const names = acl.inputs.rules.map((r: any) => r.name);
    expect(names).to.include.members([
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesAmazonIpReputationList",
      "rate-limit-per-ip",
    ]);
    expect(
      acl.inputs.rules.find((r: any) => r.name === "rate-limit-per-ip").statement.rateBasedStatement
        .limit,
    ).to.equal(2000);
    expect(findAll(prod, "aws:wafv2/webAclAssociation:WebAclAssociation")).to.have.length(1);
    const logging = findOne(
      prod,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "rt-waf-logging",
    );
    expect(logging.inputs.logDestinationConfigs).to.have.length(1);
    const group = findOne(prod, "aws:cloudwatch/logGroup:LogGroup", "rt-waf-logs");
    expect(group.inputs.name).to.match(/^aws-waf-logs-/);
  });

  // ELB API, CreateLoadBalancer / CreateTargetGroup `Name`: at most 32 characters; the provider
  // refuses a longer auto-name at preview (pulumi/pulumi-cdk#62).
  it("auto-names the load balancer and target group within 32 characters for a long stack name", async () => {
    // A stack named "staging-eu-central" names its runtime "staging-eu-central-runtime".
    const long = await recordComponent(() => {
      new Runtime("staging-eu-central-runtime", base);
    });
    for (const type of ["aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup"]) {
      const [r] = findAll(long, type);
      expect(r.name.length + AUTONAME_SUFFIX_LENGTH, r.name).to.be.at.most(ELB_NAME_MAX_LENGTH);
      expect(r.name, r.name).to.match(/^staging-eu-[a-z0-9-]*[a-z0-9]$/);
    }
    // Names that fit stay as they were: the committed stacks keep their URNs.
    expect(findAll(prod, "aws:lb/loadBalancer:LoadBalancer").map((r) => r.name)).to.deep.equal([
      "rt-lb-alb",
    ]);
    expect(logicalNameWithin("staging-runtime-lb-alb", 32)).to.equal("staging-runtime-lb-alb");
    expect(logicalNameWithin("prod-runtime-lb-tg", 32)).to.equal("prod-runtime-lb-tg");
  });

  // ELB API, CreateLoadBalancer `Name`: "must not begin with internal-".
  it("never starts the load balancer's name with internal-, even for a stack named internal", () => {
    for (const n of [
      "internal-runtime-lb-alb",
      "internal-tools-runtime-lb-alb",
      "internal-lb-alb",
    ]) {
      const logical = loadBalancerLogicalName(n);
      expect(logical, logical).to.match(/^lb-internal-/);
      expect(logical.length + AUTONAME_SUFFIX_LENGTH, logical).to.be.at.most(32);
    }
    expect(loadBalancerLogicalName("internal-lb-alb")).to.equal("lb-internal-lb-alb");
    expect(loadBalancerLogicalName("staging-runtime-lb-alb")).to.equal("staging-runtime-lb-alb");
  });

  // ELB API, CreateLoadBalancer `Subnets`: an Application Load Balancer needs subnets in two AZs.
  it("refuses what AWS would: a single public subnet (an ALB needs two AZs), an allow-list CIDR twice or too many", async () => {
    const one = { publicSubnetIds: ["subnet-pub-a"] };
    let rec: Recording | undefined;
    let err: Error | undefined;
    try {
      rec = await build(one);
    } catch (e) {
      err = e as Error;
    }
    expect(rec).to.equal(undefined);
    expect(err?.message).to.match(
      /^Runtime rt: invalid arguments:\n {2}- publicSubnetIds: 1 subnet\(s\); the public load balancer needs subnets in at least 2 availability zones$/,
    );
    const lbArgs = { ...one, vpcId: "vpc-1", region: "eu-west-1", targetPort: 8080, tags: {} };
    expect(() => new PublicLoadBalancer("lb", { ...lbArgs, allowedCidrs: [] })).to.throw(
      /^PublicLoadBalancer lb: invalid arguments:\n {2}- publicSubnetIds: 1 subnet\(s\); an Application Load Balancer needs subnets in at least 2 availability zones/,
    );
    // The load balancer's allow-list: one rule per CIDR and port, none twice.
    const twice = { ...lbArgs, publicSubnetIds: ["subnet-a", "subnet-b"] };
    expect(
      () =>
        new PublicLoadBalancer("lb", { ...twice, allowedCidrs: ["10.1.0.0/16", "10.1.0.0/16"] }),
    ).to.throw(/allowedCidrs: item 1 "10\.1\.0\.0\/16" repeats item 0/);
    const many = Array.from({ length: 31 }, (_, i) => `198.51.${i}.0/24`);
    expect(
      () => new PublicLoadBalancer("lb", { ...twice, allowedCidrs: many, certificateArn: CERT }),
    ).to.throw(/allowedCidrs: 31 CIDRs make 62 inbound rules/);
    // Two subnets, the fixture's, build.
    expect(findAll(staging, "aws:lb/loadBalancer:LoadBalancer")[0].inputs.subnets).to.have.length(
      2,
    );
  });

  it("keeps two long names that share their start apart", () => {
    const a = logicalNameWithin("staging-eu-central-1-runtime-lb-alb", 32);
    const b = logicalNameWithin("staging-eu-central-2-runtime-lb-alb", 32);
    expect(a).to.not.equal(b);
    for (const n of [a, b]) expect(n.length + AUTONAME_SUFFIX_LENGTH).to.be.at.most(32);
  });

  it("names every child after the component and parents it", () => {
    for (const r of staging.resources) {
      expect(r.name.startsWith("rt")).to.equal(true);
      if (r.type !== "platform:runtime:Runtime") expect(r.parent, r.name).to.be.a("string");
    }
  });
});
