// aws-native security groups' inline rules (AWS::EC2::SecurityGroup SecurityGroupIngress and
// SecurityGroupEgress) in the shape of the classic inline rules, for the twins of ./twins-network.ts.
import { asList } from "../values";

/** A value as a list of one, or none (`cidrIp` → `cidrBlocks`). */
const oneOrNone = (v: unknown): unknown[] => (v === undefined || v === null || v === "" ? [] : [v]);

/**
 * CloudFormation security-group rules (AWS::EC2::SecurityGroup Ingress/Egress: ipProtocol,
 * fromPort, toPort, cidrIp, cidrIpv6, source/destinationSecurityGroupId,
 * source/destinationPrefixListId, description) as classic inline rules (protocol, fromPort,
 * toPort, cidrBlocks, ipv6CidrBlocks, securityGroups, prefixListIds). `peer` is the rule's
 * group property, `prefixList` its prefix-list one (SourcePrefixListId on Ingress,
 * DestinationPrefixListId on Egress).
 */
export const inlineSgRules = (peer: string, prefixList: string) => (v: unknown) =>
  Array.isArray(v)
    ? asList(v).map((r: any) => ({
        get protocol() {
          return r?.ipProtocol;
        },
        get fromPort() {
          return r?.fromPort;
        },
        get toPort() {
          return r?.toPort;
        },
        get cidrBlocks() {
          return oneOrNone(r?.cidrIp);
        },
        get ipv6CidrBlocks() {
          return oneOrNone(r?.cidrIpv6);
        },
        get securityGroups() {
          return oneOrNone(r?.[peer]);
        },
        get prefixListIds() {
          return oneOrNone(r?.[prefixList]);
        },
        get description() {
          return r?.description;
        },
      }))
    : v;
