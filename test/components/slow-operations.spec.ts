// How long `pulumi up` and `pulumi destroy` wait for the stacks' slow resources (both stacks, every
// feature on): each wait at least as long as AWS is known to take, and all the waits of one
// operation, as the provider sequences them, ending before the deploy job that runs `pulumi up`
// does. A provider timeout ends `pulumi up` at that resource while AWS goes on; a job cut leaves
// pending operations instead.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { DEREGISTRATION_DELAY_SECONDS } from "../../components/load-balancer";
import type { RecordedResource } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { findAll, ROOT } from "../helpers";

type Operation = "create" | "update" | "delete";
type Minutes = Record<Operation, number>;

/** A resource type whose operations can be slow: the provider's waits and what AWS may need. */
interface Slow {
  readonly type: string;
  /** The provider's default timeouts, minutes (its `Timeouts` block). */
  readonly defaults: Minutes;
  /** What one wait of a resource needs, minutes, per operation where it is known. */
  readonly needs: (r: RecordedResource) => Partial<Minutes>;
  /**
   * The longest one operation can take, given the timeout of each wait: the provider's waits and
   * fixed retries in sequence. Without it, an operation is one wait.
   */
  readonly longest?: (r: RecordedResource, waits: Minutes) => Minutes;
}

/**
 * terraform-provider-aws `internal/service/redshiftserverless/workgroup.go`, `resourceWorkgroupUpdate`
 * and `prepareCapacityUpdates`: one UpdateWorkgroup call, and one wait, per changed group of
 * fields; base and max capacity changed together are two calls.
 */
const WORKGROUP_UPDATE_GROUPS: readonly (readonly string[])[] = [
  ["baseCapacity"],
  ["maxCapacity"],
  ["configParameters"],
  ["enhancedVpcRouting"],
  ["port"],
  ["publiclyAccessible"],
  ["securityGroupIds"],
  ["subnetIds"],
  ["trackName"],
  ["pricePerformanceTarget"],
];
/** Fields a mandatory policy holds to one value: an `up` that changed them would be refused. */
const WORKGROUP_PINNED = new Set(["publiclyAccessible"]); // redshift-serverless-workgroup-not-public
/** `resourceWorkgroupDelete`: ConflictException retried for a fixed 10 minutes before the wait. */
const WORKGROUP_DELETE_RETRY_MINUTES = 10;

/** The UpdateWorkgroup calls one `up` makes at most: every group the workgroup sets, changed. */
export function workgroupUpdateCalls(workgroup: RecordedResource): number {
  return WORKGROUP_UPDATE_GROUPS.filter(
    (group) =>
      !group.some((f) => WORKGROUP_PINNED.has(f)) &&
      group.some((f) => workgroup.inputs[f] !== undefined),
  ).length;
}

/** The container's `stopTimeout` (seconds; ECS's default is 30). */
function stopTimeoutOf(taskDefinition: RecordedResource): number {
  const defs = JSON.parse(String(taskDefinition.inputs.containerDefinitions)) as {
    stopTimeout?: number;
  }[];
  return Math.max(...defs.map((d) => d.stopTimeout ?? 30));
}

function slowTypes(taskDefinitions: RecordedResource[]): Slow[] {
  return [
    {
      // terraform-provider-aws internal/service/redshiftserverless/workgroup.go: 20 minutes each.
      // Reported: creation past 10 minutes nearly always (hashicorp/terraform-provider-aws#31048,
      // #26522: CREATING, then MODIFYING); 815 s for the provider's own create-and-delete test
      // (#28114). Needed: about twice the slowest report.
      // One update call's wait: the provider's acceptance tests create, update and delete a
      // workgroup in about five minutes (hashicorp/terraform-provider-aws#35720).
      type: "aws:redshiftserverless/workgroup:Workgroup",
      defaults: { create: 20, update: 20, delete: 20 },
      needs: () => ({ create: 30, update: 5, delete: 30 }),
      longest: (r, waits) => ({
        create: waits.create,
        update: workgroupUpdateCalls(r) * waits.update,
        delete: WORKGROUP_DELETE_RETRY_MINUTES + waits.delete,
      }),
    },
    {
      // terraform-provider-aws internal/service/ecs/service.go: 20 minutes each. Deleting sets
      // the desired count to 0 and waits for INACTIVE: every task is deregistered from the target
      // group (the deregistration delay) and then stopped (SIGTERM, then SIGKILL after the
      // container's stopTimeout); twice that, for tasks that stop one after the other.
      type: "aws:ecs/service:Service",
      defaults: { create: 20, update: 20, delete: 20 },
      needs: () => ({
        delete:
          (2 * (DEREGISTRATION_DELAY_SECONDS + Math.max(...taskDefinitions.map(stopTimeoutOf)))) /
          60,
      }),
    },
  ];
}

