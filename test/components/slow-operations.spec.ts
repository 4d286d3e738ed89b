// How long `pulumi up` and `pulumi destroy` wait for the stacks' slow resources (both stacks, every
// feature on): at least as long as AWS is known to take, and never longer than the deploy job that
// runs `pulumi up` may run. A provider timeout ends `pulumi up` at that resource while AWS goes on
// creating it; a wait longer than the job is cut by the job instead, leaving pending operations.
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
  /** What one resource needs, minutes, per operation where it is known. */
  readonly needs: (r: RecordedResource) => Partial<Minutes>;
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
      type: "aws:redshiftserverless/workgroup:Workgroup",
      defaults: { create: 20, update: 20, delete: 20 },
      needs: () => ({ create: 30, update: 30, delete: 30 }),
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

    it("never waits longer than the deploy job that runs pulumi up", async () => {
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
});
