// A subnet whose IPv4 block lies outside its VPC's blocks: AWS refuses it when the provider creates
// the subnet at `pulumi up` (`by: "aws"`). CreateSubnet: "The size of the subnet's IPv4 CIDR block
// can be the same as a VPC's IPv4 CIDR block, or a subset of a VPC's IPv4 CIDR block"; a VPC's
// blocks are its primary one and the secondary ones associated with it
// (aws.ec2.VpcIpv4CidrBlockAssociation). The provider's schema cannot see the VPC, so the check
// looks across the stack's resources: a subnet is judged only when its VPC is one the stack
// creates, the subnet's `vpcId` names it (known: in the apply phase, where a VPC's id is), and
// every block of that VPC is known. A VPC the stack reads or does not declare is not judged.
import type { EngineResource } from "../engine/monitor";
import { containsUnknown, isSecret, plainValue } from "../engine/wire";
import { Cidr, contains, format, parseCidr } from "../../../components/cidr";
import type { Refusal } from "./refusal";

const VPC = "aws:ec2/vpc:Vpc";
const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
const SUBNET = "aws:ec2/subnet:Subnet";

const CREATE_SUBNET =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html";

/** A known IPv4 block, or undefined (unknown, absent or not a block). */
function block(v: unknown): Cidr | undefined {
  if (typeof v !== "string" || containsUnknown(v)) return undefined;
  const c = parseCidr(v);
  return typeof c === "string" ? undefined : c;
}

/** A known, non-empty string id. */
function known(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !containsUnknown(v) ? v : undefined;
}

/** Each VPC the run creates, by its id: its blocks, or undefined when one is not known. */
function vpcBlocks(resources: readonly EngineResource[]): Map<string, Cidr[] | undefined> {
  const out = new Map<string, Cidr[] | undefined>();
  for (const r of resources) {
    if (r.type !== VPC || !r.custom || r.external) continue;
    const id = known(plainValue(r.outputs).id);
    if (!id) continue;
    // A secret block is not judged: the refusal would write it out.
    if (isSecret((r.inputs as Record<string, unknown>).cidrBlock)) continue;
    const inputs = plainValue(r.inputs) as Record<string, unknown>;
    const primary = block(inputs.cidrBlock) ?? block(plainValue(r.outputs).cidrBlock);
    out.set(id, primary ? [primary] : undefined);
  }
  for (const r of resources) {
    if (r.type !== ASSOCIATION || !r.custom) continue;
    const inputs = plainValue(r.inputs) as Record<string, unknown>;
    const vpcId = known(inputs.vpcId);
    if (!vpcId || !out.has(vpcId)) continue;
    const secondary = block(inputs.cidrBlock) ?? block(plainValue(r.outputs).cidrBlock);
    const blocks = out.get(vpcId);
    out.set(vpcId, secondary && blocks ? [...blocks, secondary] : undefined);
  }
  return out;
}

/** The subnets of one run whose block no block of their VPC holds. */
export function subnetsOutsideVpc(resources: readonly EngineResource[]): Refusal[] {
  const vpcs = vpcBlocks(resources);
  const out: Refusal[] = [];
  for (const r of resources) {
    if (r.type !== SUBNET || !r.custom || r.external) continue;
    const inputs = plainValue(r.inputs) as Record<string, unknown>;
    const vpcId = known(inputs.vpcId);
    const own = block(inputs.cidrBlock);
    const blocks = vpcId ? vpcs.get(vpcId) : undefined;
    if (!own || !blocks || blocks.some((b) => contains(b, own))) continue;
    const names = blocks.map(format).join(", ");
    // A block from a secret is not written out, as the other refusals hide one.
    const shown = isSecret((r.inputs as Record<string, unknown>).cidrBlock)
      ? "[secret]"
      : String(inputs.cidrBlock);
    out.push({
      resource: r,
      prop: "cidrBlock",
      value: shown,
      says: [
        `CidrBlock ${shown} is not inside the VPC's IPv4 block${blocks.length > 1 ? "s" : ""} (${names}): a subnet's block is the VPC's or a part of it`,
      ],
      fix:
        "a block inside the VPC's cidrBlock (or a secondary block associated with the VPC), " +
        "e.g. derived from the VPC's range rather than written apart from it",
      source: CREATE_SUBNET,
      by: "aws",
      autoNamed: false,
    });
  }
  return out;
}
