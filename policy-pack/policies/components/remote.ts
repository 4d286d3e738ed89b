// Components served by a provider plugin (multi-language components such as awsx v3): the engine
// shows policies their registration and inputs, never the resources they create (pulumi/pulumi
// #12553). Their inputs are judged by ./vpc.ts, ./ecs.ts, ./load-balancers.ts, ./ecr.ts, ./eks.ts,
// ./log-groups.ts, ./cloudtrail.ts, ./synced-folder.ts, ./static-website.ts,
// ./static-website-bucket-policy.ts and ./apigateway.ts;
// this policy lists every such component so a report never reads as if their children had been
// checked.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { PULUMI_STACK } from "../../lib/types";
import { awsDocs } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

interface RemoteConfig {
  remoteComponentPackages: string[];
  remoteComponentTypes: string[];
}

/**
 * Whether a type token belongs to a remote component: a token of one of `packages` (awsx v3's
 * `awsx:<module>:<Type>`), except awsx classic's `awsx:x:...`, which runs in the program and shows
 * its children; or a token listed in `types`.
 */
function isRemoteType(
  type: string,
  packages: ReadonlySet<string>,
  types: ReadonlySet<string>,
): boolean {
  if (types.has(type)) return true;
  const [pkg, mod] = type.split(":");
  return packages.has(pkg) && mod !== "x" && !type.startsWith("pulumi:providers:");
}

export const remoteComponentsUnexpanded = stackPolicy<RemoteConfig>({
  name: "stack-remote-components-unexpanded",
  description:
    "Lists the components served by a provider plugin (awsx v3 and other multi-language components) whose child resources no policy can see: only their inputs are checked (by the awsx-*, eks-component-*, synced-folder-*, static-website-* and aws-apigateway-* policies), so a report that contains them is incomplete. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Check the listed components' settings against those policies' findings, or build the same resources with @pulumi/aws directly (or a local component) so every child resource is checked. `pulumi preview --policy-pack` on a real stack sees the children once the plugin registers them.",
  references: [awsDocs("pulumi/pulumi#12553 (mocks cannot see remote children)")],
  config: {
    // Pulumi's multi-language component packages for AWS: awsx v1+ (`awsx:ec2:Vpc`), eks v3+
    // (`eks:index:Cluster`; eks v1 and v2 run in the program for Node.js (2.8.1's cluster.js
    // registers its children itself), and their components show their children,
    // so the children check below excludes them), aws-apigateway (`aws-apigateway:index:RestAPI`)
    // aws-static-website (`aws-static-website:index:Website`) and synced-folder
    // (`synced-folder:index:S3BucketFolder`, and its Azure and Google Cloud folders: pulumi/
    // pulumi-synced-folder schema.json marks all three `"isComponent": true`, so its SDKs register
    // them remote; their objects are as unseen as any other remote child).
    remoteComponentPackages: stringListSchema(
      "Packages whose component tokens are remote (awsx v3, eks v3+, aws-apigateway, aws-static-website, synced-folder). awsx classic (`awsx:x:...`) is local and excluded, as is any component whose children were recorded.",
      ["awsx", "eks", "aws-apigateway", "aws-static-website", "synced-folder"],
    ),
    remoteComponentTypes: stringListSchema(
      "Further remote component type tokens, e.g. `eks:index:Cluster`.",
      [],
    ),
  },
  types: [],
  check: (ctx, args) => {
    const packages = new Set(ctx.config.remoteComponentPackages);
    const types = new Set(ctx.config.remoteComponentTypes);
    // Index parents once: a component with a recorded child was expanded after all.
    const parents = new Set<string>();
    for (const r of args.resources) if (r.parent) parents.add(r.parent.urn);
    const unexpanded: PolicyResource[] = args.resources.filter(
      (r) => isRemoteType(r.type, packages, types) && !parents.has(r.urn),
    );
    if (unexpanded.length === 0) return;
    const byType = new Map<string, number>();
    for (const r of unexpanded) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    const names = unexpanded.map((r) => `${r.name} (${r.type})`);
    const shown =
      names.length > 20 ? [...names.slice(0, 20), `and ${names.length - 20} more`] : names;
    const summary = [...byType].map(([t, n]) => `${n} ${t}`).join(", ");
    const target =
      args.resources.find((r) => r.type === PULUMI_STACK && !r.parent) ?? unexpanded[0];
    ctx.report(
      target,
      `${unexpanded.length} remote component(s) whose child resources cannot be seen (${summary}): ${shown.join(", ")}. Only their inputs were checked.`,
    );
  },
});
