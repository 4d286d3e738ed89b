// Values for declared outputs the provider computes, chosen by property name and type.
//
// Two modes. `fabricate`: an output the program cannot set (an id, an endpoint, a creation date)
// gets a plausible made-up value. `neutral`: an input the program left out that the provider
// computes gets what AWS reports for "not configured" ("" for a string, [] / {} for a list or
// map), and stays absent where the provider's default cannot be told from the declarations (a
// number, a boolean: `rotationEnabled` defaults to true once rules exist, SQS's data key period to
// 300) and for a nested block: a made-up KMS key, logging target or "false" there would make a
// resource look configured, or explicitly unconfigured, to a policy. Identity-like values
// (region, account, AZ) are filled in either mode.
import { hex, privateIp, publicIp, TIMESTAMP, uuid, chars, UPPER_ALNUM } from "./hash";
import { ec2Id } from "./arns";
import type { Prop, TypeCode } from "./schema";
import { shapeFields } from "./schema";
import type { Region, Partition } from "./regions";
import { UNKNOWN } from "./env";

export interface ValueContext {
  readonly partition: Partition;
  readonly region: Region;
  readonly account: string;
  /** Seed of the resource (or invoke); property paths are appended. */
  readonly seed: string;
  /** IAM service prefix or module of the type, for made-up ARNs and host names. */
  readonly service: string;
  /** The resource's physical name or id, for host names. */
  readonly label: string;
}

export type Mode = "fabricate" | "neutral";

/** Id prefixes for `<base>Id` outputs (EC2 User Guide, "Resource IDs"). */
const ID_PREFIX: Record<string, string> = {
  vpc: "vpc",
  subnet: "subnet",
  securityGroup: "sg",
  defaultSecurityGroup: "sg",
  routeTable: "rtb",
  defaultRouteTable: "rtb",
  mainRouteTable: "rtb",
  networkAcl: "acl",
  defaultNetworkAcl: "acl",
  networkInterface: "eni",
  primaryNetworkInterface: "eni",
  outpostNetworkInterface: "eni",
  dhcpOptions: "dopt",
  image: "ami",
  ami: "ami",
  instance: "i",
  volume: "vol",
  snapshot: "snap",
  allocation: "eipalloc",
  internetGateway: "igw",
  natGateway: "nat",
  transitGateway: "tgw",
  transitGatewayAttachment: "tgw-attach",
  vpcEndpoint: "vpce",
  prefixList: "pl",
  launchTemplate: "lt",
  carrierGateway: "cagw",
  capacityReservation: "cr",
};

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

function singular(name: string): string {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("sses")) return name.slice(0, -2);
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

/** A made-up ARN for an output named `<base>Arn`, in the service the name points at. */
function arnFor(base: string, c: ValueContext, seed: string): string {
  const p = c.partition.partition;
  const r = c.region.code;
  const a = c.account;
  const n = `${kebab(base) || "resource"}-${hex(seed, 8)}`;
  if (/kmsKey|^key$|encryptionKey|masterKey/i.test(base))
    return `arn:${p}:kms:${r}:${a}:key/${uuid(seed)}`;
  if (/role$/i.test(base)) return `arn:${p}:iam::${a}:role/${n}`;
  if (/logGroup/i.test(base)) return `arn:${p}:logs:${r}:${a}:log-group:${n}`;
  if (/topic/i.test(base)) return `arn:${p}:sns:${r}:${a}:${n}`;
  if (/queue/i.test(base)) return `arn:${p}:sqs:${r}:${a}:${n}`;
  if (/bucket/i.test(base)) return `arn:${p}:s3:::${n}`;
  if (/secret/i.test(base))
    return `arn:${p}:secretsmanager:${r}:${a}:secret:${n}-${chars(seed, 6, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`;
  return `arn:${p}:${c.service}:${r}:${a}:${kebab(base) || "resource"}/${hex(seed, 17)}`;
}

