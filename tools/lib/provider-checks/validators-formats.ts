// The provider's validators of documents and addresses: JSON text, IAM policy documents, IPv4 and
// IPv6 CIDR blocks (internal/verify/validate.go and terraform-plugin-sdk helper/validation), with
// the provider's own wording, as those of ./validators.ts.
import { asString, goQuote, type Validator } from "./validators";

/**
 * validation.StringIsJSON: empty is accepted (structure.NormalizeJsonString returns it as is);
 * otherwise the value must parse as JSON, `"<k>" contains an invalid JSON: <why>`.
 */
export const isJSON: Validator = (v, k) => {
  const s = asString(v);
  if (s === undefined || s === "") return [];
  try {
    JSON.parse(s);
    return [];
  } catch (e) {
    return [`${goQuote(k)} contains an invalid JSON: ${(e as Error).message}`];
  }
};

/**
 * verify.ValidIAMPolicyJSON (internal/verify/validate.go), the validator of IAM policy documents
 * (a role's trust policy, a managed or inline policy): not empty, a JSON object (not a JSON string
 * or array), and valid JSON. Its duplicate-key check is left out. Leading white space is
 * accepted: older providers refused it ("leading space characters are not allowed"), but
 * hashicorp/terraform-provider-aws#36597 (v5.43.0, "iam/policy: Allow IAM policy leading
 * whitespace") lets the IAM resources take it, and which provider a program's pulumi-aws bridges
 * is not known here, so the lenient reading is kept (a refusal blocks a program that may deploy).
 */
export const iamPolicyJSON: Validator = (v, k) => {
  const raw = asString(v);
  if (raw === undefined) return [];
  const q = goQuote(k);
  if (raw === "") return [`${q} is an empty string, which is not a valid JSON value`];
  const s = raw.replace(/^[ \t\r\n]+/, "");
  if (s === "") return [];
  const bad = (why: string) => [`${q} contains an invalid JSON policy: ${why}`];
  if (s[0] === '"') {
    let hint = "";
    try {
      const content: unknown = JSON.parse(s);
      if (typeof content === "string" && content.endsWith(".json"))
        hint = " (have you passed a JSON-encoded filename instead of the content of that file?)";
      else if (typeof content === "string") {
        JSON.parse(content);
        hint = " (have you double-encoded your JSON data?)";
      }
    } catch {
      // no hint
    }
    return bad(`contains a JSON-encoded string, not a JSON-encoded object${hint}`);
  }
  if (s[0] === "[") return bad("contains a JSON array, not a JSON object");
  if (s[0] !== "{") return bad("not a JSON object");
  try {
    JSON.parse(s);
    return [];
  } catch (e) {
    return bad((e as Error).message);
  }
};

/** The 32-bit value of a dotted IPv4 address (each part 0 to 255), undefined when it is not one. */
function ipv4(s: string): number | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function ipv4Text(n: number): string {
  return [24, 16, 8, 0].map((b) => Math.floor(n / 2 ** b) % 256).join(".");
}

/**
 * verify.ValidIPv4CIDRNetworkAddress (internal/verify/validate.go, ValidateIPv4CIDRBlock): the value
 * parses as an IPv4 CIDR block (Go's net.ParseCIDR) and is the block's network address, so
 * `10.0.0.1/16` is refused with the block it means. Go refuses leading zeros in an address; they
 * are accepted here, so no program the provider accepts is refused.
 */
export const ipv4Cidr: Validator = (v) => {
  const s = asString(v);
  if (s === undefined) return [];
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const ip = m ? ipv4(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (!m || ip === undefined || !(bits <= 32)) {
    return [`${goQuote(s)} is not a valid CIDR block: invalid CIDR address: ${s}`];
  }
  const network = bits === 0 ? 0 : ip - (ip % 2 ** (32 - bits));
  return network === ip
    ? []
    : [
        `${goQuote(s)} is not a valid IPv4 CIDR block; did you mean "${ipv4Text(network)}/${bits}"?`,
      ];
};

/** The 128-bit value of an IPv6 address (with `::` and an IPv4 tail), undefined when it is not one. */
function ipv6(s: string): bigint | undefined {
  let text = s;
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const n = ipv4(tail[1]);
    if (n === undefined) return;
    text = `${text.slice(0, tail.index)}:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill("0"), ...rest];
  if (all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return;
  return all.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/**
 * verify.ValidIPv6CIDRNetworkAddress (internal/verify/validate.go, ValidateIPv6CIDRBlock): an
 * IPv6 CIDR block that is its network address (`2001:db8::1/64` is refused). An IPv4 block is
 * refused as not IPv6.
 */
export const ipv6Cidr: Validator = (v) => {
  const s = asString(v);
  if (s === undefined) return [];
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (m && ipv4(m[1]) !== undefined && Number(m[2]) <= 32)
    return [`${goQuote(s)} is not a valid IPv6 CIDR block`];
  const ip = m ? ipv6(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (!m || ip === undefined || !(bits <= 128)) {
    return [`${goQuote(s)} is not a valid CIDR block: invalid CIDR address: ${s}`];
  }
  const host = (1n << BigInt(128 - bits)) - 1n;
  return (ip & host) === 0n
    ? []
    : [
        `${goQuote(s)} is not a valid IPv6 CIDR block; did you mean the network address of /${bits}?`,
      ];
};

/**
 * JSON with object keys sorted and undefined members left out: two blocks written alike in any key
 * order read the same, as the provider's set of them (`schema.TypeSet`, hashed by value) holds
 * them once.
 */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
