// The parts of a HardenedHost (./index.ts), each a named builder its constructor calls: the
// security group and its HTTPS egress, SSH access (a connect endpoint or an allow-list), the
// instance role and profile, the instance, and the administrators' connect policy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountContext } from "../context";
import type { TagsOf } from "../naming";
import { policyDocument, PolicyStatement } from "../iam";
import { archOf } from "./arch";
import type { Placement } from "./placement";
import {
  al2023Ami,
  connectEndpointSshRules,
  encryptedRootVolume,
  findInstanceStatement,
  IMDSV2_ONLY,
  instanceArn,
  instanceConnectEndpoint,
  instanceRole,
  openTunnelStatement,
  pushOneTimeKeyStatement,
} from "./hardening";
import type { AdminStatementPart, HardenedHostArgs } from "./index";

/** What the builders of a host share: its name, arguments, children's options and tags. */
export interface HostBuild {
  readonly name: string;
  readonly args: HardenedHostArgs;
  /** `{ parent }` of the host: look-ups and policy documents. */
  readonly parent: { readonly parent: pulumi.Resource };
  /** Options of a child (with the alias of a layer it moved from). */
  readonly child: pulumi.CustomResourceOptions & { readonly parent: pulumi.Resource };
  readonly tags: TagsOf;
  /** Role of the instance in children's names (`roles.instance`). */
  readonly hostRole: string;
}

