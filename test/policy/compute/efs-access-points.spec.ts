// EFS access points: Checkov's CKV_AWS_329 and CKV_AWS_330 fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { EFS_ACCESS_POINT } from "../../../policy-pack/lib/types";
import { policy, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";

const accessPoint = (name: string, over: Record<string, unknown> = {}) =>
  res(EFS_ACCESS_POINT, name, {
    fileSystemId: UNKNOWN,
    rootDirectory: { path: "/data" },
    posixUser: { uid: 1000, gid: 1000 },
    ...over,
  });

describe("efs-access-point-root-directory", () => {
  const name = "efs-access-point-root-directory";
  describe("Noncompliance", () => {
    it('CKV_AWS_329 fail, fail2: path "/", or no root directory', async () => {
      expect(
        await one(name, [accessPoint("fail", { rootDirectory: { path: "/" } })]),
      ).to.deep.equal(['fail: rootDirectory.path is "/": clients see the whole file system.']);
      expect(await one(name, [accessPoint("fail2", { rootDirectory: undefined })])).to.deep.equal([
        "fail2: rootDirectory.path is not set: clients see the whole file system.",
      ]);
    });
  });
  compliance('CKV_AWS_329 pass: path "/data"', name, () => [accessPoint("pass")]);
});

describe("efs-access-point-posix-user", () => {
  const name = "efs-access-point-posix-user";
  describe("Noncompliance", () => {
    it("CKV_AWS_330 fail: a root directory but no POSIX user", async () => {
      expect(await one(name, [accessPoint("fail", { posixUser: undefined })])).to.deep.equal([
        "fail: posixUser is not set: requests act as whatever user the client claims.",
      ]);
    });
  });
  compliance(
    "CKV_AWS_330 pass: uid 0, gid 0 (as in the fixture), and an unprivileged user",
    name,
    () => [accessPoint("pass", { posixUser: { uid: 0, gid: 0 } }), accessPoint("app")],
  );
});

describe("EFS access point rules: level", () => {
  it("are advisory", () => {
    for (const name of ["efs-access-point-root-directory", "efs-access-point-posix-user"])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});
