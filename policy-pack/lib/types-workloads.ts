// Resource type tokens of workloads judged for how they reach and are reached from the internet
// (Spot fleet requests, EC2 Fleets, EMR block public access, AppStream, WorkSpaces, the ECS tasks
// EventBridge rules launch, Transfer Family servers), apart from ./types.ts to keep each file short.
// Re-exported by ./types.ts: import them from there.

export const EC2_FLEET = "aws:ec2/fleet:Fleet";
export const EC2_SPOT_FLEET_REQUEST = "aws:ec2/spotFleetRequest:SpotFleetRequest";

export const APPSTREAM_FLEET = "aws:appstream/fleet:Fleet";
export const APPSTREAM_IMAGE_BUILDER = "aws:appstream/imageBuilder:ImageBuilder";

export const EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION =
  "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration";

export const WORKSPACES_DIRECTORY = "aws:workspaces/directory:Directory";

export const CLOUDWATCH_EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
export const TRANSFER_SERVER = "aws:transfer/server:Server";
export const EC2_DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
export * from "./types-placements";
