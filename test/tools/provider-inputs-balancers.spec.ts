// The target group and load balancer rules of rules-balancers.ts and the create-time limits of
// rules-create-storage.ts: the values each lets through (the bounds, the cases a check leaves to
// the provider or to AWS), and values unknown at preview. The one-broken-input cases are in
// provider-inputs-cases-balancers.ts, -storage.ts and -fleet.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import {
  HEALTH_CHECK,
  LISTENERS,
  LOAD_BALANCERS,
  TARGET_GROUPS,
} from "./provider-inputs-cases-balancers";
import {
  LIFECYCLES,
  TRANSITIONS,
  VIEWER_CERTIFICATE,
  TABLE,
  VERSIONINGS,
} from "./provider-inputs-cases-storage";
import { AUTO_SCALING_GROUP, VOLUME } from "./provider-inputs-cases-fleet";
import { refusalsWith as refusals } from "./provider-inputs-refusals";

/** The refusals' words of the compliant resource of `type` with `change` applied. */
const refusalsWith = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

describe("provider inputs: target groups and load balancers, the values they accept", () => {
  it("accepts each target group range at its lower bound, and slow start off", () => {
    const low = {
      port: 1,
      deregistrationDelay: 0,
      slowStart: 0,
      healthCheck: {
        interval: 5,
        timeout: 2,
        healthyThreshold: 2,
        unhealthyThreshold: 10,
        path: "/",
        port: "1",
      },
      stickiness: { type: "lb_cookie", cookieDuration: 0 },
      targetHealthStates: [{ enableUnhealthyConnectionTermination: true }],
    };
    for (const t of TARGET_GROUPS) {
      expect(refusalsWith(t, low), t).to.deep.equal([]);
      expect(refusalsWith(t, { slowStart: 30 }), t).to.deep.equal([]);
      // A port given as a number, as the bridge may send a string input written as one.
      expect(refusalsWith(t, { healthCheck: { ...HEALTH_CHECK, port: 8080 } }), t).to.deep.equal(
        [],
      );
    }
  });

  it("accepts a TCP health check on a TCP target group, and a Lambda target group without port, protocol or VPC", () => {
    for (const t of TARGET_GROUPS) {
      const tcp = { protocol: "TCP", port: "traffic-port" };
      expect(refusalsWith(t, { protocol: "TCP", healthCheck: tcp }), t).to.deep.equal([]);
      expect(refusalsWith(t, { protocol: "TLS", healthCheck: tcp }), t).to.deep.equal([]);
      const lambda = {
        targetType: "lambda",
        port: undefined,
        protocol: undefined,
        vpcId: undefined,
      };
      expect(refusalsWith(t, lambda), t).to.deep.equal([]);
      // An HTTP health check, written in lower case, on an HTTPS target group.
      expect(
        refusalsWith(t, { protocol: "HTTPS", healthCheck: { protocol: "http" } }),
      ).to.deep.equal([]);
    }
  });

  it("accepts a listener without a certificate unless it is HTTPS or TLS, and its lower bounds", () => {
    for (const t of LISTENERS) {
      for (const protocol of ["HTTP", "TCP", "UDP", undefined])
        expect(
          refusalsWith(t, { protocol, certificateArn: undefined }),
          `${t} ${protocol}`,
        ).to.deep.equal([]);
      expect(refusalsWith(t, { port: 1 }), t).to.deep.equal([]);
      // A redirect to the same host keeps the placeholders, which the checks take as any value.
      const redirect = { type: "redirect", redirect: { statusCode: "HTTP_301", host: "#{host}" } };
      expect(refusalsWith(t, { defaultActions: [redirect] }), t).to.deep.equal([]);
    }
  });

  it("judges idle timeout and keep-alive on an Application Load Balancer only", () => {
    for (const t of LOAD_BALANCERS) {
      for (const type of ["network", "gateway"]) {
        const lb = { loadBalancerType: type, idleTimeout: 0, clientKeepAlive: 10 };
        expect(refusalsWith(t, lb), `${t} ${type}`).to.deep.equal([]);
      }
      // application is the default type, and a fraction of a second is no whole number.
      expect(refusalsWith(t, { idleTimeout: 0.5 }), t).to.have.length(1);
      expect(refusalsWith(t, { loadBalancerType: "application", idleTimeout: 0 })).to.have.length(
        1,
      );
    }
  });
});

