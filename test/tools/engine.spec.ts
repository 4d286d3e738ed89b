// The offline engine's resource monitor, driven as a program's language host drives it: through
// the SDK's own gRPC client stubs. Its smaller pieces (lookups of the program's own resources,
// wire values, the language host's rules for `main`): engine-pieces.spec.ts.
import { expect } from "chai";
import * as grpc from "@grpc/grpc-js";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { OfflineEngine } from "../../tools/lib/engine/monitor";
import { secret, SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/lib/engine/wire";

const answers = fakeCloudAnswers({
  accountId: "123456789012",
  region: "eu-west-1",
});

/** Starts an engine and returns a monitor client for it, as a language host would connect. */
async function engineFor(phase: "preview" | "apply", opaque?: string[]) {
  const engine = new OfflineEngine({
    project: "proj",
    stack: "dev",
    phase,
    config: { "aws:region": "eu-west-1", "proj:size": "3" },
    answers,
    opaque,
  });
  const address = await engine.listen();
  const client = new resrpc.ResourceMonitorClient(address, grpc.credentials.createInsecure());
  const register = (
    type: string,
    name: string,
    opts: {
      parent?: string;
      custom?: boolean;
      object?: Record<string, unknown>;
      deps?: Record<string, string[]>;
      secretOutputs?: string[];
      remote?: boolean;
      version?: string;
    } = {},
  ) =>
    new Promise<resproto.RegisterResourceResponse>((resolve, reject) => {
      const req = new resproto.RegisterResourceRequest();
      req.setType(type);
      req.setName(name);
      req.setParent(opts.parent ?? "");
      req.setCustom(opts.custom ?? true);
      req.setRemote(opts.remote ?? false);
      req.setVersion(opts.version ?? "");
      req.setObject(Struct.fromJavaScript((opts.object ?? {}) as any));
      req.setAdditionalsecretoutputsList(opts.secretOutputs ?? []);
      for (const [k, urns] of Object.entries(opts.deps ?? {})) {
        const d = new resproto.RegisterResourceRequest.PropertyDependencies();
        d.setUrnsList(urns);
        req.getPropertydependenciesMap().set(k, d);
      }
      client.registerResource(req, (err, resp) => (err ? reject(err) : resolve(resp!)));
    });
  const close = () => {
    client.close();
    engine.close();
  };
  return { engine, register, close };
}

describe("offline engine", () => {
  describe("resource monitor", () => {
    it("builds URNs as the engine does: parent types joined by $, the root stack left out", async () => {
      const { register, close } = await engineFor("preview");
      try {
        const stack = (
          await register("pulumi:pulumi:Stack", "proj-dev", { custom: false })
        ).getUrn();
        expect(stack).to.equal("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev");
        const comp = (await register("my:x:Comp", "c", { parent: stack, custom: false })).getUrn();
        expect(comp).to.equal("urn:pulumi:dev::proj::my:x:Comp::c");
        const child = await register("aws:s3/bucket:Bucket", "b", { parent: comp });
        expect(child.getUrn()).to.equal("urn:pulumi:dev::proj::my:x:Comp$aws:s3/bucket:Bucket::b");
        const grand = (await register("my:x:Inner", "i", { parent: comp, custom: false })).getUrn();
        const deep = await register("aws:sqs/queue:Queue", "q", { parent: grand });
        expect(deep.getUrn()).to.equal(
          "urn:pulumi:dev::proj::my:x:Comp$my:x:Inner$aws:sqs/queue:Queue::q",
        );
      } finally {
        close();
      }
    });

    it("refuses a second registration of a URN with the engine's message", async () => {
      const { register, close } = await engineFor("preview");
      try {
        await register("aws:s3/bucket:Bucket", "same");
        const err = await register("aws:s3/bucket:Bucket", "same").then(
          () => undefined,
          (e: grpc.ServiceError) => e,
        );
        expect(err?.details).to.equal(
          "Duplicate resource URN 'urn:pulumi:dev::proj::aws:s3/bucket:Bucket::same'; try giving it a unique name",
        );
      } finally {
        close();
      }
    });

    it("refuses a hand-made resource of a type the aws provider does not serve, as its Check does", async () => {
      const { register, close } = await engineFor("preview");
      try {
        const err = await register("aws:s3/bucket:Buckett", "archive").then(
          () => undefined,
          (e: grpc.ServiceError) => e,
        );
        expect(err?.details).to.contain(
          "unrecognized resource type (Check): aws:s3/bucket:Buckett",
        );
        expect(err?.details).to.contain("did you mean aws:s3/bucket:Bucket?");
        // A provider SDK's class sends its version: its token is its provider's, never refused.
        const sdk = await register("aws:s3/bucket:Buckett", "sdk", { version: "7.48.0" });
        expect(sdk.getUrn()).to.contain("::sdk");
      } finally {
        close();
      }
    });

    it("registers one default provider per package with the package's config as inputs", async () => {
      const { engine, register, close } = await engineFor("apply");
      try {
        await register("aws:s3/bucket:Bucket", "a");
        await register("aws:sqs/queue:Queue", "b");
        const providers = engine.resources.filter((r) => r.type === "pulumi:providers:aws");
        expect(providers).to.have.length(1);
        expect(providers[0].inputs).to.deep.equal({ region: "eu-west-1" });
        const bucket = engine.resources.find((r) => r.name === "a")!;
        expect(bucket.provider).to.match(/^urn:pulumi:dev::proj::pulumi:providers:aws::default::/);
        // The apply phase knows the provider's id; a preview would not.
        expect(bucket.provider!.endsWith(`::${UNKNOWN}`)).to.equal(false);
      } finally {
        close();
      }
    });

    it("answers a preview with the inputs and an unknown id, an apply with computed outputs", async () => {
      const preview = await engineFor("preview");
      const apply = await engineFor("apply");
      try {
        const p = await preview.register("aws:sqs/queue:Queue", "q", { object: { name: "jobs" } });
        expect(p.getId()).to.equal("");
        expect(p.getObject()!.toJavaScript()).to.deep.equal({ name: "jobs" });
        const a = await apply.register("aws:sqs/queue:Queue", "q", { object: { name: "jobs" } });
        expect(a.getId()).to.not.equal("");
        const state = a.getObject()!.toJavaScript() as Record<string, unknown>;
        expect(state.name).to.equal("jobs");
        expect(String(state.arn)).to.match(/^arn:aws:/);
      } finally {
        preview.close();
        apply.close();
      }
    });

    it("marks additionalSecretOutputs secret in the state it returns", async () => {
      const { register, close } = await engineFor("apply");
      try {
        const resp = await register("aws:sqs/queue:Queue", "q", {
          object: { name: "jobs" },
          secretOutputs: ["name"],
        });
        const state = resp.getObject()!.toJavaScript() as Record<string, any>;
        expect(state.name).to.deep.equal({ [SIG_KEY]: SECRET_SIG, value: "jobs" });
      } finally {
        close();
      }
    });

    it("records a value derived from an undecryptable secret as unknown, and says why", async () => {
      const { engine, register, close } = await engineFor("apply", ["offline-secret-placeholder"]);
      try {
        const resp = await register("aws:ssm/parameter:Parameter", "p", {
          object: { type: "SecureString", value: secret("pw-offline-secret-placeholder-1") },
        });
        // The program still gets what it sent; policies see an unknown.
        const sent = resp.getObject()!.toJavaScript() as Record<string, any>;
        expect(sent.value.value).to.equal("pw-offline-secret-placeholder-1");
        const recorded = engine.resources.find((r) => r.name === "p")!;
        expect(recorded.inputs.value).to.deep.equal({ [SIG_KEY]: SECRET_SIG, value: UNKNOWN });
        expect(recorded.unknownSources).to.deep.equal([
          "a secret config value that cannot be decrypted offline",
        ]);
      } finally {
        close();
      }
    });

    it("names a resource of a package it does not model as the source of an unknown input", async () => {
      const { engine, register, close } = await engineFor("apply");
      try {
        // @pulumi/docker's Container: not modelled offline, so its computed outputs (ipAddress…)
        // stay unknown to the program even at apply; what is built from them is not the program's doing.
        const c = await register("docker:index/container:Container", "proxy", {
          object: { image: "nginx:1.27" },
        });
        await register("aws:ssm/parameter:Parameter", "addr", {
          object: { type: "String", value: UNKNOWN },
          deps: { value: [c.getUrn()] },
        });
        expect(engine.resources.find((r) => r.name === "addr")!.unknownSources).to.deep.equal([
          "an output of docker:index/container:Container proxy the offline engine does not model",
        ]);
      } finally {
        close();
      }
    });

    it("an unknown with no dependency (through a data source call) names the run's remote components", async () => {
      const { engine, register, close } = await engineFor("apply");
      try {
        // The SDK gives an invoke whose input is unknown an unknown result with no dependencies:
        // an IRSA trust policy built with getPolicyDocumentOutput from an EKS cluster's outputs.
        await register("eks:index:Cluster", "cluster", { custom: false, remote: true, object: {} });
        await register("aws:iam/role:Role", "irsa", { object: { assumeRolePolicy: UNKNOWN } });
        expect(engine.resources.find((r) => r.name === "irsa")!.unknownSources).to.deep.equal([
          "probably an output of remote component eks:index:Cluster cluster (its plugin computes " +
            "it; offline, only what follows from the component's name and inputs is known), " +
            "passed through a data " +
            "source call (given an unknown input, a call's result is unknown and names no " +
            "resource it came from)",
        ]);
      } finally {
        close();
      }
    });

    it("records components whose provider plugin builds them as remote; only the apply phase answers outputs their inputs decide", async () => {
      for (const phase of ["preview", "apply"] as const) {
        const { engine, register, close } = await engineFor(phase);
        try {
          const resp = await register("awsx:ec2:Vpc", "vpc", {
            custom: false,
            remote: true,
            object: { natGateways: { strategy: "Single" } },
          });
          const outputs = resp.getObject()!.toJavaScript() as Record<string, any>;
          if (phase === "preview") {
            // No state: the SDK leaves every output of the component unknown in a dry run.
            expect(outputs).to.deep.equal({});
          } else {
            // The ids awsx's children get (tools/lib/engine/remote-outputs.ts); the others:
            // references the SDK rehydrates through `getResource` (./remote-references.ts).
            expect(Object.keys(outputs).sort(), phase).to.deep.equal([
              ...["eips", "internetGateway", "isolatedSubnetIds", "isolatedSubnets"],
              ...["natGateways", "privateSubnetIds", "privateSubnets", "publicSubnetIds"],
              ...["publicSubnets", "routeTableAssociations", "routeTables", "routes", "subnets"],
              ...["vpc", "vpcId"],
            ]);
            // The Single strategy: one NAT gateway (and its Elastic IP).
            expect([outputs.natGateways.length, outputs.eips.length]).to.deep.equal([1, 1]);
            expect(outputs.vpcId).to.match(/^vpc-[0-9a-f]{17}$/);
            expect(outputs.privateSubnetIds).to.have.length(3);
            const urn = "urn:pulumi:dev::proj::awsx:ec2:Vpc$aws:ec2/vpc:Vpc::vpc";
            expect(outputs.vpc).to.include({ urn, id: outputs.vpcId });
            const req = new resproto.ResourceInvokeRequest();
            req.setTok("pulumi:pulumi:getResource");
            req.setArgs(Struct.fromJavaScript({ urn }));
            const got = engine.invoke(req).getReturn()!.toJavaScript() as Record<string, any>;
            expect([got.urn, got.id]).to.deep.equal([urn, outputs.vpcId]);
            expect(got.state.arn).to.match(/^arn:aws:ec2:eu-west-1:\d{12}:vpc\/vpc-/);
          }
          expect(engine.remoteComponents.map((c) => c.name)).to.deep.equal(["vpc"]);
          expect(engine.remoteComponents[0].inputs).to.deep.equal({
            natGateways: { strategy: "Single" },
          });
        } finally {
          close();
        }
      }
    });
  });
});
