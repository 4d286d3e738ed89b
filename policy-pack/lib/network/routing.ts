// The routing half of the network model: subnets, what is placed in them, route tables, routes
// and associations (which route table(s) a subnet uses by AWS's rules: ./subnet-routing.ts). Built once per stack in
// passes linear in the number of resources.
//
// Resources are correlated the way the engine allows. During `pulumi preview` the ids of resources
// being created are unknown, so a reference such as a RouteTableAssociation's `subnetId` is found
// through its property dependencies (the URNs the value was built from, per top-level property: a
// subnet list nested in an ECS service shows up under `networkConfiguration`). Literal ids (an
// existing subnet given by id) are matched as well. A reference that is unknown and has no property
// dependency is never treated as absent: it is recorded as unresolved, and the policies turn it
// into the engine's "can't run during preview" note.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { literalId, perStack, Ref, resolveRef } from "../references";
import { collect, stringProp } from "../values";
import { RouteEntry, RouteReader, TableNode } from "./routes";
import {
  EC2_DEFAULT_ROUTE_TABLE,
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SUBNET,
  EC2_VPC,
  EC2_VPN_GATEWAY_ROUTE_PROPAGATION,
} from "../types";
import { PLACEMENTS } from "./placements";
import { subnetRouting } from "./subnet-routing";

export { PLACEMENT_TYPES } from "./placements";

export interface SubnetNode {
  readonly key: string;
  readonly label: string;
  /** The Subnet resource; absent for a subnet referenced only by literal id. */
  readonly resource?: PolicyResource;
  /** Compute (or data services) placed in this subnet. */
  readonly placements: Set<PolicyResource>;
  /** Route table associations naming this subnet. */
  readonly associations: AssociationEdge[];
}

interface AssociationEdge {
  readonly resource: PolicyResource;
  readonly tables: TableNode[];
  readonly unresolved: boolean;
}

export interface MainEdge {
  readonly resource: PolicyResource;
  readonly tables: readonly TableNode[];
  readonly unresolved: boolean;
}

/** A subnet's route table(s), as far as the stack tells. */
export interface SubnetRouting {
  readonly tables: { readonly table: TableNode; readonly via: string }[];
  /** Why the routing cannot be known until apply (unknown references). */
  readonly unknown: string[];
  /** Why the routing cannot be verified from this stack at all (tables or VPCs it does not manage). */
  readonly unverifiable: string[];
}

export class NetworkGraph {
  /** The graph of a stack, built once per stack evaluation. */
  static readonly of = perStack((index) => new NetworkGraph(index));

  readonly subnets: SubnetNode[] = [];
  /** Placements whose subnets cannot be resolved (unknown and no property dependency). */
  readonly unresolvedPlacements: PolicyResource[] = [];
  /** Associations whose subnet cannot be resolved: any subnet without an explicit one might be theirs. */
  readonly floatingAssociations: PolicyResource[] = [];
  /** Routes whose route table cannot be resolved. */
  readonly floatingRoutes: RouteEntry[] = [];

  private readonly subnetByKey = new Map<string, SubnetNode>();
  private readonly subnetById = new Map<string, SubnetNode>();
  private readonly vpcById = new Map<string, PolicyResource>();
  private readonly tables: TableNode[] = [];
  /** Route table node by the URN of the resource managing it (RouteTable, DefaultRouteTable, VPC). */
  private readonly tableByUrn = new Map<string, TableNode>();
  private readonly tableById = new Map<string, TableNode>();
  /** VPC key (URN or `id:vpc-…`) → main route table association. */
  private readonly mainByVpc = new Map<string, MainEdge>();
  /** Main route table associations whose VPC cannot be resolved. */
  private readonly floatingMainList: PolicyResource[] = [];
  /** VPC key → that VPC's original main route table (managed by a DefaultRouteTable or implicit). */
  private readonly originalMainByVpc = new Map<string, TableNode>();
  private readonly routeReader: RouteReader;

