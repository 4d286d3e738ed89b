// Cost rules. Network: load balancers, VPC endpoints, NAT gateways and addresses.
import { allTasks, assumedGb, Charge, fmt, H, listOf, Rule, Unpriceable } from "./base";
import { endpointService, ResourceIndex } from "../../lib/resource-index";
import { Assumptions } from "../assumptions";

export const loadBalancer: Rule = (r, { assumptions: a }) => {
  const type = r.inputs.loadBalancerType ?? "application";
  if (type !== "application")
    throw new Unpriceable(`load balancer type "${type}" has no price in the table`);
  const charges: Charge[] = [
    { kind: "fixed", what: "ALB hours", quantity: H, basis: `${H} h`, priceKey: "alb.hour" },
    {
      kind: "fixed",
      what: "ALB capacity baseline",
      quantity: a.albBaselineLcu * H,
      basis: `${fmt(a.albBaselineLcu)} LCU × ${H} h (assumed average)`,
      priceKey: "alb.lcuHour",
    },
  ];
  if (r.inputs.internal !== true) {
    const subnets =
      r.inputs.subnetMappings !== undefined ? listOf(r, "subnetMappings") : listOf(r, "subnets");
    charges.push({
      kind: "fixed",
      what: "public IPv4 addresses (one per AZ)",
      quantity: subnets.length * H,
      basis: `${subnets.length} addresses × ${H} h`,
      priceKey: "ipv4.hour",
    });
    const gbOut = (a.requestsPerMonth * a.avgResponseKiB) / (1024 * 1024);
    charges.push({
      kind: "variable",
      what: "data transfer out to the internet",
      quantity: gbOut,
      basis: `${fmt(a.requestsPerMonth)} requests × ${fmt(a.avgResponseKiB)} KiB = ${fmt(gbOut)} GB`,
      priceKey: "transfer.internetOutGb",
    });
  }
  return { charges };
};

/** GB per month through one interface endpoint (stated assumptions). */
export function endpointGb(
  service: string,
  index: ResourceIndex,
  a: Assumptions,
): { gb: number; basis: string } {
  if (service === "logs") {
    const tasks = allTasks(index);
    return {
      gb: tasks * a.appLogGbPerTaskMonth,
      basis: `${tasks} tasks × ${fmt(a.appLogGbPerTaskMonth)} GB of app logs`,
    };
  }
  return { gb: a.endpointApiGbPerMonth, basis: `${fmt(a.endpointApiGbPerMonth)} GB (assumed)` };
}

export const vpcEndpoint: Rule = (r, { index, assumptions: a }) => {
  const kind = r.inputs.vpcEndpointType ?? "Gateway";
  if (kind === "Gateway") return { free: "gateway endpoints (S3, DynamoDB) have no charge" };
  if (kind !== "Interface")
    throw new Unpriceable(`endpoint type "${kind}" has no price in the table`);
  const enis = listOf(r, "subnetIds").length;
  const service = endpointService(r);
  const { gb, basis } = endpointGb(service, index, a);
  return {
    charges: [
      {
        kind: "fixed",
        what: `interface endpoint ${service}`,
        quantity: enis * H,
        basis: `${enis} AZ${enis === 1 ? "" : "s"} × ${H} h`,
        priceKey: "vpce.interfaceAzHour",
      },
      {
        kind: "variable",
        what: `data processed by ${service}`,
        quantity: gb,
        basis,
        priceKey: "vpce.gb",
      },
    ],
  };
};

export const natGateway: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "fixed",
      what: "NAT gateway hours",
      quantity: H,
      basis: `${H} h`,
      priceKey: "nat.hour",
    },
    assumedGb("data processed by the NAT gateway", a.endpointApiGbPerMonth, "nat.gb"),
  ],
});

export const eip: Rule = () => ({
  charges: [
    {
      kind: "fixed",
      what: "public IPv4 address",
      quantity: H,
      basis: `${H} h`,
      priceKey: "ipv4.hour",
    },
  ],
});
