// Limits EC2 enforces when the provider creates instances and security groups at `pulumi up`,
// which the provider's schema passes on (`by: "aws"`): an instance type of the form
// `<family>.<size>` (an RDS or ElastiCache class such as `db.t3.micro` is not one), a volume's size
// in the range of its type on an instance (as for an EBS volume, ./rules-create-fleet.ts), and a
// security group's name and description in the characters CreateSecurityGroup takes. The provider
// checks an instance type not at all and a security group's name and description only for their
// length and the `sg-` prefix (internal/service/ec2/ec2_instance.go, vpc_security_group.go). Each
// rule cites the AWS page that states the limit.
//
// A launch template's instance type and volume sizes are not judged: "Launch template parameters
// are not fully validated when you create the launch template. If you specify incorrect values …,
// instances will fail to launch using this launch template" (Restrictions for Amazon EC2 launch
// templates, launch-template-restrictions.html). CreateLaunchTemplate answers such values with a
// ValidationWarning, which the provider does not act on, so `pulumi up` creates the template; the
// failure comes when an instance or an Auto Scaling group launches from it, a step the check does
// not see (and has no warning of its own for).
import { awsRule, CrossProblem, CrossRule, InputRule } from "./rule";
import { CREATE_VOLUME, VOLUME_SIZE_FIX, VOLUME_SIZES } from "./rules-create-fleet";
import type { Validator } from "./validators";

const INSTANCE = "aws:ec2/instance:Instance";
const SG = "aws:ec2/securityGroup:SecurityGroup";

/**
 * Amazon EC2 instance type naming conventions: an instance type's name is its family, a period,
 * and its size (`c7gn.xlarge`, `u-6tb1.metal`, `c7gn.metal-48xl`); "The instance family is
 * everything before the period (.) in the instance type name". New families and sizes come with
 * new hardware, so only the form is judged, in any case.
 */
const TYPE_NAMES = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html";

/**
 * CreateSecurityGroup, `GroupName` and `GroupDescription`: "Up to 255 characters in length. Valid
 * characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*" (the length and a name's `sg-`
 * are the provider's own checks, at preview).
 */
const CREATE_SG =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html";

const instanceType: Validator = (v, k) => {
  if (typeof v !== "string" || /^[a-z0-9-]+\.[a-z0-9-]+$/i.test(v)) return [];
  const other = /^(db|cache)\./i.test(v)
    ? ` (${v.split(".")[0]}. is an RDS or ElastiCache class)`
    : "";
  return [`${k} ${JSON.stringify(v)} is not an EC2 instance type <family>.<size>${other}`];
};

const INSTANCE_TYPE_FIX =
  "an EC2 instance type such as t3.micro or m7g.large (aws.ec2.InstanceType lists them)";

/** Characters CreateSecurityGroup does not take in a name or description. */
function groupText(what: string): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const bad = [
      ...new Set([...v].filter((c) => !/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/.test(c))),
    ];
    return bad.length > 0
      ? [
          `${k} holds ${bad.map((c) => JSON.stringify(c)).join(", ")}: a security group's ${what} ` +
            "takes letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only",
        ]
      : [];
  };
}

/** The problem of one volume's size for its type, if both are known and the type is listed. */
function volumeProblem(prop: string, volume: unknown): CrossProblem | undefined {
  const { volumeSize: size, volumeType: type } = (volume ?? {}) as Record<string, unknown>;
  const range = typeof type === "string" ? VOLUME_SIZES[type] : undefined;
  if (typeof size !== "number" || !range) return undefined;
  const [low, high] = range;
  return size < low || size > high
    ? { prop, value: size, says: `${type} volumes take ${low} to ${high} GiB, got ${size}` }
    : undefined;
}

/**
 * An instance's root volume and EBS volumes: each given a type and a size is judged as CreateVolume
 * judges a volume of that type (a volume without a type takes the image's, not judged; nor is a
 * size against a snapshot's).
 */
const instanceVolumes: CrossRule = {
  type: INSTANCE,
  what: "each volume's size in the range of its type",
  reads: ["rootBlockDevice", "ebsBlockDevices"],
  check: (inputs) => {
    const ebs: unknown[] = Array.isArray(inputs.ebsBlockDevices) ? inputs.ebsBlockDevices : [];
    return [
      volumeProblem("rootBlockDevice.volumeSize", inputs.rootBlockDevice),
      ...ebs.map((d, i) => volumeProblem(`ebsBlockDevices[${i}].volumeSize`, d)),
    ].filter((p): p is CrossProblem => p !== undefined);
  },
  fix: VOLUME_SIZE_FIX,
  source: CREATE_VOLUME,
  by: "aws",
};

export const CREATE_EC2_RULES: readonly InputRule[] = [
  awsRule(INSTANCE, "instanceType", "instance_type", instanceType, INSTANCE_TYPE_FIX, TYPE_NAMES),
  awsRule(
    SG,
    "name",
    "name",
    groupText("name"),
    "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only (a logical name Pulumi turns into " +
      "the name too): no apostrophes, quotes or accented letters",
    CREATE_SG,
  ),
  // The provider makes the name from the prefix and a suffix of digits and hex letters
  // (id.PrefixedUniqueId), so the prefix's characters are the name's.
  awsRule(
    SG,
    "namePrefix",
    "name_prefix",
    groupText("name"),
    "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only: no apostrophes, quotes or accented " +
      "letters",
    CREATE_SG,
  ),
  awsRule(
    SG,
    "description",
    "description",
    groupText("description"),
    "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only: no apostrophes, quotes, question " +
      "marks or accented letters",
    CREATE_SG,
  ),
];

export const CREATE_EC2_CROSS_RULES: readonly CrossRule[] = [instanceVolumes];