  private constructor(index: StackIndex) {
    this.routeReader = new RouteReader(index);
    // VPCs, by their ids and the ids of their original main route table.
    for (const v of index.ofType(EC2_VPC)) {
      const id = literalId(v);
      if (id) this.vpcById.set(id, v);
      for (const prop of ["mainRouteTableId", "defaultRouteTableId"]) {
        const rtb = stringProp(v.props, prop);
        if (rtb) this.tableById.set(rtb, this.originalMain(v.urn, v));
      }
    }
    // Route tables.
    for (const rt of index.ofType(EC2_ROUTE_TABLE)) {
      const node = this.newTable("custom", `route table "${rt.name}"`, rt, [rt]);
      this.tableByUrn.set(rt.urn, node);
      const id = literalId(rt);
      if (id) this.tableById.set(id, node);
    }
    // DefaultRouteTable manages a VPC's original main route table.
    for (const drt of index.ofType(EC2_DEFAULT_ROUTE_TABLE)) {
      const ref = resolveRef(drt, ["defaultRouteTableId"], [EC2_VPC]);
      let node: TableNode | undefined;
      for (const vpc of ref.resources) node = this.originalMain(vpc.urn, vpc);
      const literal = ref.literals[0] ?? literalId(drt);
      if (!node && literal) node = this.tableById.get(literal);
      if (!node) {
        const vpcId = stringProp(drt.props, "vpcId");
        node = vpcId ? this.originalMain(this.vpcKeyOfId(vpcId)) : undefined;
      }
      node ??= this.newTable("custom", "", drt, []);
      this.tableByUrn.set(drt.urn, node);
      node.kind = "custom";
      node.resource = drt;
      node.label = `default route table "${drt.name}"`;
      node.carriers.unshift(drt);
      if (literal) this.tableById.set(literal, node);
    }
    // Inline routes and route propagation.
    for (const node of this.tables) {
      if (!node.resource) continue;
      const r = node.resource;
      const routes = collect(r.props, ["routes", "*"]);
      routes.values.forEach((route) =>
        node.routes.push(this.routeReader.inlineRoute(node, r, route)),
      );
      if (routes.unknown) {
        node.routes.push({
          table: node,
          resource: r,
          inline: true,
          destination: {
            known: false,
            why: `the inline routes of ${node.label} are unknown until apply`,
          },
          target: { kind: "unknown target" },
        });
      }
      const vgws = collect(r.props, ["propagatingVgws", "*"]);
      if (vgws.values.length || vgws.unknown) {
        node.propagation.push(`${node.label} propagates routes from virtual private gateway(s)`);
      }
    }
    for (const p of index.ofType(EC2_VPN_GATEWAY_ROUTE_PROPAGATION)) {
      const { tables } = this.tablesOf(p, ["routeTableId"]);
      for (const t of tables)
        t.propagation.push(
          `${t.label} propagates routes from a virtual private gateway ("${p.name}")`,
        );
    }
    // Route resources.
    for (const r of index.ofType(EC2_ROUTE)) {
      const { tables, unresolved } = this.tablesOf(r, ["routeTableId"]);
      for (const t of tables) t.routes.push(this.routeReader.routeResource(t, r));
      if (unresolved) {
        const orphan: TableNode = {
          label: "an unknown route table",
          kind: "external",
          carriers: [],
          routes: [],
          propagation: [],
        };
        this.floatingRoutes.push(this.routeReader.routeResource(orphan, r));
      }
    }
    // Subnets.
    for (const s of index.ofType(EC2_SUBNET)) {
      const node: SubnetNode = {
        key: s.urn,
        label: `subnet "${s.name}"`,
        resource: s,
        placements: new Set(),
        associations: [],
      };
      this.subnets.push(node);
      this.subnetByKey.set(node.key, node);
      const id = literalId(s);
      if (id) this.subnetById.set(id, node);
    }
    // Explicit associations (a gateway association has no subnet and is not about subnets).
    for (const a of index.ofType(EC2_ROUTE_TABLE_ASSOCIATION)) {
      const subnets = resolveRef(a, ["subnetId"], [EC2_SUBNET]);
      if (!subnets.set && !subnets.unresolved) continue;
      const { tables, unresolved } = this.tablesOf(a, ["routeTableId"]);
      const edge: AssociationEdge = { resource: a, tables, unresolved };
      const nodes = this.subnetsOf(subnets);
      nodes.forEach((n) => n.associations.push(edge));
      if (subnets.unresolved) this.floatingAssociations.push(a);
    }
    // Main route table associations.
    for (const m of index.ofType(EC2_MAIN_ROUTE_TABLE_ASSOCIATION)) {
      const vpcs = resolveRef(m, ["vpcId"], [EC2_VPC]);
      const { tables, unresolved } = this.tablesOf(m, ["routeTableId"]);
      const edge: MainEdge = { resource: m, tables, unresolved };
      for (const v of vpcs.resources) this.mainByVpc.set(v.urn, edge);
      for (const id of vpcs.literals) this.mainByVpc.set(this.vpcKeyOfId(id), edge);
      if (vpcs.unresolved) this.floatingMainList.push(m);
    }
    // Compute placements.
    for (const { type, paths } of PLACEMENTS) {
      for (const r of index.ofType(type)) {
        for (const path of paths) {
          const ref = resolveRef(r, path, [EC2_SUBNET]);
          for (const n of this.subnetsOf(ref)) n.placements.add(r);
          if (ref.unresolved) this.unresolvedPlacements.push(r);
        }
      }
    }
  }

