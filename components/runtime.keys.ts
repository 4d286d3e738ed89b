// The runtime layer's config keys: the Fargate service's size and scaling, its port and image, the
// load balancer's certificate and audience, WAF. The Runtime component takes the same settings
// (RuntimeArgs extends RuntimeSettings).
import {
  CERTIFICATE_ARN,
  certificateAccountProblem,
  exampleCertificate,
  isExampleCertificateArn,
} from "./acm";
import { allowListProblems, parseCidr } from "./cidr";
import type { ConfigValues } from "./keys";
import { mustBeTrue, section } from "./keys";

/**
 * The limit of a rate-based rule, requests per client IP in 5 minutes: AWS WAF takes 10 to
 * 2,000,000,000 (AWS What's New, 2024, "AWS WAF enhances rate-based rules to support lower rate
 * limits": the minimum went from 100 to 10; the console: "Rate limit must be between 10 and
 * 2,000,000,000").
 */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/**
 * Tag prefix the pipeline's deploy stage adds to an image before the service runs it (a new tag
 * per deployment, `deployed-<UTC time>`: the repository's tags are immutable). The repository's
 * lifecycle keeps the last DEPLOYED_IMAGES_KEPT images carrying it (components/runtime/task.ts).
 */
export const DEPLOYED_TAG_PREFIX = "deployed-";

/**
 * The task definition's one container (components/runtime/task.ts). The service's load balancer
 * entry and the pipeline's image and deploy stages name it too: the deploy stage replaces the
 * image of the container of this name, and fails when the family has none.
 */
export const APP_CONTAINER_NAME = "app";

/** Deployed images the lifecycle keeps whatever else is pushed: the running one and rollback targets. */
export const DEPLOYED_IMAGES_KEPT = 10;

/** Fargate task sizes (AWS ECS docs, "Task CPU and memory"): CPU → allowed memory in MiB. */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

const CPU_ALLOWED = "Fargate CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384";
const IMAGE_TAG_ALLOWED = "an image tag: letters, digits, _ . - (up to 128 characters)";
// ECS API Reference, CreateCluster, clusterName: "Up to 255 letters (uppercase and lowercase),
// numbers, hyphens, and underscores are allowed"
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html).
const CLUSTER_NAME_ALLOWED =
  "1 to 255 letters, digits, hyphens and underscores (an ECS cluster name)";
const desiredOf = (ctx: { value<T>(k: string): T | undefined }) =>
  ctx.value<number>("runtimeDesiredCount");

