// Customer-managed prefix lists as the network model reads them: which of the stack's lists a
// route destination or a security-group source names, and which of their entries reach the
// internet. A list is a set of CIDRs that a route or a security-group rule names in one reference
// (VPC User Guide, "Group CIDR blocks using managed prefix lists": a rule that references a list
// applies to every entry). Only the stack's own lists are read (aws.ec2.ManagedPrefixList, and
// aws-native:ec2:PrefixList as its twin). An id no list of the stack carries is not read as the
// internet: right for AWS-managed lists (S3, DynamoDB, CloudFront origin-facing), which hold
// service ranges only; a limitation for another stack's list, one shared through AWS RAM or one
// looked up by a data source, which may hold 0.0.0.0/0 unseen (docs/decisions/network.md).
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { byLiteralId, perStack } from "../references";
import { collect, get } from "../values";
import { isInternetWide } from "./ports";
import {
  EC2_MANAGED_PREFIX_LIST,
  EC2_MANAGED_PREFIX_LIST_ENTRY,
  EC2_SUBNET,
  EC2_VPC,
  SECURITY_GROUP_TYPES,
} from "../types";

/**
 * Types none of whose outputs is a prefix-list id, so a dependency of one of them cannot be the id
 * a rule names: a VPC (a rule's `cidrBlocks: [vpc.cidrBlock]` beside the list), a subnet, or a
 * security group (the one other reference an inline rule holds). pulumi/pulumi-aws
 * sdk/nodejs/ec2/vpc.ts and subnet.ts declare no prefix-list output; resources that do supply
 * one (aws.ec2.ManagedPrefixList `id`, aws.ec2.VpcEndpoint `prefixListId`: "The prefix list ID of
 * the exposed AWS service", a Gateway endpoint's AWS-managed list; a StackReference; a component
 * or dynamic resource) are absent, and any type not listed here is taken to be able to.
 * aws-native's VPCs, subnets and groups are read as these classic twins.
 */
const NO_PREFIX_LIST_ID: ReadonlySet<string> = new Set([
  EC2_VPC,
  EC2_SUBNET,
  ...SECURITY_GROUP_TYPES,
]);

/** The stack's prefix lists a reference names, and whether part of it could not be told. */
export interface NamedLists {
  readonly lists: PolicyResource[];
  /**
   * Some value is unknown at preview and several lists of the stack could be it, one of them
   * reaching the internet (which one the rule names is known at apply).
   */
  readonly ambiguous: boolean;
}

/** The stack's customer-managed prefix lists, their entries read once per stack. */
export class PrefixLists {
  /** The lists of a stack, built once per stack evaluation. */
  static readonly of = perStack((index) => new PrefixLists(index));

  private readonly byId: Map<string, PolicyResource>;
  private readonly wide = new Map<string, string[] | undefined>();

  private constructor(private readonly index: StackIndex) {
    const all = index.ofType(EC2_MANAGED_PREFIX_LIST);
    this.byId = byLiteralId(all);
    // Once created, a list is known by its ARN too, whose resource part is `prefix-list/<id>`
    // (Service Authorization Reference, Amazon EC2 resource types: prefix-list).
    for (const l of all) {
      const arn = get(l.props, "arn");
      const id =
        arn.known && typeof arn.value === "string"
          ? /:prefix-list\/(pl-[\w]+)$/.exec(arn.value)?.[1]
          : undefined;
      if (id && !this.byId.has(id)) this.byId.set(id, l);
    }
  }

  /** The stack's list whose literal id is `id`, if any. */
  withId(id: string): PolicyResource | undefined {
    return this.byId.get(id);
  }

  /**
   * The entries of `list` that reach the internet (isInternetWide: 0.0.0.0/0, ::/0 or broader
   * than AWS's public limit), from its inline `entries` and its aws.ec2.ManagedPrefixListEntry
   * resources; undefined when none is known to and some entry is unknown until apply.
   */
  internetWide(list: PolicyResource): string[] | undefined {
    if (this.wide.has(list.urn)) return this.wide.get(list.urn);
    const inline = collect(list.props, ["entries", "*", "cidr"]);
    let unknown = inline.unknown > 0;
    const found = inline.values.filter(
      (c): c is string => typeof c === "string" && isInternetWide(c),
    );
    for (const e of this.index.referrers(list, "prefixListId", EC2_MANAGED_PREFIX_LIST_ENTRY)) {
      const c = get(e.props, "cidr");
      if (!c.known) unknown = true;
      else if (typeof c.value === "string" && isInternetWide(c.value)) found.push(c.value);
    }
    const result = found.length ? [...new Set(found)] : unknown ? undefined : [];
    this.wide.set(list.urn, result);
    return result;
  }

  /**
   * The stack's lists that one rule's prefix-list `ids` name (`unknownIds` of them unknown at
   * preview). A literal id is matched to the list that carries it and decides alone: the property
   * dependencies of the input say which resources a value was built from, not which one it is.
   * An unknown id is one of the lists among `deps` (the dependencies of the input that holds it)
   * when every dependency is a list or cannot supply a prefix-list id (NO_PREFIX_LIST_ID) and
   * either `sole` (no other rule's ids share that input: a rule resource's own `prefixListIds`, or
   * the only inline rule of a group's `ingress`/`egress` with an unknown id) with the lists no more
   * than the unknown ids, or every candidate list reaches the internet (whichever the id is, the
   * rule does: all of them are returned). Otherwise it could be an AWS-managed list (a gateway
   * endpoint's `prefixListId`) or another rule's: when one of the candidate lists may reach the
   * internet, which list the rule names is known at apply only (`ambiguous`).
   */
  named(
    ids: readonly unknown[],
    unknownIds: number,
    deps: readonly PolicyResource[],
    sole: boolean,
  ): NamedLists {
    const lists = new Set<PolicyResource>();
    for (const id of ids) {
      const l = typeof id === "string" ? this.byId.get(id) : undefined;
      if (l) lists.add(l);
    }
    let ambiguous = false;
    const candidates = [...new Set(deps.filter((d) => d.type === EC2_MANAGED_PREFIX_LIST))];
    if (unknownIds > 0 && candidates.length) {
      const onlyLists = deps.every(
        (d) => d.type === EC2_MANAGED_PREFIX_LIST || NO_PREFIX_LIST_ID.has(d.type),
      );
      const allWide = () => candidates.every((c) => (this.internetWide(c)?.length ?? 0) > 0);
      if (onlyLists && ((sole && candidates.length <= unknownIds) || allWide()))
        candidates.forEach((c) => lists.add(c));
      else ambiguous = candidates.some((c) => this.internetWide(c)?.length !== 0);
    }
    return { lists: [...lists], ambiguous };
  }
}
