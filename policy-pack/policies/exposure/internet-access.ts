// Workloads a flag puts on the internet, beside the compute of ./compute.ts: EMR's regional block
// of public security-group rules, end-user compute (AppStream fleets and image builders,
// WorkSpaces) that a service setting gives a public IP address, and Elastic Disaster Recovery's
// replicated servers. Each flag is judged as written:
// where AWS's default when it is left out is not documented, nothing is reported for it.
import { resourcePolicy } from "../../lib/define";
import {
  APPSTREAM_FLEET,
  APPSTREAM_IMAGE_BUILDER,
  DRS_REPLICATION_CONFIGURATION_TEMPLATE,
  EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION,
  WORKSPACES_DIRECTORY,
} from "../../lib/types";
import {
  NATIVE_APPSTREAM_FLEET,
  NATIVE_APPSTREAM_IMAGE_BUILDER,
  NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE,
} from "../../lib/native/types";
import { asList, must, flagOn } from "../../lib/values";
import { awsDocs, fsbp } from "../../lib/controls";

/** The one port EMR.2 lets a cluster's security groups open to the internet (SSH). */
const SSH = 22;

export const emrBlockPublicAccessEnabled = resourcePolicy({
  name: "emr-block-public-access-enabled",
  description:
    "A stack that manages the region's EMR block public access keeps it on " +
    "(blockPublicSecurityGroupRules: true) and permits no port but 22: otherwise EMR launches " +
    "clusters whose security groups accept traffic from 0.0.0.0/0 or ::/0 on other ports.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `blockPublicSecurityGroupRules: true` and leave `permittedPublicSecurityGroupRuleRanges` " +
    "out or at `[{ minRange: 22, maxRange: 22 }]`; reach clusters through SSM or a bastion.",
  references: [
    // EMR.2: "fails if the block public access setting isn't enabled or if any port other than
    // port 22 is allowed".
    fsbp("EMR.2"),
    // "By default, Port 22 ... is in the list of PermittedPublicSecurityGroupRuleRanges."
    awsDocs("emr/latest/ManagementGuide/emr-block-public-access"),
    awsDocs("emr/latest/APIReference/API_BlockPublicAccessConfiguration"),
  ],
  types: [EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION],
  check: (props, ctx) => {
    const on = must(() => props.blockPublicSecurityGroupRules, "blockPublicSecurityGroupRules");
    if (!flagOn(on)) {
      ctx.report(
        "blockPublicSecurityGroupRules is false: EMR launches clusters whose security groups " +
          "accept traffic from the internet on any port.",
      );
      return;
    }
    const ranges = asList(props.permittedPublicSecurityGroupRuleRanges).map((r: any, k) => {
      const min = Number(must(() => r?.minRange, `minRange of permitted range #${k + 1}`));
      const max = Number(must(() => r?.maxRange, `maxRange of permitted range #${k + 1}`));
      return { min, max };
    });
    const wide = ranges.filter((r) => r.min !== SSH || r.max !== SSH);
    if (wide.length)
      ctx.report(
        `permittedPublicSecurityGroupRuleRanges lets clusters open port(s) ` +
          `${wide.map((r) => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`)).join(", ")} ` +
          "to the internet: only 22 is allowed.",
      );
  },
});

export const appstreamNoDefaultInternetAccess = resourcePolicy({
  name: "appstream-no-default-internet-access",
  description:
    "AppStream 2.0 fleets and image builders do not enable default internet access: it gives " +
    "each streaming instance a public IP address in a public subnet, so users' sessions reach " +
    "the internet past the VPC's routes, and the instances are addressable from it.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `enableDefaultInternetAccess: false` and place the fleet or image builder in private " +
    "subnets (`vpcConfig`), reaching the internet, where needed, through a NAT gateway.",
  references: [
    // Prowler: appstream_fleet_default_internet_access_disabled. AWS recommends private subnets
    // with a NAT gateway ("Internet Access"); Default Internet Access needs a public subnet.
    awsDocs("appstream2/latest/developerguide/internet-access"),
    awsDocs("appstream2/latest/APIReference/API_CreateFleet"),
  ],
  types: [
    APPSTREAM_FLEET,
    APPSTREAM_IMAGE_BUILDER,
    NATIVE_APPSTREAM_FLEET,
    NATIVE_APPSTREAM_IMAGE_BUILDER,
  ],
  // The API documents no default for EnableDefaultInternetAccess (the console leaves it
  // unchecked): only an explicit true is reported.
  check: (props, ctx) => {
    const v = must(() => props.enableDefaultInternetAccess, "enableDefaultInternetAccess");
    if (flagOn(v))
      ctx.report(
        "enableDefaultInternetAccess is true: streaming instances get public IP addresses.",
      );
  },
});

export const workspacesDirectoryNoInternetAccess = resourcePolicy({
  name: "workspaces-directory-no-internet-access",
  description:
    "WorkSpaces directories do not give new WorkSpaces an Elastic public IP address " +
    "(workspaceCreationProperties.enableInternetAccess): reach the internet, where needed, " +
    "through a NAT gateway of the VPC.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `workspaceCreationProperties.enableInternetAccess: false` and give the directory's " +
    "private subnets a NAT route if the desktops need the internet.",
  references: [
    // DefaultWorkspaceCreationProperties.EnableInternetAccess: "Specifies whether to
    // automatically assign an Elastic public IP address to WorkSpaces in this directory by
    // default ... If you're using a NAT gateway ... you should disable this setting."
    awsDocs("workspaces/latest/api/API_DefaultWorkspaceCreationProperties"),
  ],
  types: [WORKSPACES_DIRECTORY],
  // AWS documents no default for the flag: only an explicit true is reported.
  check: (props, ctx) => {
    const v = must(
      () => props.workspaceCreationProperties?.enableInternetAccess,
      "workspaceCreationProperties.enableInternetAccess",
    );
    if (flagOn(v))
      ctx.report(
        "workspaceCreationProperties.enableInternetAccess is true: new WorkSpaces get an " +
          "Elastic public IP address.",
      );
  },
});

export const drsReplicationNoPublicIp = resourcePolicy({
  name: "drs-replication-no-public-ip",
  description:
    "Elastic Disaster Recovery replication configuration templates do not create public IP " +
    "addresses (createPublicIp): the instances DRS launches from the template hold the " +
    "replicated servers' disks, and a public IP puts them on the internet, guarded only by " +
    "their security groups.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `createPublicIp: false` and `dataPlaneRouting: "PRIVATE_IP"`, and reach the staging ' +
    "subnet over VPN or Direct Connect (or a VPC endpoint for DRS).",
  references: [
    // ReplicationConfigurationTemplate, createPublicIP: "Whether to create a Public IP for the
    // Recovery Instance by default."
    awsDocs("drs/latest/APIReference/API_ReplicationConfigurationTemplate"),
  ],
  types: [DRS_REPLICATION_CONFIGURATION_TEMPLATE, NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE],
  // The provider requires the flag, so it is always written out.
  check: (props, ctx) => {
    const v = must(() => props.createPublicIp, "createPublicIp");
    if (flagOn(v))
      ctx.report(
        "createPublicIp is true: DRS gives the instances it launches public IP addresses.",
      );
  },
});
