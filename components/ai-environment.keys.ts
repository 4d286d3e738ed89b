// The config keys of the opt-in AI environment (docs/features.md): its VPC range and the ports
// the main VPC's tasks may open on its server.
import { format, overlaps, parseCidr, subnet } from "./cidr";
import { checkVpcRange } from "./network.keys";
import { section, whenEnabled } from "./keys";

/** The AI environment settings a stack's config yields when it is on. */
export interface AiEnvironmentSettings {
  /** The AI VPC's range, RFC 1918, /16 to /27, not overlapping the main VPC. Split in a public and a private half. */
  readonly cidrBlock: string;
  /** TCP ports the main VPC's clients may open on the server across the peering. */
  readonly allowedPorts: readonly number[];
}

/** The public and private halves of the AI VPC's range (the server lives in the private one). */
export function aiSubnetCidrs(cidrBlock: string): { publicCidr: string; privateCidr: string } {
  const c = parseCidr(cidrBlock);
  if (typeof c === "string") throw new Error(`AiEnvironment: ${c}`);
  return {
    publicCidr: format(subnet(c, c.prefix + 1, 0)),
    privateCidr: format(subnet(c, c.prefix + 1, 1)),
  };
}

/**
 * The ports the tasks open on the AI server, from `aiAllowedPorts`: each once, in ascending order
 * (the AI environment's settings, and the NACL rules the config counts and the Network creates).
 */
export function openedAiPorts(ports: readonly number[]): number[] {
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** Ports never opened across the peering: administration goes through the Instance Connect Endpoint. */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

const CIDR_ALLOWED = "a private (RFC 1918) IPv4 CIDR, /16 to /27, not overlapping vpcCidr";
const enabled = whenEnabled("aiEnvironmentEnabled");

/** A peered VPC for the AI team (components/ai-environment/), off unless `aiEnvironmentEnabled`. */
export const AI_ENVIRONMENT_SECTION = section({
  title: "AI environment",
  summary: "Opt-in peered VPC with an internet-connected server (components/ai-environment/).",
  keys: {
    enabled: {
      key: "aiEnvironmentEnabled",
      kind: "boolean",
      default: false,
      description:
        "Opt-in AI environment, a peered VPC whose server reaches the internet through a NAT gateway (a waived, documented egress path).",
      allowed: "true or false (default false): a peered VPC for the AI team",
    },
    cidrBlock: {
      key: "aiVpcCidr",
      kind: "string",
      required: (ctx) => ctx.value("aiEnvironmentEnabled") === true,
      description: "Range of the AI VPC (required with the AI environment).",
      allowed: CIDR_ALLOWED,
      check: (text, ctx) => {
        const c = checkVpcRange("aiVpcCidr", text, 27, CIDR_ALLOWED, ctx);
        const mainText = ctx.value<string>("vpcCidr");
        const main = mainText === undefined ? undefined : parseCidr(mainText);
        if (c && main !== undefined && typeof main !== "string" && overlaps(c, main)) {
          ctx.fail(
            "aiVpcCidr",
            `"${text}" overlaps platform:vpcCidr "${mainText}"; peered VPCs need ranges that do not overlap`,
          );
        }
      },
      appliesWhen: enabled,
    },
    allowedPorts: {
      key: "aiAllowedPorts",
      kind: "integers",
      default: [443],
      description: "TCP ports the tasks may open on the AI server (with the AI environment only).",
      allowed:
        "a list of 1 to 10 TCP ports the tasks may open on the AI server (default [443]; not 22 or 3389)",
      check: (ports, ctx) => {
        if (ports.length === 0 || ports.length > 10) {
          ctx.fail("aiAllowedPorts", `has ${ports.length} entries; give 1 to 10 ports`);
        }
        for (const p of ports) {
          if (p < 1 || p > 65535) ctx.fail("aiAllowedPorts", `${p} is not a TCP port (1 to 65535)`);
          else if (ADMIN_PORTS.includes(p)) {
            ctx.fail(
              "aiAllowedPorts",
              `${p} is an administration port; admins use the AI environment's EC2 Instance Connect Endpoint, never the peering`,
            );
          }
        }
      },
      appliesWhen: enabled,
    },
  },
  build: (v): AiEnvironmentSettings | undefined =>
    v.enabled && v.cidrBlock !== undefined
      ? { cidrBlock: v.cidrBlock, allowedPorts: openedAiPorts(v.allowedPorts) }
      : undefined,
});
