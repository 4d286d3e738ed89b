// Why a value stays unknown once every created resource is known (tools/lib/engine/unknown-sources.ts):
// an unknown that came through a data source call names no resource, so the run's unread stack
// references and remote components are the suspects; a stack reference whose outputs were given
// is none. And the reason for the one path a policy could not read: the undecryptable secret only
// where the secret-hiding step put an unknown, else that property's own dependencies.
import { expect } from "chai";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { STACK_REFERENCE_TYPE } from "../../tools/lib/engine/stack-references";
import { recordInputs } from "../../tools/lib/engine/recorded-inputs";
import { quotesPlaceholder } from "../../tools/check/secret-placeholders";
import {
  unknownPathOf,
  unknownSources,
  unknownSourcesAt,
} from "../../tools/lib/engine/unknown-sources";
import { OUTPUT_SIG, SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/lib/engine/wire";

const resource = (r: Partial<EngineResource>): EngineResource =>
  ({
    urn: `urn:${r.name}`,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    custom: true,
    ...r,
  }) as EngineResource;

describe("where an unknown that names no resource probably came from", () => {
  const role = resource({
    type: "aws:iam/role:Role",
    name: "irsa",
    inputs: { assumeRolePolicy: UNKNOWN },
  });
  const run = (refs: EngineResource[]) =>
    unknownSources(role, false, new Map([...refs, role].map((r) => [r.urn, r])), [...refs, role]);

  it("names a stack reference whose outputs were not given", () => {
    const unread = resource({
      type: STACK_REFERENCE_TYPE,
      name: "net",
      outputs: { name: "o/net/prod", outputs: UNKNOWN },
    });
    expect(run([unread])!.join("\n")).to.contain("probably an output of stack reference net");
  });

  it("does not name a stack reference whose outputs were given", () => {
    const answered = resource({
      type: STACK_REFERENCE_TYPE,
      name: "net",
      outputs: { name: "o/net/prod", outputs: { vpcId: "vpc-1" } },
    });
    expect(run([answered])).to.deep.equal(["a value the program leaves unknown"]);
  });
});

describe("why the one input path a policy could not read is unknown", () => {
  const PLACEHOLDER = "offline-secret-placeholder";
  const SECRET = "the secret config value";
  const ref = resource({
    type: STACK_REFERENCE_TYPE,
    name: "upstream",
    outputs: { name: "o/upstream/prod", outputs: UNKNOWN },
  });
  const raw = {
    task: {
      container: {
        environment: [
          { name: "KEY", value: { [SIG_KEY]: SECRET_SIG, value: `k-${PLACEHOLDER}` } },
          { name: "URL", value: UNKNOWN },
        ],
      },
    },
    image: {
      [SIG_KEY]: OUTPUT_SIG,
      value: PLACEHOLDER,
      secret: true,
      dependencies: [],
    },
    cpu: 256,
  };

  it("records the paths it hides as the policy SDK names them, wrappers left out", () => {
    const recorded = recordInputs(raw, false, new Set(), [PLACEHOLDER]);
    expect(recorded.opaque).to.equal(true);
    expect(recorded.opaquePaths).to.deep.equal([".task.container.environment.0.value", ".image"]);
    expect(recorded.inputs.task.container.environment[0].value.value).to.equal(UNKNOWN);
    expect(recorded.sent).to.equal(raw);
    // Nothing to hide: nothing recorded.
    const plain = recordInputs({ cpu: 256 }, false, new Set(), [PLACEHOLDER]);
    expect(plain).to.deep.include({ opaque: false, opaquePaths: [] });
  });

  it("names the secret alone at its path, and that property's dependencies elsewhere", () => {
    const recorded = recordInputs(raw, false, new Set(), [PLACEHOLDER]);
    const service = resource({
      type: "awsx:ecs:FargateService",
      name: "api",
      custom: false,
      inputs: recorded.inputs,
      opaquePaths: recorded.opaquePaths,
      propertyDependencies: { task: [ref.urn], image: [] },
      dependencies: [ref.urn],
    });
    const byUrn = new Map([ref, service].map((r) => [r.urn, r]));
    const at = (path: string) => unknownSourcesAt(service, path, SECRET, byUrn, [ref, service]);
    expect(at(".task.container.environment.0.value")).to.deep.equal([SECRET]);
    expect(at(".image")).to.deep.equal([SECRET]);
    expect(at(".task.container.environment.1.value")).to.deep.equal([
      "an output of stack reference upstream",
    ]);
    // A path outside the inputs gives no reason of its own (the caller keeps the whole one).
    expect(at(".nothing")).to.equal(undefined);
  });

  it("names the key whose own placeholder the hidden string held, when each secret has one", () => {
    const two = {
      password: `pw-${PLACEHOLDER}-12`,
      token: { [SIG_KEY]: SECRET_SIG, value: `${PLACEHOLDER}-1` },
    };
    const recorded = recordInputs(two, false, new Set(), [PLACEHOLDER]);
    expect(recorded.opaqueValues).to.deep.equal([`pw-${PLACEHOLDER}-12`, `${PLACEHOLDER}-1`]);
    const db = resource({
      type: "aws:rds/instance:Instance",
      name: "db",
      inputs: recorded.inputs,
      opaquePaths: recorded.opaquePaths,
      opaqueValues: recorded.opaqueValues,
    });
    const keys: Record<string, string> = {
      "app:token": `${PLACEHOLDER}-1`,
      "app:dbPassword": `${PLACEHOLDER}-12`,
    };
    // `-1` is not found inside `-12`: each path names its own key.
    const held = (text: string) =>
      Object.keys(keys)
        .filter((k) => quotesPlaceholder(text, keys[k]))
        .join(", ");
    const byUrn = new Map([[db.urn, db]]);
    expect(unknownSourcesAt(db, ".password", held, byUrn, [db])).to.deep.equal(["app:dbPassword"]);
    expect(unknownSourcesAt(db, ".token", held, byUrn, [db])).to.deep.equal(["app:token"]);
  });

  it("reads the path from the policy SDK's note", () => {
    const note =
      "can't run policy 'p' during preview: string value at " +
      ".task.container.environment.0.value can't be known during preview";
    expect(unknownPathOf(note)).to.equal(".task.container.environment.0.value");
    expect(unknownPathOf("depend on values unknown until apply: a: b")).to.equal(undefined);
  });
});