/** The timeouts `pulumi up` applies to a resource: its `customTimeouts`, else the provider's. */
export function effectiveMinutes(r: RecordedResource, defaults: Minutes): Minutes {
  const t = r.options.customTimeouts;
  const pick = (seconds: number | undefined, fallback: number) =>
    seconds ? seconds / 60 : fallback;
  return {
    create: pick(t?.createSeconds, defaults.create),
    update: pick(t?.updateSeconds, defaults.update),
    delete: pick(t?.deleteSeconds, defaults.delete),
  };
}

/** The shortest `timeout-minutes` of the deploy workflow's jobs that run `pulumi up`. */
function deployJobMinutes(): number {
  const workflow = YAML.parse(
    fs.readFileSync(path.join(ROOT, ".github/workflows/infrastructure-deploy.yml"), "utf8"),
  ) as { jobs: Record<string, { "timeout-minutes"?: number; steps?: { run?: string }[] }> };
  const minutes = Object.values(workflow.jobs)
    .filter((job) => (job.steps ?? []).some((s) => /\bpulumi up\b/.test(s.run ?? "")))
    .map((job) => job["timeout-minutes"] ?? 360); // GitHub's default: 360 minutes
  expect(minutes.length, "jobs that run pulumi up").to.be.greaterThan(0);
  return Math.min(...minutes);
}

for (const stack of ["staging", "prod"] as const) {
  describe(`stack ${stack}: how long deploys wait for slow resources`, () => {
    it("gives each slow resource at least the time AWS may take", async () => {
      const rec = await runWithEverything(stack);
      const slow = slowTypes(findAll(rec, "aws:ecs/taskDefinition:TaskDefinition"));
      const short: string[] = [];
      for (const s of slow) {
        const found = findAll(rec, s.type);
        expect(found.length, s.type).to.be.greaterThan(0);
        for (const r of found) {
          const has = effectiveMinutes(r, s.defaults);
          for (const [op, need] of Object.entries(s.needs(r)) as [Operation, number][]) {
            if (has[op] < need) short.push(`${r.name} ${op}: waits ${has[op]} min, needs ${need}`);
          }
        }
      }
      expect(short).to.deep.equal([]);
    });

    it("ends each operation of a slow resource before the deploy job that runs pulumi up", async () => {
      const rec = await runWithEverything(stack);
      const job = deployJobMinutes();
      const slow = slowTypes(findAll(rec, "aws:ecs/taskDefinition:TaskDefinition"));
      const tooLong: string[] = [];
      for (const s of slow) {
        for (const r of findAll(rec, s.type)) {
          const waits = effectiveMinutes(r, s.defaults);
          const longest = s.longest?.(r, waits) ?? waits;
          for (const [op, minutes] of Object.entries(longest) as [Operation, number][]) {
            if (minutes > job) tooLong.push(`${r.name} ${op}: ${minutes} min, job ${job} min`);
          }
        }
      }
      expect(tooLong).to.deep.equal([]);
    });

    it("sets no custom timeout longer than the deploy job on any resource", async () => {
      const rec = await runWithEverything(stack);
      const job = deployJobMinutes();
      const tooLong = rec.resources.flatMap((r) => {
        const t = r.options.customTimeouts;
        return (["create", "update", "delete"] as const)
          .map((op) => [op, (t?.[`${op}Seconds`] ?? 0) / 60] as const)
          .filter(([, minutes]) => minutes > job)
          .map(([op, minutes]) => `${r.name} ${op}: ${minutes} min, job ${job} min`);
      });
      expect(tooLong).to.deep.equal([]);
    });
  });
}

describe("effective timeouts", () => {
  const resource = (customTimeouts: RecordedResource["options"]["customTimeouts"]) =>
    ({ options: { customTimeouts } }) as unknown as RecordedResource;
  it("takes customTimeouts where set and the provider's default elsewhere", () => {
    const defaults = { create: 20, update: 20, delete: 20 };
    expect(
      effectiveMinutes(
        resource({ createSeconds: 2400, updateSeconds: 0, deleteSeconds: 0 }),
        defaults,
      ),
    ).to.deep.equal({ create: 40, update: 20, delete: 20 });
  });

  it("counts one update call per field group the workgroup sets, public access aside", () => {
    const inputs = {
      baseCapacity: 8,
      maxCapacity: 64,
      configParameters: [],
      enhancedVpcRouting: true,
      port: 5439,
      publiclyAccessible: false,
      securityGroupIds: ["sg-1"],
      subnetIds: ["subnet-1"],
    };
    const workgroup = (i: Record<string, unknown>) =>
      ({ inputs: i }) as unknown as RecordedResource;
    expect(workgroupUpdateCalls(workgroup(inputs))).to.equal(7);
    expect(workgroupUpdateCalls(workgroup({ ...inputs, maxCapacity: undefined }))).to.equal(6);
    expect(workgroupUpdateCalls(workgroup({ ...inputs, trackName: "current" }))).to.equal(8);
  });
});