describe("provider inputs: AWS's create-time limits of storage, caches and the edge", () => {
  it("accepts throughput modes other than provisioned without a throughput, and provisioned with one", () => {
    for (const mode of ["bursting", "elastic", undefined])
      expect(refusalsWith(FILE_SYSTEM, { throughputMode: mode }), String(mode)).to.deep.equal([]);
    expect(
      refusalsWith(FILE_SYSTEM, { throughputMode: "provisioned", provisionedThroughputInMibps: 1 }),
    ).to.deep.equal([]);
  });

  it("accepts any day for the Glacier and tiering classes, a date, and rules without transitions", () => {
    for (const t of LIFECYCLES) {
      const rules = (transitions: unknown) => [{ id: "r", status: "Enabled", transitions }];
      expect(refusalsWith(t, { rules: rules(TRANSITIONS) }), t).to.deep.equal([]);
      for (const storageClass of ["GLACIER", "DEEP_ARCHIVE", "GLACIER_IR", "INTELLIGENT_TIERING"])
        expect(refusalsWith(t, { rules: rules([{ days: 1, storageClass }]) })).to.deep.equal([]);
      const dated = [{ date: "2030-01-01T00:00:00Z", storageClass: "STANDARD_IA" }];
      expect(refusalsWith(t, { rules: rules(dated) }), t).to.deep.equal([]);
      expect(refusalsWith(t, { rules: [{ id: "r", status: "Enabled" }] }), t).to.deep.equal([]);
      expect(refusalsWith(t, { rules: undefined }), t).to.deep.equal([]);
    }
  });

  it("names a refused transition by its path and its rule's id, each one apart", () => {
    for (const t of LIFECYCLES) {
      const early = { days: 7, storageClass: "STANDARD_IA" };
      const rules = [
        { id: "archive", status: "Enabled", transitions: TRANSITIONS },
        { id: "logs", status: "Enabled", transitions: [TRANSITIONS[0], early] },
        { status: "Enabled", transitions: [{ ...early, storageClass: "ONEZONE_IA" }] },
      ];
      const refused = refusals(t, { rules });
      expect(
        refused.map((r) => [r.prop, r.value]),
        t,
      ).to.deep.equal([
        ["rules[1].transitions[1].days", 7],
        ["rules[2].transitions[0].days", 7],
      ]);
      expect(refused[0].says[0]).to.match(/^rule "logs": a transition to STANDARD_IA after 7 days/);
      // A rule without an id is named by its path alone.
      expect(refused[1].says[0]).to.match(/^a transition to ONEZONE_IA after 7 days/);
    }
  });

  it("accepts an AUTH token with encryption in transit, none without, and a global datastore's member", () => {
    expect(refusalsWith(GROUP, {})).to.deep.equal([]);
    expect(
      refusalsWith(GROUP, {
        authToken: undefined,
        transitEncryptionEnabled: false,
        transitEncryptionMode: undefined,
      }),
    ).to.deep.equal([]);
    const member = { globalReplicationGroupId: "ldgnf-app", transitEncryptionEnabled: undefined };
    expect(refusalsWith(GROUP, { ...member, transitEncryptionMode: undefined })).to.deep.equal([]);
  });

  it("accepts automatic failover on two clusters, or a count the program leaves out", () => {
    const groups = { numNodeGroups: undefined, replicasPerNodeGroup: undefined };
    expect(refusalsWith(GROUP, { ...groups, numCacheClusters: 2 })).to.deep.equal([]);
    expect(refusalsWith(GROUP, groups)).to.deep.equal([]);
    const noFailover = { automaticFailoverEnabled: false, multiAzEnabled: false };
    expect(refusalsWith(GROUP, { ...groups, ...noFailover, numCacheClusters: 1 })).to.deep.equal(
      [],
    );
  });

  it("accepts a us-east-1 certificate, an IAM certificate, the default one, and another partition's ARN", () => {
    const cert = (change: Record<string, unknown>) => ({
      viewerCertificate: { ...VIEWER_CERTIFICATE, ...change },
    });
    expect(refusalsWith(DISTRIBUTION, cert({}))).to.deep.equal([]);
    const iam = { acmCertificateArn: undefined, iamCertificateId: "ASCACKCEVSQ6C2EXAMPLE" };
    expect(refusalsWith(DISTRIBUTION, cert(iam))).to.deep.equal([]);
    expect(
      refusalsWith(DISTRIBUTION, { viewerCertificate: { cloudfrontDefaultCertificate: true } }),
    ).to.deep.equal([]);
    const china = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc";
    expect(refusalsWith(DISTRIBUTION, cert({ acmCertificateArn: china }))).to.deep.equal([]);
  });

  it("accepts a certificate's domain name of 64 octets, and a longer alternative name", () => {
    const cert = "aws:acm/certificate:Certificate";
    const domainName = `${"a".repeat(52)}.example.com`;
    expect(domainName).to.have.length(64);
    const long = `${"a".repeat(200)}.example.com`;
    expect(refusalsWith(cert, { domainName, subjectAlternativeNames: [long] })).to.deep.equal([]);
  });

  it("accepts desired capacity at either size, left out, and a volume of any size without a type", () => {
    expect(refusalsWith(AUTO_SCALING_GROUP, { desiredCapacity: 1 })).to.deep.equal([]);
    expect(refusalsWith(AUTO_SCALING_GROUP, { desiredCapacity: undefined })).to.deep.equal([]);
    const none = { minSize: 0, maxSize: 0, desiredCapacity: 0 };
    expect(refusalsWith(AUTO_SCALING_GROUP, none)).to.deep.equal([]);
    for (const [type, size] of [
      ["io2", 65536],
      ["sc1", 16384],
      ["gp2", 1],
      ["standard", 1],
    ] as const)
      expect(refusalsWith(VOLUME, { type, size }), type).to.deep.equal([]);
    // A size is judged only with its type, and not when a snapshot gives it.
    expect(refusalsWith(VOLUME, { type: undefined, size: 70000 })).to.deep.equal([]);
    expect(refusalsWith(VOLUME, { size: undefined, snapshotId: "snap-1" })).to.deep.equal([]);
  });

  it("accepts each versioning status and MFA delete setting", () => {
    for (const t of VERSIONINGS)
      for (const status of ["Enabled", "Suspended", "Disabled"])
        for (const mfaDelete of ["Enabled", "Disabled", undefined])
          expect(
            refusalsWith(t, { versioningConfiguration: { status, mfaDelete } }),
            `${t} ${status} ${mfaDelete}`,
          ).to.deep.equal([]);
  });

  it("accepts a TTL turned off with or without its attribute", () => {
    for (const ttl of [
      { enabled: false },
      { enabled: false, attributeName: "" },
      { attributeName: "t" },
    ])
      expect(refusalsWith(TABLE, { ttl }), JSON.stringify(ttl)).to.deep.equal([]);
  });

  it("does not judge a value unknown at preview, nor a check that reads one", () => {
    // Each pair: an input known and refused, then the same input unknown at preview.
    const tg = TARGET_GROUPS[0];
    const pairs: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [tg, { port: 0 }, { port: UNKNOWN }],
      [tg, { healthCheck: { interval: 1 } }, { healthCheck: { interval: UNKNOWN } }],
      [tg, { healthCheck: { protocol: "TCP" } }, { healthCheck: { protocol: UNKNOWN } }],
      [tg, { vpcId: undefined }, { vpcId: undefined, targetType: UNKNOWN }],
      [tg, { vpcId: undefined }, { vpcId: UNKNOWN }],
      [LOAD_BALANCERS[0], { idleTimeout: 0 }, { idleTimeout: UNKNOWN }],
      [LISTENERS[0], { certificateArn: undefined }, { certificateArn: UNKNOWN }],
      [
        LISTENERS[0],
        { certificateArn: undefined },
        { certificateArn: undefined, protocol: UNKNOWN },
      ],
      [LISTENERS[0], { port: 0 }, { port: UNKNOWN }],
      [LOAD_BALANCERS[0], { idleTimeout: 0 }, { idleTimeout: 0, loadBalancerType: UNKNOWN }],
      [FILE_SYSTEM, { throughputMode: "provisioned" }, { throughputMode: UNKNOWN }],
      [
        FILE_SYSTEM,
        { throughputMode: "provisioned" },
        { throughputMode: "provisioned", provisionedThroughputInMibps: UNKNOWN },
      ],
      [
        LIFECYCLES[0],
        {
          rules: [
            { id: "r", status: "Enabled", transitions: [{ days: 1, storageClass: "ONEZONE_IA" }] },
          ],
        },
        {
          rules: [
            {
              id: "r",
              status: "Enabled",
              transitions: [{ days: UNKNOWN, storageClass: "ONEZONE_IA" }],
            },
          ],
        },
      ],
      [GROUP, { transitEncryptionEnabled: false }, { transitEncryptionEnabled: UNKNOWN }],
      [AUTO_SCALING_GROUP, { desiredCapacity: 9 }, { desiredCapacity: 9, maxSize: UNKNOWN }],
      [VOLUME, { size: 0 }, { size: 0, type: UNKNOWN }],
      [TABLE, { ttl: { enabled: true } }, { ttl: { enabled: UNKNOWN } }],
      [
        GROUP,
        { numNodeGroups: undefined, replicasPerNodeGroup: undefined, numCacheClusters: 1 },
        { numNodeGroups: undefined, replicasPerNodeGroup: undefined, numCacheClusters: UNKNOWN },
      ],
      [
        DISTRIBUTION,
        {
          viewerCertificate: {
            acmCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/a",
          },
        },
        { viewerCertificate: { acmCertificateArn: UNKNOWN } },
      ],
    ];
    for (const [type, known, unknown] of pairs) {
      expect(refusalsWith(type, known), `${type} ${JSON.stringify(known)}`).to.not.deep.equal([]);
      expect(refusalsWith(type, unknown), `${type} ${JSON.stringify(unknown)}`).to.deep.equal([]);
    }
  });
});
