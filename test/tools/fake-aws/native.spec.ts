// The fake's outputs for created @pulumi/aws-native resources: each type's Cloud Control primary
// identifier as the id, and the read-only outputs programs read (ARNs, names, URLs) in AWS's
// formats; at preview only the inputs; types it does not model keep their inputs.
import { expect } from "chai";
import { resourceState } from "../../../tools/lib/fake-aws";

const env = { accountId: "123456789012", region: "us-west-2" };
const applied = (type: string, name: string, inputs: Record<string, unknown> = {}) =>
  resourceState({ type, name, inputs }, env, "apply");

describe("fake AWS: aws-native resources", () => {
  it("a bucket: its auto-generated lowercase name is the id, with its ARN and website URL", () => {
    const { id, state } = applied("aws-native:s3:Bucket", "Site", {
      websiteConfiguration: { indexDocument: "index.html" },
    });
    expect(id).to.match(/^site-[a-z0-9]{7}$/);
    expect(state).to.include({
      bucketName: id,
      arn: `arn:aws:s3:::${id}`,
      regionalDomainName: `${id}.s3.us-west-2.amazonaws.com`,
      websiteUrl: `http://${id}.s3-website-us-west-2.amazonaws.com`,
    });
    expect(state.websiteConfiguration).to.deep.equal({ indexDocument: "index.html" });
  });

  it("a role: the role name is the id; the ARN has no region; a given name wins", () => {
    const { id, state } = applied("aws-native:iam:Role", "fn", {
      roleName: "fn-role",
      path: "/app/",
    });
    expect(id).to.equal("fn-role");
    expect(state.arn).to.equal("arn:aws:iam::123456789012:role/app/fn-role");
    expect(state.roleId).to.match(/^AROA[A-Z2-7]{17}$/);
  });

  it("a queue's id is its URL, a topic's its ARN, a key's its key id", () => {
    const q = applied("aws-native:sqs:Queue", "jobs");
    expect(q.id).to.match(
      /^https:\/\/sqs\.us-west-2\.amazonaws\.com\/123456789012\/jobs-[a-z0-9]{7}$/,
    );
    expect(q.state.arn).to.match(/^arn:aws:sqs:us-west-2:123456789012:jobs-[a-z0-9]{7}$/);
    const t = applied("aws-native:sns:Topic", "events");
    expect(t.id).to.equal(t.state.topicArn);
    const k = applied("aws-native:kms:Key", "data");
    expect(k.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(k.state.arn).to.equal(`arn:aws:kms:us-west-2:123456789012:key/${k.id}`);
  });

  it("network resources get EC2-style ids", () => {
    expect(applied("aws-native:ec2:Vpc", "vpc").id).to.match(/^vpc-[0-9a-f]{17}$/);
    expect(applied("aws-native:ec2:Subnet", "a").state.subnetId).to.match(/^subnet-[0-9a-f]{17}$/);
    expect(applied("aws-native:ec2:NatGateway", "nat").id).to.match(/^nat-[0-9a-f]{17}$/);
    const eip = applied("aws-native:ec2:Eip", "ip", { domain: "vpc" });
    expect(eip.state.allocationId).to.match(/^eipalloc-[0-9a-f]{17}$/);
  });

  it("a customer-managed prefix list: its prefixListId is the id, with its ARN, owner and version", () => {
    const { id, state } = applied("aws-native:ec2:PrefixList", "office", {
      addressFamily: "IPv4",
      maxEntries: 2,
      entries: [{ cidr: "203.0.113.0/24" }],
    });
    expect(id).to.match(/^pl-[0-9a-f]{17}$/);
    expect(state).to.include({
      prefixListId: id,
      arn: `arn:aws:ec2:us-west-2:123456789012:prefix-list/${id}`,
      ownerId: "123456789012",
      version: 1,
    });
    expect(state.entries).to.deep.equal([{ cidr: "203.0.113.0/24" }]);
  });

  it("an RDS instance, under the current token and the earlier one: identifier, ARN, endpoint", () => {
    for (const type of ["aws-native:rds:DbInstance", "aws-native:rds:DBInstance"]) {
      const { id, state } = applied(type, "Db", { engine: "postgres" });
      expect(id).to.match(/^db-[a-z0-9]{7}$/);
      expect(state.dbInstanceArn).to.equal(`arn:aws:rds:us-west-2:123456789012:db:${id}`);
      expect(state.endpoint.address).to.match(
        new RegExp(`^${id}\\.[a-z0-9]{12}\\.us-west-2\\.rds\\.amazonaws\\.com$`),
      );
    }
  });

  it("a load balancer: its ARN is the id, with its DNS name", () => {
    const { id, state } = applied("aws-native:elasticloadbalancingv2:LoadBalancer", "alb", {
      type: "application",
    });
    expect(id).to.match(
      /^arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer\/app\/alb-[a-z0-9]{7}\/[0-9a-f]{16}$/,
    );
    expect(state.dnsName).to.match(/^alb-[a-z0-9]{7}-\d{10}\.us-west-2\.elb\.amazonaws\.com$/);
  });

  it("a Backup vault, an event bus, an Auto Scaling group and an EKS cluster: the name is the id, with the ARN", () => {
    const vault = applied("aws-native:backup:BackupVault", "vault", { backupVaultName: "main" });
    expect(vault.id).to.equal("main");
    expect(vault.state.backupVaultArn).to.equal(
      "arn:aws:backup:us-west-2:123456789012:backup-vault:main",
    );
    const bus = applied("aws-native:events:EventBus", "orders");
    expect(bus.id).to.match(/^orders-[a-z0-9]{7}$/);
    expect(bus.state.arn).to.equal(`arn:aws:events:us-west-2:123456789012:event-bus/${bus.id}`);
    const asg = applied("aws-native:autoscaling:AutoScalingGroup", "workers", { minSize: "1" });
    expect(asg.id).to.equal(asg.state.autoScalingGroupName);
    const eks = applied("aws-native:eks:Cluster", "prod", { name: "prod" });
    expect(eks.state.arn).to.equal("arn:aws:eks:us-west-2:123456789012:cluster/prod");
    expect(eks.state.endpoint).to.match(
      /^https:\/\/[0-9A-F]{32}\.gr7\.us-west-2\.eks\.amazonaws\.com$/,
    );
  });

  it("an OpenSearch domain: a search- endpoint, or a vpc- one with vpcOptions", () => {
    const open = applied("aws-native:opensearchservice:Domain", "Search", {});
    expect(open.id).to.match(/^search-[a-z0-9]{7}$/);
    expect(open.state.arn).to.equal(`arn:aws:es:us-west-2:123456789012:domain/${open.id}`);
    expect(open.state.domainEndpoint).to.match(
      /^search-search-[a-z0-9]{7}-[a-z0-9]{26}\.us-west-2\.es\.amazonaws\.com$/,
    );
    const vpc = applied("aws-native:opensearchservice:Domain", "logs", {
      vpcOptions: { subnetIds: ["subnet-0abc"] },
    });
    expect(vpc.state.domainEndpoint).to.match(/^vpc-logs-/);
  });

  it("a launch template, an ECS cluster, task definition and service, an EKS node group: ids and ARNs", () => {
    const lt = applied("aws-native:ec2:LaunchTemplate", "lt", { launchTemplateData: {} });
    expect(lt.id).to.match(/^lt-[0-9a-f]{17}$/);
    expect(lt.state).to.include({ launchTemplateId: lt.id, latestVersionNumber: "1" });
    const cluster = applied("aws-native:ecs:Cluster", "apps");
    expect(cluster.state.arn).to.equal(`arn:aws:ecs:us-west-2:123456789012:cluster/${cluster.id}`);
    const td = applied("aws-native:ecs:TaskDefinition", "td", { family: "web" });
    expect(td.id).to.equal("arn:aws:ecs:us-west-2:123456789012:task-definition/web:1");
    const svc = applied("aws-native:ecs:Service", "web", { cluster: "apps", serviceName: "web" });
    expect(svc.state.serviceArn).to.equal("arn:aws:ecs:us-west-2:123456789012:service/apps/web");
    expect(svc.id).to.equal(`${svc.state.serviceArn}|apps`);
    const ng = applied("aws-native:eks:Nodegroup", "nodes", { clusterName: "prod" });
    expect(ng.id).to.match(/^prod\/nodes-[a-z0-9]{7}$/);
    expect(ng.state.arn).to.match(
      /^arn:aws:eks:us-west-2:123456789012:nodegroup\/prod\/nodes-[a-z0-9]{7}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it("the same program gets the same values", () => {
    expect(applied("aws-native:ecr:Repository", "app")).to.deep.equal(
      applied("aws-native:ecr:Repository", "app"),
    );
  });

  it("at preview a resource being created reports its inputs and no id", () => {
    const r = resourceState(
      { type: "aws-native:s3:Bucket", name: "site", inputs: {} },
      env,
      "preview",
    );
    expect(r).to.deep.equal({ id: "", state: {} });
  });

  it("a type the fake does not model keeps its inputs and gets an id", () => {
    const r = applied("aws-native:cloudfront:Distribution", "cdn", { distributionConfig: {} });
    expect(r.modeled).to.equal(false);
    expect(r.state).to.deep.equal({ distributionConfig: {} });
  });
});
