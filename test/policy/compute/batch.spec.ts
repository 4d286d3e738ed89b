// AWS Batch job definitions without privileged containers: KICS "Batch Job Definition With
// Privileged Container Properties" positive.tf and negative.tf as Pulumi inputs, and the other
// places a job definition holds containers.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { BATCH_JOB_DEFINITION } from "../../../policy-pack/lib/types";

const props = (extra: Record<string, unknown> = {}) => ({
  command: ["ls", "-la"],
  image: "busybox",
  memory: 1024,
  vcpus: 1,
  volumes: [{ host: { sourcePath: "/tmp" }, name: "tmp" }],
  environment: [{ name: "VARNAME", value: "VARVAL" }],
  mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
  ulimits: [{ hardLimit: 1024, name: "nofile", softLimit: 1024 }],
  ...extra,
});
const job = (extra: Record<string, unknown>) =>
  res(BATCH_JOB_DEFINITION, "job", {
    name: "tf_test_batch_job_definition",
    type: "container",
    ...extra,
  });

describe("batch-job-definition-not-privileged", () => {
  const p = policy("batch-job-definition-not-privileged");
  it("is mandatory", () => {
    expect(p.enforcementLevel).to.equal("mandatory");
  });
  describe("Noncompliance", () => {
    it("KICS positive1: containerProperties with privileged true", async () => {
      expect(
        await violations(p, [
          job({ containerProperties: JSON.stringify(props({ privileged: true })) }),
        ]),
      ).to.deep.equal(["job: Container 'containerProperties' runs privileged."]);
    });
    it("a multi-node job's node range, an ECS task container, an EKS container", async () => {
      const multi = job({
        type: "multinode",
        nodeProperties: JSON.stringify({
          mainNode: 0,
          numNodes: 2,
          nodeRangeProperties: [{ targetNodes: "0:", container: props({ privileged: true }) }],
        }),
      });
      const ecs = job({
        ecsProperties: JSON.stringify({
          taskProperties: [{ containers: [{ name: "main", image: "busybox", privileged: true }] }],
        }),
      });
      const eks = job({
        eksProperties: {
          podProperties: {
            containers: [{ name: "main", image: "busybox", securityContext: { privileged: true } }],
          },
        },
      });
      expect(await violations(p, [multi, ecs, eks])).to.have.length(3);
    });
    it("container properties unknown at preview are a preview note, not a pass", async () => {
      expect(await previewNotes(p, [job({ containerProperties: U })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("KICS negative1 (privileged false) and negative2 (left out)", async () => {
      expect(
        await violations(p, [
          job({ containerProperties: JSON.stringify(props({ privileged: false })) }),
          job({ containerProperties: JSON.stringify(props()) }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
