// The BI access layer's config keys: how BI users reach Redshift (a private tunnel host or an
// opt-in bastion) and the host's size.
import { allowListProblems, parseCidr } from "./cidr";
import { GRAVITON_INSTANCE_TYPE } from "./host/arch";
import type { ConfigValues } from "./keys";
import { section } from "./keys";

export type AccessMode = "private" | "bastion";
export const ACCESS_MODES: readonly AccessMode[] = ["private", "bastion"];

/** Narrowest-allowed prefix of a bastion allow-list entry: wider ranges are refused. */
export const BASTION_MIN_PREFIX = 16;

const CIDRS_ALLOWED = `a list of IPv4 CIDRs, each /${BASTION_MIN_PREFIX} or narrower, allowed to SSH to the bastion (required when biAccessMode is "bastion")`;
const TYPE_ALLOWED = "a Graviton (arm64) instance type such as t4g.nano";

/** The BI users' tunnel host (components/access.ts). */
export const ACCESS_SECTION = section({
  title: "BI access",
  summary: "The tunnel host BI users reach Redshift through (components/access.ts).",
  keys: {
    mode: {
      key: "biAccessMode",
      kind: "string",
      oneOf: ACCESS_MODES,
      default: "private",
      description:
        'How BI users reach Redshift, "private" (tunnel host without public IP, EC2 Instance Connect Endpoint) or "bastion" (public IP, SSH allow-list).',
      allowed: `"private" (EC2 Instance Connect Endpoint, no public IP) or "bastion" (public IP, SSH allow-list)`,
    },
    allowedCidrs: {
      key: "bastionAllowedCidrs",
      kind: "strings",
      default: [],
      description: "Who may SSH to the bastion (bastion mode only, required there).",
      allowed: CIDRS_ALLOWED,
      check: (cidrs, ctx) => {
        if (ctx.value("biAccessMode") !== "bastion") return;
        if (cidrs.length === 0) {
          ctx.fail(
            "bastionAllowedCidrs",
            `is required when platform:biAccessMode is "bastion"; set it to ${CIDRS_ALLOWED}`,
          );
        }
        cidrs.forEach((text, i) => {
          const c = parseCidr(text);
          if (typeof c === "string") ctx.fail("bastionAllowedCidrs", `item ${i}: ${c}`);
          else if (c.prefix < BASTION_MIN_PREFIX) {
            ctx.fail(
              "bastionAllowedCidrs",
              `item ${i}: "${text}" is wider than /${BASTION_MIN_PREFIX}; SSH must never be open to the internet (0.0.0.0/0) or to large ranges`,
            );
          }
        });
        // One SSH rule per CIDR on the bastion's security group (components/host).
        for (const p of allowListProblems(cidrs, 1)) ctx.fail("bastionAllowedCidrs", p);
      },
      appliesWhen: {
        text: 'platform:biAccessMode is "bastion"',
        holds: (ctx) => (ctx.value("biAccessMode") === "private" ? false : undefined),
      },
    },
    instanceType: {
      key: "tunnelInstanceType",
      kind: "string",
      default: "t4g.nano",
      description: "Graviton (arm64) instance type of the BI tunnel host.",
      allowed: TYPE_ALLOWED,
      check: (type, ctx) => {
        if (!GRAVITON_INSTANCE_TYPE.test(type)) {
          ctx.fail(
            "tunnelInstanceType",
            `"${type}" is not a Graviton (arm64) type; use ${TYPE_ALLOWED} (the AMI is arm64)`,
          );
        }
      },
    },
  },
});

/** The access settings a stack's config yields. */
export type AccessSettings = ConfigValues<typeof ACCESS_SECTION.keys>;
