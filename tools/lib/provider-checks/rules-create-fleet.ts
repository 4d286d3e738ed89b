// Limits AWS enforces when the provider creates EC2 fleet resources at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): an Auto Scaling group's desired capacity outside its
// minimum and maximum size, and an EBS volume's size outside the range of its volume type. Each
// rule cites the AWS API reference page that states the limit.
import type { CrossRule } from "./rule";

const GROUP = "aws:autoscaling/group:Group";
const VOLUME = "aws:ebs/volume:Volume";

/**
 * CreateAutoScalingGroup, `DesiredCapacity`: "This number must be greater than or equal to the
 * minimum size of the group and less than or equal to the maximum size of the group. If you do
 * not specify a desired capacity, the default is the minimum size of the group." A minimum over
 * the maximum is thus refused too, through the desired capacity it defaults to.
 */
const CREATE_GROUP =
  "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html";

/**
 * CreateVolume, `Size`: the sizes each volume type supports, in GiB. The EC2 API reference's pages
 * have stated gp3's maximum as 16,384 and, since gp3 volumes grew, as 65,536 (ModifyVolume's
 * `Size`): the larger is taken, so no size a current region accepts is refused.
 */
export const CREATE_VOLUME =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html";
export const VOLUME_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  gp2: [1, 16384],
  gp3: [1, 65536],
  io1: [4, 16384],
  io2: [4, 65536],
  st1: [125, 16384],
  sc1: [125, 16384],
  standard: [1, 1024],
};

export const VOLUME_SIZE_FIX =
  "a size the type supports: gp2 1-16384, gp3 1-65536, io1 4-16384, io2 4-65536, st1 and sc1 " +
  "125-16384, standard 1-1024 GiB";

const desiredWithinSizes: CrossRule = {
  type: GROUP,
  what: "a desired capacity (the minimum size when left out) from the minimum to the maximum size",
  reads: ["minSize", "maxSize", "desiredCapacity"],
  check: (inputs) => {
    const { minSize: min, maxSize: max, desiredCapacity: given } = inputs;
    if (typeof min !== "number" || typeof max !== "number") return [];
    const desired = typeof given === "number" ? given : min;
    if (desired >= min && desired <= max) return [];
    const which = typeof given === "number" ? "desiredCapacity" : "minSize";
    const what =
      typeof given === "number"
        ? `desiredCapacity ${given}`
        : `desiredCapacity (left out: minSize ${min})`;
    return [
      {
        prop: which,
        value: typeof given === "number" ? given : min,
        says: `${what} is not from minSize ${min} to maxSize ${max}`,
      },
    ];
  },
  fix: "minSize at most desiredCapacity (or minSize when it is left out), at most maxSize",
  source: CREATE_GROUP,
  by: "aws",
};

const volumeSize: CrossRule = {
  type: VOLUME,
  what: "a size in the range of the volume type",
  reads: ["size", "type"],
  check: (inputs) => {
    const { size, type } = inputs;
    // A type of no listed name is the provider's own refusal; none given is left alone (the
    // default type is not judged from AWS's pages here).
    const range = typeof type === "string" ? VOLUME_SIZES[type] : undefined;
    if (typeof size !== "number" || !range) return [];
    const [low, high] = range;
    return size < low || size > high
      ? [
          {
            prop: "size",
            value: size,
            says: `${type} volumes take ${low} to ${high} GiB, got ${size}`,
          },
        ]
      : [];
  },
  fix: VOLUME_SIZE_FIX,
  source: CREATE_VOLUME,
  by: "aws",
};

export const CREATE_FLEET_CROSS_RULES: readonly CrossRule[] = [desiredWithinSizes, volumeSize];
