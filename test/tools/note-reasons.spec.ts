// The reasons the report gives for notes: a route into a route table the stack does not manage and
// an input a policy does not read are judged in no phase (said so, with the table), not "unknown
// even when every created resource is known"; a stack policy's preview note names the resources
// it could not judge, not the stack.
import { expect } from "chai";
import { formatText } from "../../tools/check/format-text";
import { notInAnyPhase, noteReason, stackNoteParts } from "../../tools/check/note-reasons";
import type { Finding, StackResult } from "../../tools/check/run";

const FROM =
  "can't run policy 'ec2-compute-subnet-no-default-route' from policy pack 'platform@v1.0.0' during preview: ";
// As policy-pack/policies/network/routes.ts writes them, joined by the pack's UnknownCollector.
const UNMANAGED = (name: string, table: string) =>
  `${name}: 0.0.0.0/0 → NAT gateway nat-0123456789abcdef0 (route "${name}" in route table ${table}) goes into a route table this stack does not manage, so the subnets it serves cannot be seen; it may serve a compute subnet. Manage the route table (and its subnet associations) in this stack, or add the route where its subnets are defined`;
const stackNote = (...parts: string[]) =>
  `${FROM}${parts.length} check(s) depend on values unknown until apply: ${parts.join("; ")}`;
const YAML =
  "can't run policy 'apigateway-method-authorization' from policy pack 'platform@v1.0.0' during preview: " +
  'API Gateway REST API "api" defines its OpenAPI body in YAML, which this policy does not read: write the body as JSON (JSON.stringify) so its operations are judged';

describe("note reasons", () => {
  it("a default route into a route table the stack does not manage names the table and why no phase judges it", () => {
    const reason = notInAnyPhase(stackNote(UNMANAGED("egress", "rtb-0123456789abcdef0"))) ?? "";
    expect(reason).to.match(
      /^not judged in any phase: route table rtb-0123456789abcdef0 is not managed by this stack, so which subnets use it, and whether one is a compute subnet, is not in this stack/,
    );
    expect(reason).to.contain("(no value here is unknown)");
    expect(reason).to.contain(
      'egress: 0.0.0.0/0 → NAT gateway nat-0123456789abcdef0 (route "egress"',
    );
    expect(reason).to.not.contain("unknown until apply");
    const two = notInAnyPhase(
      stackNote(UNMANAGED("egress", "rtb-0aaa"), UNMANAGED("egress-b", "rtb-0bbb")),
    );
    expect(two).to.match(
      /^not judged in any phase: route tables rtb-0aaa, rtb-0bbb are not managed/,
    );
    // The main route table of a VPC the stack does not manage (policy-pack/lib/network/routing.ts).
    const main = (name: string, vpc: string) =>
      UNMANAGED(name, "x").replace("route table x", `the main route table of VPC ${vpc}`);
    expect(notInAnyPhase(stackNote(main("egress", "vpc-0aaa")))).to.match(
      /^not judged in any phase: the main route table of VPC vpc-0aaa is not managed by this stack/,
    );
    expect(
      notInAnyPhase(stackNote(main("egress", "vpc-0aaa"), UNMANAGED("egress-b", "rtb-0bbb"))),
    ).to.match(
      /^not judged in any phase: the main route table of VPC vpc-0aaa, route table rtb-0bbb are not managed/,
    );
  });

  it("a YAML OpenAPI body is no value unknown at preview: the policy does not read it, in any phase", () => {
    expect(notInAnyPhase(YAML)).to.equal(
      "not judged in any phase (the policy does not read this input): " + noteReason(YAML),
    );
    expect(noteReason(YAML)).to.match(
      /^API Gateway REST API "api" defines its OpenAPI body in YAML/,
    );
  });

  it("a note about values unknown at preview keeps its phase's reason", () => {
    const unknown = `${FROM}1 check(s) depend on values unknown until apply: private-a: the route table of route "r" is unknown until apply and no property dependency names it; it may serve a compute subnet`;
    expect(notInAnyPhase(unknown)).to.equal(undefined);
    // One part unknown, one unmanaged: not every part is judged in no phase.
    expect(
      notInAnyPhase(
        stackNote(
          UNMANAGED("egress", "rtb-0aaa"),
          'b: the route table of route "b" is unknown until apply',
        ),
      ),
    ).to.equal(undefined);
    // One part an input the policy does not read, one unknown: the note keeps its phase's reason.
    expect(
      notInAnyPhase(
        stackNote(
          'api: API Gateway REST API "api" defines its OpenAPI body in YAML, which this policy does not read',
          'b: the route table of route "b" is unknown until apply',
        ),
      ),
    ).to.equal(undefined);
    expect(stackNoteParts(unknown)?.map((p) => p.name)).to.deep.equal(["private-a"]);
  });

  it("a stack policy's preview note names the resources it could not judge, not the stack", () => {
    const note: Finding = {
      policy: "ec2-compute-subnet-no-default-route",
      enforcementLevel: "advisory",
      severity: "critical",
      urn: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
      type: "pulumi:pulumi:Stack",
      name: "demo-dev",
      message: "",
      detail: stackNote(
        'private-a: the route table of route "a" is unknown until apply',
        'private-b: the route table of route "b" is unknown until apply',
      ),
      previewNote: true,
      phase: "preview",
      phases: ["preview"],
    };
    const text = formatText([result([note])]);
    const line = text.split("\n").find((l) => l.includes("? ec2-compute-subnet-no-default-route"));
    expect(line).to.equal(
      "    ? ec2-compute-subnet-no-default-route  on 2 resources: private-a, private-b",
    );
    expect(text).to.contain(
      "      e.g. 2 check(s) depend on values unknown until apply: private-a: the route table",
    );
    // A resource policy's note still names its resource.
    const own = {
      ...note,
      urn: "urn:pulumi:dev::demo::aws:ec2/route:Route::r",
      type: "aws:ec2/route:Route",
      name: "r",
    };
    expect(formatText([result([own])])).to.contain(
      "? ec2-compute-subnet-no-default-route  on 1 resource: r",
    );
  });
});

function result(notes: Finding[]): StackResult {
  return {
    project: {
      dir: "/p",
      file: "/p/Pulumi.yaml",
      entry: "/p",
      name: "demo",
      runtimeOptions: {},
      runtime: "nodejs",
    },
    stack: "dev",
    stackFile: "/p/Pulumi.dev.yaml",
    resources: [],
    phases: [{ phase: "preview", resources: 0, programMs: 1, policiesMs: 1 }],
    violations: [],
    notes,
    waived: [],
    unevaluated: [],
    counts: { checks: 1, passed: 1, failed: 0, waived: 0, unevaluated: 0 },
    remoteComponents: [],
    unjudged: [],
    applyOnly: [],
    renamedAtApply: [],
    warnings: [],
    diagnostics: [],
    configNotes: [],
    sdk: { runPath: "", version: "3.248.0", own: true },
    timings: { programMs: 1, policiesMs: 1 },
  } as unknown as StackResult;
}
