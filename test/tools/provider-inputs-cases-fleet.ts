// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the create-time limits of rules-create-fleet.ts (an Auto Scaling
// group's desired capacity between its sizes, an EBS volume's size for its type).
import type { Case } from "./provider-inputs-cases";

export const AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
export const VOLUME = "aws:ebs/volume:Volume";

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const FLEET_COMPLIANT: Record<string, Record<string, unknown>> = {
  [AUTO_SCALING_GROUP]: { minSize: 1, maxSize: 3, desiredCapacity: 3 },
  [VOLUME]: { availabilityZone: "us-east-1a", type: "gp3", size: 65536 },
};

export const FLEET_BROKEN: Case[] = [
  [
    AUTO_SCALING_GROUP,
    "desiredCapacity",
    4,
    "desiredCapacity 4 is not from minSize 1 to maxSize 3",
  ],
  [AUTO_SCALING_GROUP, "desiredCapacity", 0, "desiredCapacity 0 is not from minSize 1"],
  [
    AUTO_SCALING_GROUP,
    "minSize",
    4,
    "desiredCapacity (left out: minSize 4) is not from minSize 4 to maxSize 3",
    { desiredCapacity: undefined },
  ],
  [VOLUME, "size", 65537, "gp3 volumes take 1 to 65536 GiB, got 65537"],
  [
    VOLUME,
    "size",
    16385,
    "gp2 volumes take 1 to 16384 GiB, got 16385",
    { type: "gp2", size: 16384 },
  ],
  [VOLUME, "size", 3, "io1 volumes take 4 to 16384 GiB, got 3", { type: "io1", size: 4 }],
  [VOLUME, "size", 124, "st1 volumes take 125 to 16384 GiB", { type: "st1", size: 125 }],
  [VOLUME, "size", 1025, "standard volumes take 1 to 1024 GiB", { type: "standard", size: 1024 }],
];
