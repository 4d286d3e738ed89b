// Property-based tests of the pure planning the network layer and its config share: CIDR
// arithmetic (components/cidr.ts) and the subnet plan (components/network/plan.ts), over every
// private VPC range the config accepts and every AZ count.
import { expect } from "chai";
import * as fc from "fast-check";
import {
  allowListProblems,
  Cidr,
  contains,
  format,
  overlaps,
  parseCidr,
  PRIVATE_RANGES,
  size,
  subnet,
} from "../../../components/cidr";
import {
  MAX_PLANNED_AZS,
  overlappingPairs,
  planSubnets,
  planTier,
  TIERS,
} from "../../../components/network/plan";

/** A network address inside one of the RFC 1918 ranges, with a prefix the config accepts (/16 to /24). */
const privateVpc: fc.Arbitrary<Cidr> = fc
  .tuple(fc.constantFrom(...PRIVATE_RANGES), fc.integer({ min: 16, max: 24 }), fc.nat())
  .map(([range, prefix, n]) => {
    const p = Math.max(prefix, range.prefix);
    return subnet(range, p, n % 2 ** (p - range.prefix));
  });

/** Any valid IPv4 CIDR. */
const anyCidr: fc.Arbitrary<Cidr> = fc
  .tuple(fc.integer({ min: 0, max: 32 }), fc.nat({ max: 2 ** 32 - 1 }))
  .map(([prefix, n]) => subnet({ base: 0, prefix: 0 }, prefix, Math.floor(n / 2 ** (32 - prefix))));

const azCount = fc.integer({ min: 1, max: MAX_PLANNED_AZS });

describe("CIDR arithmetic (property-based)", () => {
  it("format and parse are inverse", () => {
    fc.assert(
      fc.property(anyCidr, (c) => {
        expect(parseCidr(format(c))).to.deep.equal(c);
      }),
    );
  });

  it("a subnet lies inside its parent, and distinct subnets of one size never overlap", () => {
    fc.assert(
      fc.property(
        privateVpc,
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        fc.nat(),
        (vpc, bits, i, j) => {
          const count = 2 ** bits;
          const a = subnet(vpc, vpc.prefix + bits, i % count);
          const b = subnet(vpc, vpc.prefix + bits, j % count);
          expect(contains(vpc, a)).to.equal(true);
          expect(overlaps(a, b)).to.equal(i % count === j % count);
          expect(size(a) * count).to.equal(size(vpc));
        },
      ),
    );
  });

  it("overlap is symmetric and containment implies overlap", () => {
    fc.assert(
      fc.property(anyCidr, anyCidr, (a, b) => {
        expect(overlaps(a, b)).to.equal(overlaps(b, a));
        if (contains(a, b)) expect(overlaps(a, b)).to.equal(true);
      }),
    );
  });

  it("reports host bits instead of guessing the network", () => {
    fc.assert(
      fc.property(privateVpc, fc.integer({ min: 1, max: 255 }), (vpc, host) => {
        const text = format({ base: vpc.base + host, prefix: vpc.prefix });
        expect(parseCidr(text))
          .to.be.a("string")
          .and.match(/host bits set/);
      }),
    );
  });

  it("sees a CIDR written with leading zeros as the allow-list entry it repeats", () => {
    expect(allowListProblems(["10.1.0.0/16", "010.001.000.000/16"], 1)).to.deep.equal([
      'item 1 "010.001.000.000/16" repeats item 0; a security group refuses the same rule twice (InvalidPermission.Duplicate): list each CIDR once',
    ]);
    expect(allowListProblems(["10.1.0.0/16", "10.1.0.0/17"], 1)).to.deep.equal([]);
  });
});

describe("subnet plan (property-based)", () => {
  it("plans one subnet per AZ of each tier, inside the VPC, none overlapping another", () => {
    fc.assert(
      fc.property(privateVpc, azCount, azCount, (vpc, az, extra) => {
        const dataSubnets = Math.max(az, Math.min(extra, MAX_PLANNED_AZS));
        const plan = planSubnets(format(vpc), az, dataSubnets);
        expect(plan.public).to.have.length(az);
        expect(plan.compute).to.have.length(az);
        expect(plan.data).to.have.length(dataSubnets);
        const all = TIERS.flatMap((t) => plan[t]).map((text) => ({
          cidr: parseCidr(text) as Cidr,
        }));
        for (const { cidr } of all) expect(contains(vpc, cidr), format(cidr)).to.equal(true);
        expect(overlappingPairs(all)).to.deep.equal([]);
      }),
    );
  });

  it("gives every subnet a sixteenth of the VPC, at least the /28 AWS allows", () => {
    fc.assert(
      fc.property(privateVpc, azCount, (vpc, az) => {
        for (const tier of TIERS) {
          for (const text of planTier(vpc, tier, az)) {
            const c = parseCidr(text) as Cidr;
            expect(c.prefix)
              .to.equal(vpc.prefix + 4)
              .and.be.at.most(28);
          }
        }
      }),
    );
  });

  it("keeps existing subnets where they are when an AZ is added", () => {
    fc.assert(
      fc.property(privateVpc, fc.integer({ min: 1, max: MAX_PLANNED_AZS - 1 }), (vpc, az) => {
        for (const tier of TIERS) {
          expect(planTier(vpc, tier, az + 1).slice(0, az)).to.deep.equal(planTier(vpc, tier, az));
        }
      }),
    );
  });

  it("refuses more AZs than a planned tier has room for", () => {
    const vpc = parseCidr("10.0.0.0/16") as Cidr;
    expect(() => planTier(vpc, "data", MAX_PLANNED_AZS + 1)).to.throw(/0 to 5/);
  });

  it("finds exactly the overlapping pairs, each once", () => {
    fc.assert(
      fc.property(fc.array(anyCidr, { maxLength: 8 }), (cidrs) => {
        const items = cidrs.map((cidr, i) => ({ i, cidr }));
        const pairs = overlappingPairs(items).map(([a, b]) => `${a.i}-${b.i}`);
        const expected: string[] = [];
        for (let i = 0; i < items.length; i++) {
          for (let j = i + 1; j < items.length; j++) {
            if (overlaps(items[i].cidr, items[j].cidr)) expected.push(`${i}-${j}`);
          }
        }
        expect(pairs).to.deep.equal(expected);
      }),
    );
  });
});
