// Which route table(s) a subnet uses, by AWS's rules (VPC User Guide, "Subnet route tables": each
// subnet is associated with exactly one route table at a time; one without an explicit
// association uses its VPC's main route table), read from the stack's network graph.
import type { NetworkGraph, SubnetNode, SubnetRouting } from "./routing";
import type { TableNode } from "./routes";
import { names } from "./labels";
import { resolveRef } from "../references";
import { EC2_VPC } from "../types";

/** The route table(s) a subnet uses, following AWS's rules. */
export function subnetRouting(graph: NetworkGraph, s: SubnetNode): SubnetRouting {
  const tables: { table: TableNode; via: string }[] = [];
  const unknown: string[] = [];
  const unverifiable: string[] = [];
  const check = (table: TableNode) => {
    if (table.kind === "external") {
      unverifiable.push(
        `${table.label} is not managed in this stack, so routes added to it elsewhere cannot be seen`,
      );
    }
    unverifiable.push(
      ...table.propagation.map((p) => `${p}; a propagated default route cannot be seen offline`),
    );
  };
  if (s.associations.length) {
    for (const a of s.associations) {
      if (a.unresolved)
        unknown.push(`the route table of association "${a.resource.name}" is unknown until apply`);
      for (const t of a.tables) {
        tables.push({ table: t, via: `association "${a.resource.name}"` });
        check(t);
      }
    }
    return { tables, unknown, unverifiable };
  }
  if (graph.floatingAssociations.length) {
    unknown.push(
      `association(s) ${names(graph.floatingAssociations)} name a subnet that is ` +
        `unknown until apply and may be ${s.label}'s explicit association`,
    );
    return { tables, unknown, unverifiable };
  }
  if (!s.resource) {
    unverifiable.push(
      `${s.label} is not in this stack and has no explicit association here: it uses the main route table of a VPC this stack does not show`,
    );
    return { tables, unknown, unverifiable };
  }
  const vpcs = resolveRef(s.resource, ["vpcId"], [EC2_VPC]);
  if (vpcs.unresolved) unknown.push(`the VPC of ${s.label} is unknown until apply`);
  const keys = [
    ...vpcs.resources.map((v) => v.urn),
    ...vpcs.literals.map((id) => graph.vpcKeyOfId(id)),
  ];
  for (const key of keys) {
    const main = graph.mainAssociation(key);
    if (main) {
      if (main.unresolved)
        unknown.push(
          `the route table of main association "${main.resource.name}" is unknown until apply`,
        );
      for (const t of main.tables) {
        tables.push({ table: t, via: `main route table association "${main.resource.name}"` });
        check(t);
      }
      continue;
    }
    if (graph.floatingMain.length) {
      unknown.push(
        `main route table association(s) ${names(graph.floatingMain)} name a VPC that is unknown until apply`,
      );
      continue;
    }
    // A VPC of this stack has its original main table whether or not its id is known yet (at
    // preview `mainRouteTableId` is unknown): the same table apply judges, with the routes the
    // stack adds to it (a DefaultRouteTable, Routes on `vpc.mainRouteTableId`).
    const own = vpcs.resources.find((v) => v.urn === key);
    const original = graph.originalMainTable(key, own);
    if (original) {
      tables.push({
        table: original,
        via: "no explicit association: the VPC's main route table",
      });
      check(original);
    } else {
      unverifiable.push(
        `${s.label} has no explicit association and its VPC ${key.replace(/^id:/, "")} is not in this stack: its main route table cannot be verified offline`,
      );
    }
  }
  return { tables, unknown, unverifiable };
}