/** The container service (components/runtime/). */
export const RUNTIME_SECTION = section({
  title: "Runtime",
  summary: "The upload service on ECS Fargate behind a public load balancer (components/runtime/).",
  keys: {
    desiredCount: {
      key: "runtimeDesiredCount",
      kind: "integer",
      min: 1,
      max: 100,
      default: 2,
      description: "Tasks the service runs normally (staging 2, prod 4).",
      allowed: "an integer from 1 to 100 (staging 2, prod 4 by design)",
    },
    minCount: {
      key: "runtimeMinCount",
      kind: "integer",
      min: 1,
      max: 100,
      derivedDefault: { text: "runtimeDesiredCount", value: (ctx) => desiredOf(ctx) ?? 1 },
      description: "Fewest tasks autoscaling keeps (prod at least 2).",
      allowed: "an integer from 1 to runtimeDesiredCount (default: runtimeDesiredCount)",
      check: (min, ctx) => {
        const desired = desiredOf(ctx);
        if (desired !== undefined && min > desired) {
          ctx.fail("runtimeMinCount", `${min} is above runtimeDesiredCount ${desired}`);
        }
      },
      rules: [
        {
          environment: "prod",
          text: "at least 2",
          check: (min) =>
            min !== undefined && min < 2
              ? `prod runs at least 2 tasks (one per AZ), got ${min}`
              : undefined,
        },
      ],
    },
    maxCount: {
      key: "runtimeMaxCount",
      kind: "integer",
      min: 1,
      max: 200,
      derivedDefault: {
        text: "2 × runtimeDesiredCount",
        value: (ctx) => (desiredOf(ctx) ?? 1) * 2,
      },
      description: "Most tasks autoscaling starts.",
      allowed: "an integer from runtimeDesiredCount to 200 (default: twice runtimeDesiredCount)",
      check: (max, ctx) => {
        const desired = desiredOf(ctx);
        if (desired !== undefined && max < desired) {
          ctx.fail("runtimeMaxCount", `${max} is below runtimeDesiredCount ${desired}`);
        }
      },
    },
    cpu: {
      key: "runtimeCpu",
      kind: "integer",
      min: 256,
      max: 16384,
      default: 256,
      description: "Fargate task CPU units (256, 512, 1024, ...).",
      allowed: CPU_ALLOWED,
      check: (cpu, ctx) => {
        if (cpu in FARGATE_MEMORY) return;
        ctx.fail("runtimeCpu", `${cpu} is not a Fargate CPU size; use ${CPU_ALLOWED}`);
        return false;
      },
    },
    memory: {
      key: "runtimeMemory",
      kind: "integer",
      min: 512,
      max: 122880,
      default: 512,
      description: "Fargate task memory in MiB, a value Fargate allows for runtimeCpu.",
      allowed: "MiB, a value Fargate allows for runtimeCpu (256: 512-2048; 512: 1024-4096; ...)",
      check: (memory, ctx) => {
        const cpu = ctx.value<number>("runtimeCpu");
        if (cpu === undefined || FARGATE_MEMORY[cpu].includes(memory)) return;
        ctx.fail(
          "runtimeMemory",
          `${memory} MiB is not allowed with runtimeCpu ${cpu}; use one of ${FARGATE_MEMORY[cpu].join(", ")}`,
        );
      },
    },
    containerPort: {
      key: "containerPort",
      kind: "integer",
      min: 1024,
      max: 65535,
      default: 8080,
      description:
        'Port the app listens on inside the task (1024-65535). On a running stack a change needs a step by hand: docs/decisions/deployments.md, "Changing the container port".',
      allowed: "an integer from 1024 to 65535 (the app runs as a non-root user)",
    },
    certificateArn: {
      key: "certificateArn",
      kind: "string",
      description: "ACM certificate of the load balancer's HTTPS listener (without one: HTTP).",
      allowed: "an ACM certificate ARN in aws:region (prod: required)",
      check: (arn, ctx) => {
        const region = ctx.value<string>("aws:region");
        const m = CERTIFICATE_ARN.exec(arn);
        if (!m) {
          ctx.fail(
            "certificateArn",
            `"${arn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)`,
          );
        } else if (region !== undefined && m[2] !== region) {
          ctx.fail(
            "certificateArn",
            `is in ${m[2]} but the load balancer is in aws:region ${region}; an ALB needs a certificate from its own region`,
          );
        } else if (isExampleCertificateArn(arn)) {
          exampleCertificate(ctx, "certificateArn", arn, m[2]);
          return true;
        } else {
          const other = certificateAccountProblem(ctx, arn);
          if (other === undefined) return true;
          ctx.fail("certificateArn", other);
        }
        return false;
      },
      rules: [
        {
          environment: "prod",
          text: "required",
          check: (arn) =>
            arn === undefined
              ? "is required in prod: the load balancer must serve HTTPS"
              : undefined,
        },
      ],
    },
    albAllowedCidrs: {
      key: "albAllowedCidrs",
      kind: "strings",
      default: ["0.0.0.0/0"],
      description: "Who may reach the load balancer on 80/443.",
      allowed: `a list of IPv4 CIDRs allowed to reach the load balancer (default ["0.0.0.0/0"])`,
      check: (cidrs, ctx) => {
        if (cidrs.length === 0)
          ctx.fail("albAllowedCidrs", "is empty; nobody could reach the service");
        cidrs.forEach((text, i) => {
          const c = parseCidr(text);
          if (typeof c === "string") ctx.fail("albAllowedCidrs", `item ${i}: ${c}`);
        });
        // One rule per CIDR on port 80, and on 443 with a certificate (components/load-balancer.ts).
        const ports = ctx.value("certificateArn") === undefined ? 1 : 2;
        for (const p of allowListProblems(cidrs, ports)) ctx.fail("albAllowedCidrs", p);
      },
    },
    wafEnabled: {
      key: "wafEnabled",
      kind: "boolean",
      default: false,
      description: "Put the load balancer behind a WAF web ACL (prod must be true).",
      allowed: "true or false (prod: true)",
      rules: [
        mustBeTrue(
          "prod",
          (ctx) =>
            `prod must put the load balancer behind WAF: ${ctx.setCommand("wafEnabled", "true")}`,
        ),
      ],
    },
    wafRateLimit: {
      key: "wafRateLimit",
      kind: "integer",
      ...WAF_RATE_LIMIT_RANGE,
      default: 2000,
      description: "Requests per client IP in 5 minutes before WAF blocks it.",
      allowed: "an integer from 10 to 2000000000 (requests per IP per 5 minutes)",
    },
    ecrKeepImages: {
      key: "ecrKeepImages",
      kind: "integer",
      min: 1,
      max: 1000,
      default: 30,
      // The count rule comes after the deployed-tag rule: it cannot expire a deployed image, but
      // still counts it among the newest ("Rules can never mark images that are marked by higher
      // priority rules, but can still identify them as if they haven't been expired": ECR
      // lifecycle policy evaluation rules, as restated in awsx's LifecyclePolicyRule docs).
      description: `Newest images the ECR lifecycle policy keeps, deployed ones included; the last ${DEPLOYED_IMAGES_KEPT} deployed images are kept even when older.`,
      allowed: "an integer from 1 to 1000",
    },
    imageTag: {
      key: "imageTag",
      kind: "string",
      default: "initial",
      description:
        "Image tag of the first task definition; the delivery pipeline deploys later tags.",
      allowed: IMAGE_TAG_ALLOWED,
      check: (tag, ctx) => {
        if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
          ctx.fail("imageTag", `"${tag}" is not a valid image tag; use ${IMAGE_TAG_ALLOWED}`);
        }
      },
    },
    clusterName: {
      key: "runtimeClusterName",
      kind: "string",
      description:
        "Name of the ECS cluster (default `<project>-<stack>`); a stack created while the cluster was auto-named sets its current name (docs/first-deploy.md).",
      allowed: CLUSTER_NAME_ALLOWED,
      check: (clusterName, ctx) => {
        if (!/^[A-Za-z0-9_-]{1,255}$/.test(clusterName)) {
          ctx.fail(
            "runtimeClusterName",
            `"${clusterName}" is not a valid ECS cluster name; use ${CLUSTER_NAME_ALLOWED}`,
          );
          return false;
        }
        return true;
      },
    },
    maxUploadMiB: {
      key: "maxUploadMiB",
      kind: "integer",
      min: 1,
      max: 100,
      default: 10,
      description: "Largest image upload the app accepts, in MiB.",
      allowed: "an integer from 1 to 100",
    },
  },
});

/** The runtime settings a stack's config yields; the Runtime component's sizing arguments. */
export type RuntimeSettings = ConfigValues<typeof RUNTIME_SECTION.keys>;
