// Which CIDRs the network rules read as open to the internet: AWS's public limit (broader than /8
// for IPv4, /32 for IPv6, as S3 judges aws:SourceIp), bar IPv6 private space, plus the spellings of
// "every address" AWS refuses but which can mean nothing else.
import { expect } from "chai";
import { isEveryAddress, isInternetWide } from "../../../policy-pack/lib/network/ports";

const CASES: readonly [string, boolean, string][] = [
  ["0.0.0.0/0", true, "the IPv4 internet"],
  ["::/0", true, "the IPv6 internet"],
  ["10.0.0.0/0", true, "a /0 of another address"],
  ["0.0.0.0/1", true, "half the internet"],
  ["64.0.0.0/2", true, "a quarter of the internet"],
  ["10.0.0.0/7", true, "/7: 11.0.0.0/8 is public"],
  ["10.0.0.0/8", false, "/8: the IPv4 limit"],
  ["11.0.0.0/8", false, "/8 of public space: at the limit, not broader"],
  ["203.0.113.0/24", false, "a /24"],
  ["2001:db8::/31", true, "IPv6 /31: broader than /32"],
  ["2001:db8::/32", false, "IPv6 /32: the limit"],
  ["2000::/3", true, "all global unicast"],
  ["fc00::/7", false, "unique-local space"],
  ["fd00::/8", false, "inside unique-local space"],
  ["fe80::/10", false, "link-local space"],
  ["fc00::/6", true, "reaches past unique-local space"],
  ["fe80::/9", true, "reaches past link-local space"],
  ["::ffff:0:0/96", false, "IPv4-mapped, a /96"],
  ["0.0.0.0", true, "bare all-zero IPv4"],
  ["::", true, "bare all-zero IPv6"],
  ["/0", true, "a prefix without an address"],
  ["/7", true, "a prefix without an address, broader than both limits"],
  ["/8", false, "a prefix without an address, not broader than the IPv4 limit"],
  ["10.1.2.3", false, "a single address"],
  ["pl-12345678", false, "a prefix list id"],
];

describe("isInternetWide", () => {
  for (const [cidr, wide, why] of CASES) {
    it(`${cidr} is ${wide ? "" : "not "}internet-wide (${why})`, () => {
      expect(isInternetWide(cidr)).to.equal(wide);
    });
  }
  it("is false for a value that is not a string", () => {
    expect([undefined, null, 0, ["0.0.0.0/0"]].map(isInternetWide)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("isEveryAddress", () => {
  it("is true only for a /0 or the bare all-zero address", () => {
    const read = ["0.0.0.0/0", "::/0", "/0", "0.0.0.0", "0.0.0.0/1", "64.0.0.0/2", "2000::/3"];
    expect(read.map(isEveryAddress)).to.deep.equal([true, true, true, true, false, false, false]);
  });
});