function idFor(base: string, seed: string): string {
  if (/hostedZone/i.test(base)) return `Z${chars(seed, 13, UPPER_ALNUM)}`;
  if (/kmsKey|^key$/i.test(base)) return uuid(seed);
  const prefix = ID_PREFIX[base];
  return prefix ? ec2Id(prefix, seed) : hex(seed, 17);
}

/** Values that are safe to fill in either mode: they name where, not how. */
function identity(name: string, type: TypeCode, c: ValueContext): unknown {
  if (name === "region") return c.region.code;
  if (
    /^(ownerId|accountId|awsAccountId|registryId|ownerAccountId|callerAccountId|owner)$/.test(name)
  ) {
    return c.account;
  }
  if (name === "availabilityZone") return c.region.zones[0].name;
  if (name === "availabilityZoneId") return c.region.zones[0].zoneId;
  if (name === "availabilityZones" && type.kind === "list")
    return c.region.zones.map((z) => z.name);
  return undefined;
}

function fabricateString(name: string, c: ValueContext, seed: string): string {
  if (/ipv6/i.test(name)) return "";
  if (/Arn$/.test(name)) return arnFor(name.slice(0, -3), c, seed);
  if (/Id$/.test(name)) return idFor(name.slice(0, -2), seed);
  const host = `${c.label}.${c.service}.${c.region.code}.${c.partition.dnsSuffix}`.toLowerCase();
  if (/(Url|url|Uri|uri)$/.test(name)) return `https://${host}`;
  if (/([Ee]ndpoint|[Aa]ddress|[Dd]nsName|[Dd]omainName|[Hh]ostname|Dns)$/.test(name)) {
    return /[Ii]p[A-Z]|Ip$|^ip/.test(name) ? privateIp(seed) : host;
  }
  if (/[Ii]p$|IpAddress$/.test(name))
    return /public/i.test(name) ? publicIp(seed) : privateIp(seed);
  if (/(Date|Time|At|Timestamp|Modified)$|^created|^creation/i.test(name)) return TIMESTAMP;
  if (/^(status|state)$|Status$|State$/.test(name)) return "ACTIVE";
  if (/[Vv]ersion$/.test(name)) return "1";
  if (/^e[Tt]ag$/.test(name)) return hex(seed, 32);
  if (/[Nn]ame$/.test(name)) return c.label;
  return `${kebab(name)}-${hex(seed, 8)}`;
}

/** A value for `prop` at `path` (for seeds), or undefined for "absent". */
export function fillValue(
  prop: Prop,
  c: ValueContext,
  mode: Mode,
  path: string,
  depth = 0,
): unknown {
  const seed = `${c.seed}.${path}`;
  const id = identity(prop.name, prop.type, c);
  if (id !== undefined) return id;
  const t = prop.type;
  if (mode === "neutral") {
    switch (t.kind) {
      case "s":
        return "";
      case "list":
        return [];
      case "map":
        return {};
      default:
        return undefined;
    }
  }
  switch (t.kind) {
    case "s":
      return fabricateString(prop.name, c, seed);
    case "n":
      return /port$/i.test(prop.name)
        ? 443
        : /count|capacity|size|revision|version/i.test(prop.name)
          ? 1
          : 0;
    case "b":
      // Whether something is encrypted is AWS's answer about a source the program may not own
      // (a snapshot of a volume outside the stack takes that volume's encryption): not known
      // offline, so never a made-up "false" that a policy would read as unencrypted.
      return /encrypt/i.test(prop.name) ? UNKNOWN : false;
    case "map":
      return {};
    case "list": {
      if (depth > 3) return [];
      const item = fillValue(
        { ...prop, name: singular(prop.name), type: t.of },
        c,
        mode,
        `${path}[0]`,
        depth + 1,
      );
      return item === undefined ? [] : [item];
    }
    case "ref": {
      if (depth > 3) return undefined;
      const out: Record<string, unknown> = {};
      for (const f of shapeFields(t.name)) {
        const v = fillValue(f, c, mode, `${path}.${f.name}`, depth + 1);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}
