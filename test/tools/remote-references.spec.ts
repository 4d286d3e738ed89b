// Resource-reference outputs of remote components in the apply phase
// (tools/lib/engine/remote-references.ts): each names the child the component's own code creates,
// with the URN the engine gives it and the id and state the fake AWS gives that child.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../tools/lib/fake-aws";
import { remoteReferences } from "../../tools/lib/engine/remote-references";
import { remoteOutputs } from "../../tools/lib/engine/remote-outputs";

const env = { accountId: "123456789012", region: "eu-west-1" };
const SIG = "4dabf18193072939515e22adb298388d";
const STACK = "urn:pulumi:dev::proj::";

describe("remote component resource references (apply phase)", () => {
  it("awsx ApplicationLoadBalancer: loadBalancer, defaultTargetGroup, listeners and the default security group", () => {
    const urn = `${STACK}awsx:lb:ApplicationLoadBalancer::web`;
    const { outputs, children } = remoteReferences(
      urn,
      "awsx:lb:ApplicationLoadBalancer",
      "web",
      { subnetIds: ["subnet-1"], listener: { port: 443, certificateArn: "arn:cert" } },
      env,
    );
    expect(Object.keys(outputs).sort()).to.deep.equal([
      "defaultSecurityGroup",
      "defaultTargetGroup",
      "listeners",
      "loadBalancer",
    ]);
    const lb = outputs.loadBalancer;
    expect(lb[SIG]).to.equal("5cf8f73096256a8f31e491e813e4eb8e");
    expect(lb.urn).to.equal(
      `${STACK}awsx:lb:ApplicationLoadBalancer$aws:lb/loadBalancer:LoadBalancer::web`,
    );
    expect(lb.id).to.match(
      /^arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer\/app\//,
    );
    const state = children.find((c) => c.urn === lb.urn)!.state;
    expect(state.arn).to.equal(lb.id);
    expect(outputs.listeners.map((l: any) => l.urn)).to.deep.equal([
      `${STACK}awsx:lb:ApplicationLoadBalancer$aws:lb/listener:Listener::web-0`,
    ]);
    // A port of 443 alone makes an HTTPS listener (awsx `portToProtocol`).
    expect(children.find((c) => c.urn === outputs.listeners[0].urn)!.state.protocol).to.equal(
      "HTTPS",
    );
  });

  it("awsx NetworkLoadBalancer: TCP on port 80 unless given, no default security group", () => {
    const { outputs, children } = remoteReferences(
      `${STACK}awsx:lb:NetworkLoadBalancer::nlb`,
      "awsx:lb:NetworkLoadBalancer",
      "nlb",
      { subnetIds: ["subnet-1"], defaultTargetGroupPort: 8080, listener: { port: 443 } },
      env,
    );
    const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
    expect(outputs.loadBalancer.id).to.match(/:loadbalancer\/net\//);
    expect([
      state(outputs.defaultTargetGroup).protocol,
      state(outputs.defaultTargetGroup).port,
    ]).to.deep.equal(["TCP", 8080]);
    expect([state(outputs.listeners[0]).protocol, state(outputs.listeners[0]).port]).to.deep.equal([
      "TCP",
      443,
    ]);
    expect(outputs).to.not.have.property("defaultSecurityGroup");
  });

  it("no default security group when the program gives securityGroups", () => {
    const { outputs } = remoteReferences(
      `${STACK}awsx:lb:ApplicationLoadBalancer::web`,
      "awsx:lb:ApplicationLoadBalancer",
      "web",
      { subnetIds: ["subnet-1"], securityGroups: ["sg-1"] },
      env,
    );
    expect(outputs).to.not.have.property("defaultSecurityGroup");
  });

  it("awsx FargateService: the service and, under its task-definition component, the task definition", () => {
    const urn = `${STACK}awsx:ecs:FargateService::api`;
    const cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/main";
    const { outputs, children } = remoteReferences(
      urn,
      "awsx:ecs:FargateService",
      "api",
      {
        cluster,
        taskDefinitionArgs: { family: "api", container: { name: "api", image: "nginx" } },
      },
      env,
    );
    expect(outputs.service.urn).to.equal(
      `${STACK}awsx:ecs:FargateService$aws:ecs/service:Service::api`,
    );
    expect(outputs.service.id).to.match(/^arn:aws:ecs:eu-west-1:123456789012:service\/main\/api-/);
    expect(outputs.taskDefinition.urn).to.equal(
      `${STACK}awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition$aws:ecs/taskDefinition:TaskDefinition::api`,
    );
    expect(children.find((c) => c.urn === outputs.taskDefinition.urn)!.state.arn).to.equal(
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:1",
    );
    // An existing task definition (no taskDefinitionArgs): awsx makes none, the output stays unknown.
    // No `name` given: the service's state carries the auto-name its ARN ends with, as AWS reports
    // it (a key left `undefined` would be dropped from the state and read as unknown).
    const service = children.find((c) => c.urn === outputs.service.urn)!;
    expect(service.state.name).to.match(/^api-[0-9a-f]{7}$/);
    expect(service.id.endsWith(`/${service.state.name}`)).to.equal(true);
    const bare = remoteReferences(
      urn,
      "awsx:ecs:FargateService",
      "api",
      { cluster, taskDefinition: "td" },
      env,
    );
    expect(bare.outputs).to.have.keys(["service"]);
  });

  it("the same ids the plain outputs use (awsx Vpc `vpc`, eks `eksCluster`), and nothing for an unknown name", () => {
    const vpc = remoteReferences(
      `${STACK}awsx:ec2:Vpc::net`,
      "awsx:ec2:Vpc",
      "net",
      { cidrBlock: "10.70.0.0/16" },
      env,
    );
    // The VPC's own CIDR (awsx passes its args through), and the internet gateway under it.
    const state = (urn: string) => vpc.children.find((c) => c.urn === urn)!.state;
    expect(state(vpc.outputs.vpc.urn).cidrBlock).to.equal("10.70.0.0/16");
    expect(vpc.outputs.internetGateway.urn).to.equal(
      `${STACK}awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/internetGateway:InternetGateway::net`,
    );
    expect(vpc.outputs.internetGateway.id).to.match(/^igw-[0-9a-f]{17}$/);
    expect(vpc.outputs.vpc.id).to.equal(
      resourceState(
        { type: "aws:ec2/vpc:Vpc", name: "net", inputs: { cidrBlock: "10.0.0.0/16" } },
        env,
        "apply",
      ).id,
    );
    const eks = remoteReferences(`${STACK}eks:index:Cluster::k`, "eks:index:Cluster", "k", {}, env);
    expect(eks.outputs.eksCluster.urn).to.equal(
      `${STACK}eks:index:Cluster$aws:eks/cluster:Cluster::k-eksCluster`,
    );
    // No `name` given: the cluster's auto-name, which is also its id.
    const eksCluster = eks.children.find((c) => c.urn === eks.outputs.eksCluster.urn)!;
    expect(eksCluster.state.name).to.match(/^k-eksCluster-[0-9a-f]{7}$/);
    expect(eksCluster.state.name).to.equal(eks.outputs.eksCluster.id);
    const unknown = remoteReferences(
      `${STACK}eks:index:Cluster::k`,
      "eks:index:Cluster",
      "k",
      { name: UNKNOWN },
      env,
    );
    expect(unknown.outputs).to.not.have.property("eksCluster");
    expect(remoteReferences(`${STACK}x:y:Z::z`, "x:y:Z", "z", {}, env)).to.deep.equal({
      outputs: {},
      children: [],
    });
  });
  it("eks Cluster core: the cluster, the OIDC provider and the instance roles as references, what the inputs give, and every other key unknown", () => {
    const eks = (inputs: Record<string, any>, version: string | null = "4.3.0") =>
      remoteReferences(
        `${STACK}eks:index:Cluster::k`,
        "eks:index:Cluster",
        "k",
        inputs,
        env,
        version ?? undefined,
      );
    const made = eks({ createOidcProvider: true, vpcId: "vpc-1", tags: { team: "a" } });
    const core = made.outputs.core;
    expect(core.cluster).to.deep.equal(made.outputs.eksCluster);
    expect(core.instanceRoles).to.deep.equal(made.outputs.instanceRoles);
    // pulumi/pulumi-eks createCore: `new aws.iam.OpenIdConnectProvider(`${name}-oidcProvider`,
    // { clientIdLists: ["sts.amazonaws.com"], url: <the cluster's issuer>, thumbprintLists })`.
    const provider = made.children.find((c) => c.urn === core.oidcProvider.urn)!;
    expect(core.oidcProvider.urn).to.equal(
      `${STACK}eks:index:Cluster$aws:iam/openIdConnectProvider:OpenIdConnectProvider::k-oidcProvider`,
    );
    const plain = remoteOutputs("eks:index:Cluster", "k", { createOidcProvider: true }, env);
    expect(provider.id).to.equal(plain.oidcProviderArn);
    expect(provider.state.arn).to.equal(plain.oidcProviderArn);
    // Its `url` output is the issuer without the scheme, as IAM returns it.
    expect(provider.state.url).to.equal(plain.oidcIssuer);
    expect(plain.oidcProviderUrl).to.equal(`https://${plain.oidcIssuer}`);
    expect(provider.state.clientIdLists).to.deep.equal(["sts.amazonaws.com"]);
    // The CA thumbprint eks fetches over the network stays unknown.
    expect(provider.state).to.not.have.property("thumbprintLists");
    expect([core.vpcId, core.tags]).to.deep.equal(["vpc-1", { team: "a" }]);
    // Given no inputs, eks leaves these undefined (`args.publicSubnetIds ? ... : undefined`).
    for (const k of ["publicSubnetIds", "privateSubnetIds", "nodeSecurityGroupTags"])
      expect(core, k).to.not.have.property(k);
    // The endpoint is the cluster's own (eks returns it unchanged once its /healthz answers).
    const cluster = made.children.find((c) => c.urn === core.cluster.urn)!;
    expect(core.endpoint).to.equal(cluster.state.endpoint);
    expect(core.endpoint).to.match(/^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
    for (const k of ["kubeconfig", "provider", "subnetIds", "clusterIamRole"])
      expect(core[k], k).to.equal(UNKNOWN);
    // No OIDC provider asked for: none, known; the flag unknown: unknown.
    expect(eks({}).outputs.core).to.not.have.property("oidcProvider");
    expect(eks({}).outputs.core.vpcId).to.equal(UNKNOWN);
    expect(eks({ createOidcProvider: UNKNOWN }).outputs.core.oidcProvider).to.equal(UNKNOWN);
    // A version whose CoreData was not read, or none sent: core stays unknown as a whole.
    for (const version of ["5.0.0", null])
      expect(eks({}, version).outputs, String(version)).to.not.have.property("core");
    // The cluster's name unknown: nothing known about it, no provider made for its issuer.
    const nameless = eks({ name: UNKNOWN, createOidcProvider: true });
    expect(nameless.outputs).to.not.have.property("core");
    expect(nameless.children.map((c) => c.urn).join()).to.not.contain("oidcProvider");
  });
  it("awsx ApplicationLoadBalancer children as awsx 3 builds them: target group port, open default group, listener wiring", () => {
    const alb = (inputs: Record<string, any>) => {
      const { outputs, children } = remoteReferences(
        `${STACK}awsx:lb:ApplicationLoadBalancer::web`,
        "awsx:lb:ApplicationLoadBalancer",
        "web",
        { subnetIds: ["subnet-1", "subnet-2"], ...inputs },
        env,
      );
      const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
      return { outputs, state };
    };
    const one = alb({ listeners: [{ port: 443, protocol: "HTTPS", certificateArn: "arn:cert" }] });
    // A single-element `listeners` gives the target group no port or protocol (getDefaultProtocol).
    const oneGroup = one.state(one.outputs.defaultTargetGroup);
    expect([oneGroup.port, oneGroup.protocol]).to.deep.equal([undefined, undefined]);
    // Two or more: the target group takes listeners[0]'s.
    const two = alb({ listeners: [{ port: 443, certificateArn: "arn:cert" }, { port: 80 }] });
    const twoGroup = two.state(two.outputs.defaultTargetGroup);
    expect([twoGroup.port, twoGroup.protocol]).to.deep.equal([443, "HTTPS"]);
    // No listener: one HTTP listener and target group on defaultTargetGroupPort.
    const none = alb({ defaultTargetGroupPort: 8080 });
    expect(none.state(none.outputs.defaultTargetGroup).port).to.equal(8080);
    expect(none.state(none.outputs.listeners[0]).port).to.equal(8080);
    // The default security group: everything in from anywhere, TCP out; the load balancer uses it
    // and the given subnets. Its VPC comes from a subnet lookup: left unknown (absent).
    const lb = two.state(two.outputs.loadBalancer);
    const sg = two.state(two.outputs.defaultSecurityGroup);
    expect(sg.ingress).to.deep.equal([
      {
        fromPort: 0,
        toPort: 0,
        protocol: "-1",
        cidrBlocks: ["0.0.0.0/0"],
        ipv6CidrBlocks: ["::/0"],
      },
    ]);
    expect(sg.egress[0]).to.include({ fromPort: 0, toPort: 65535, protocol: "tcp" });
    expect(lb.securityGroups).to.deep.equal([two.outputs.defaultSecurityGroup.id]);
    expect(lb.subnets).to.deep.equal(["subnet-1", "subnet-2"]);
    expect(lb).to.not.have.property("vpcId");
    expect(sg).to.not.have.property("vpcId");
    expect(twoGroup).to.not.have.property("vpcId");
    // Each listener belongs to the load balancer and forwards to the default target group.
    for (const l of two.outputs.listeners) {
      expect(two.state(l).loadBalancerArn).to.equal(lb.arn);
      expect(two.state(l).defaultActions).to.deep.equal([
        { type: "forward", targetGroupArn: twoGroup.arn },
      ]);
    }
    // A group the program names takes the place of the default one.
    const named = alb({ defaultSecurityGroup: { securityGroupId: "sg-0123" } });
    expect(named.outputs).to.not.have.property("defaultSecurityGroup");
    expect(named.state(named.outputs.loadBalancer).securityGroups).to.deep.equal(["sg-0123"]);
  });

  it("awsx Vpc's internet gateway is in the VPC; a task family hashes the stack (8 hex digits)", () => {
    const vpc = remoteReferences(`${STACK}awsx:ec2:Vpc::net`, "awsx:ec2:Vpc", "net", {}, env);
    const igw = vpc.children.find((c) => c.urn === vpc.outputs.internetGateway.urn)!;
    expect(igw.state.vpcId).to.equal(vpc.outputs.vpc.id);
    const family = (stack: string) => {
      const r = remoteReferences(
        `urn:pulumi:${stack}::proj::awsx:ecs:FargateService::api`,
        "awsx:ecs:FargateService",
        "api",
        { taskDefinitionArgs: { container: { name: "api", image: "nginx" } } },
        env,
      );
      return r.children.find((c) => c.urn === r.outputs.taskDefinition.urn)!.state.family;
    };
    expect(family("dev")).to.match(/^api-[0-9a-f]{8}$/);
    expect(family("prod")).to.match(/^api-[0-9a-f]{8}$/);
    expect(family("dev")).to.not.equal(family("prod"));
  });
});