/** The host's security group, with its one outbound path: HTTPS to `httpsEgress`. */
export function hostSecurityGroup(on: HostBuild): aws.ec2.SecurityGroup {
  const { name, args, child, tags } = on;
  const sgRole = args.roles?.securityGroup ?? "sg";
  const sg = new aws.ec2.SecurityGroup(
    `${name}-${sgRole}`,
    { vpcId: args.vpcId, description: args.securityGroupDescription, tags: tags(sgRole) },
    child,
  );
  const egressRole = args.httpsEgress.role ?? "to-s3";
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-${egressRole}`,
    {
      securityGroupId: sg.id,
      prefixListId: args.httpsEgress.prefixListId,
      cidrIpv4: args.httpsEgress.cidrIpv4,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: args.httpsEgress.description,
      tags: tags(egressRole),
    },
    child,
  );
  return sg;
}

/** The instance, with the shared hardening (./hardening.ts), in the subnet `placement` chose. */
export function hostInstance(
  on: HostBuild,
  parts: {
    readonly sg: aws.ec2.SecurityGroup;
    readonly placement: Placement;
    readonly profile?: { readonly name: pulumi.Output<string> };
  },
): aws.ec2.Instance {
  const { name, args, parent, child, tags, hostRole } = on;
  return new aws.ec2.Instance(
    `${name}-${hostRole}`,
    {
      ami: al2023Ami(archOf(args.instanceType), parent),
      instanceType: args.instanceType,
      subnetId: parts.placement.subnetId,
      vpcSecurityGroupIds: [parts.sg.id],
      associatePublicIpAddress: args.publicIp ?? false,
      iamInstanceProfile: parts.profile?.name,
      metadataOptions: IMDSV2_ONLY,
      rootBlockDevice: encryptedRootVolume(args.rootVolumeKeyArn, args.rootVolumeGiB),
      creditSpecification: args.standardCredits ? { cpuCredits: "standard" } : undefined,
      monitoring: false,
      userData: args.userData,
      userDataReplaceOnChange: true,
      tags: tags(hostRole, { ...args.instanceTags }),
      volumeTags: tags(`${hostRole}-root`),
    },
    // A newer AMI does not replace the host on every `pulumi up` (sessions would drop and the
    // instance id in users' commands would change); nightly updates keep it patched, and
    // `pulumi up --replace` moves it to a new AMI deliberately.
    { ...child, ignoreChanges: ["ami"], dependsOn: [...(args.instanceDependsOn ?? [])] },
  );
}

/** The customer-managed policy with exactly what it takes to connect (`adminPolicy`). */
export function adminPolicyOf(
  on: HostBuild,
  parts: {
    readonly account: AccountContext;
    readonly instance: aws.ec2.Instance;
    readonly endpoint: HostEndpoint | undefined;
  },
): aws.iam.Policy {
  const { name, args, parent, child, tags } = on;
  const { account, instance, endpoint } = parts;
  const p = args.adminPolicy;
  const statements: Record<AdminStatementPart, PolicyStatement | undefined> = {
    pushKey: pushOneTimeKeyStatement(p.sids.pushKey, instanceArn(account, args.region, instance)),
    openTunnel: endpoint
      ? openTunnelStatement(p.sids.openTunnel, endpoint.arn, instance)
      : undefined,
    findHost: findInstanceStatement(p.sids.findHost, endpoint !== undefined),
  };
  const order = p.order ?? ["pushKey", "openTunnel", "findHost"];
  const adminRole = p.role ?? "admins";
  return new aws.iam.Policy(
    `${name}-${adminRole}`,
    {
      description: p.description,
      policy: policyDocument(
        order.flatMap((part) => statements[part] ?? []),
        parent,
      ),
      tags: tags(adminRole),
    },
    child,
  );
}

/** A connect endpoint the host is reached through: its ARN, and its group when created here. */
export interface HostEndpoint {
  readonly arn: pulumi.Input<string>;
  readonly securityGroupId?: pulumi.Output<string>;
}

/**
 * SSH into the host's group: through a connect endpoint (created here unless shared; its egress
 * reaches the host on 22 and the host admits 22 from it only) or from an allow-list. EC2 docs
 * ("Security groups for EC2 Instance Connect Endpoint"): connections into an endpoint are
 * authorized by IAM (ec2-instance-connect:OpenTunnel), so its group needs no inbound rule.
 */
export function sshAccess(
  name: string,
  args: HardenedHostArgs,
  on: {
    readonly sg: aws.ec2.SecurityGroup;
    readonly hostRole: string;
    readonly child: pulumi.CustomResourceOptions;
    readonly tags: TagsOf;
    readonly placement: Placement;
  },
): HostEndpoint | undefined {
  const { sg, hostRole, child, tags } = on;
  const ssh = args.ssh;
  if (ssh.kind === "allow-list") {
    ssh.cidrs.forEach(
      (cidr, i) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-${hostRole}-ssh-${i}`,
          {
            securityGroupId: sg.id,
            cidrIpv4: cidr,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            description: `SSH from allow-listed ${cidr}`,
            tags: tags(`${hostRole}-ssh-${i}`),
          },
          child,
        ),
    );
    return undefined;
  }
  let endpoint: HostEndpoint;
  if (ssh.existing) {
    endpoint = { arn: ssh.existing.arn, securityGroupId: undefined };
  } else {
    const created = instanceConnectEndpoint(child, name, {
      vpcId: args.vpcId,
      subnetId: on.placement.subnetId,
      target: ssh.endpointTarget ?? ssh.target,
      tags,
    });
    endpoint = {
      arn: created.endpoint.arn,
      securityGroupId: created.securityGroup.id,
    };
  }
  connectEndpointSshRules(child, name, {
    endpointSecurityGroupId: ssh.existing?.securityGroupId ?? endpoint.securityGroupId!,
    targetSecurityGroupId: sg.id,
    target: ssh.target,
    egressRole: ssh.egressRole ?? "eice-to-server",
    ingressRole: ssh.ingressRole ?? "from-eice",
    tags,
  });
  return endpoint;
}

/** The instance role and profile, with the role policy of `statements` when there are any. */
export function instanceProfile(
  name: string,
  spec: NonNullable<HardenedHostArgs["instanceProfile"]>,
  on: {
    readonly child: pulumi.CustomResourceOptions & { readonly parent: pulumi.Resource };
    readonly tags: TagsOf;
  },
): { name: pulumi.Output<string>; roleArn: pulumi.Output<string> } {
  const { role, profile } = instanceRole(name, spec.description, on.tags, on.child);
  if ((spec.statements ?? []).length > 0) {
    new aws.iam.RolePolicy(
      `${name}-role-policy`,
      {
        role: role.id,
        policy: policyDocument([...spec.statements!], { parent: on.child.parent }),
      },
      on.child,
    );
  }
  return { name: profile.name, roleArn: role.arn };
}