  /**
   * Subnet nodes for a resolved reference. While the graph is built, literal ids not in the stack
   * get their own node (an existing subnet); afterwards lookups never add nodes.
   */
  private subnetsOf(ref: Ref, create = true): SubnetNode[] {
    const out: SubnetNode[] = [];
    for (const s of ref.resources) {
      const n = this.subnetByKey.get(s.urn);
      if (n) out.push(n);
    }
    for (const id of ref.literals) {
      let n = this.subnetById.get(id);
      if (!n && !create) continue;
      if (!n) {
        n = { key: `id:${id}`, label: `subnet ${id}`, placements: new Set(), associations: [] };
        this.subnetById.set(id, n);
        this.subnetByKey.set(n.key, n);
        this.subnets.push(n);
      }
      out.push(n);
    }
    return out;
  }

  /** The route table a RouteTable or DefaultRouteTable resource manages. */
  table(r: PolicyResource): TableNode | undefined {
    return this.tableByUrn.get(r.urn);
  }

  /** The subnet node of a Subnet resource. */
  subnet(r: PolicyResource): SubnetNode | undefined {
    return this.subnetByKey.get(r.urn);
  }

  /** Subnets referenced at `path` of a resource (e.g. an instance's `subnetId`). */
  subnetsAt(
    r: PolicyResource,
    path: readonly string[],
  ): { subnets: SubnetNode[]; unresolved: boolean } {
    const ref = resolveRef(r, path, [EC2_SUBNET]);
    return { subnets: this.subnetsOf(ref, false), unresolved: ref.unresolved };
  }

  /** The route table(s) a subnet uses, following AWS's rules (see subnetRouting). */
  routing(s: SubnetNode): SubnetRouting {
    return subnetRouting(this, s);
  }

  /** The main route table association of a VPC (by URN or `id:vpc-…`), if the stack has one. */
  /** Main route table associations whose VPC is unknown until apply. */
  get floatingMain(): readonly PolicyResource[] {
    return this.floatingMainList;
  }

  mainAssociation(vpcKey: string): MainEdge | undefined {
    return this.mainByVpc.get(vpcKey);
  }

  /**
   * The original main route table of a VPC: created on first use for a VPC of this stack (its id
   * may be unknown at preview), else only one the stack already knows.
   */
  originalMainTable(vpcKey: string, vpc?: PolicyResource): TableNode | undefined {
    return vpc ? this.originalMain(vpcKey, vpc) : this.originalMainByVpc.get(vpcKey);
  }

  /**
   * Routes added to route tables this stack knows by id only (another stack's, or a remote
   * component's such as an awsx Vpc's, looked up with `getRouteTable`): the subnets those tables
   * serve are not in this stack.
   */
  externalRoutes(): RouteEntry[] {
    return this.tables.filter((t) => t.kind === "external").flatMap((t) => t.routes);
  }

  /** Route tables referenced at `path` of a resource (a route, an association). */
  tablesOf(
    r: PolicyResource,
    path: readonly string[],
  ): { tables: TableNode[]; unresolved: boolean } {
    const ref = resolveRef(r, path, [EC2_ROUTE_TABLE, EC2_DEFAULT_ROUTE_TABLE, EC2_VPC]);
    const tables: TableNode[] = [];
    for (const d of ref.resources) {
      // A reference to a VPC is `vpc.mainRouteTableId` / `vpc.defaultRouteTableId`: its original main table.
      const t = d.type === EC2_VPC ? this.originalMain(d.urn, d) : this.tableByUrn.get(d.urn);
      if (t && !tables.includes(t)) tables.push(t);
    }
    for (const id of ref.literals) {
      let t = this.tableById.get(id);
      if (!t) {
        t = this.newTable("external", `route table ${id}`, undefined, []);
        this.tableById.set(id, t);
      }
      if (!tables.includes(t)) tables.push(t);
    }
    return { tables, unresolved: ref.unresolved };
  }

  /** A VPC's key: the URN of the stack's VPC with that id, else `id:vpc-…`. */
  vpcKeyOfId(id: string): string {
    return this.vpcById.get(id)?.urn ?? `id:${id}`;
  }

  /** A VPC's original main route table (created by AWS with the VPC). */
  private originalMain(vpcKey: string, vpc?: PolicyResource): TableNode {
    let t = this.originalMainByVpc.get(vpcKey);
    if (!t) {
      // VPC docs: a new VPC's main route table has only the local route; anything else in it comes
      // from this stack (a DefaultRouteTable, or Routes on `vpc.mainRouteTableId`).
      t = vpc
        ? this.newTable("main", `the main route table of VPC "${vpc.name}"`, undefined, [vpc])
        : this.newTable(
            "external",
            `the main route table of VPC ${vpcKey.replace(/^id:/, "")}`,
            undefined,
            [],
          );
      this.originalMainByVpc.set(vpcKey, t);
    }
    return t;
  }

  private newTable(
    kind: TableNode["kind"],
    lbl: string,
    resource: PolicyResource | undefined,
    carriers: PolicyResource[],
  ): TableNode {
    const t: TableNode = { label: lbl, kind, resource, carriers, routes: [], propagation: [] };
    this.tables.push(t);
    return t;
  }
}
