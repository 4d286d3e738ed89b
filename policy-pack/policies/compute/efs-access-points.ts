// EFS access points, the way tasks, functions and instances mount a shared file system: each
// confines its clients to a directory of its own and acts as a fixed POSIX user, whatever the
// client claims (EFS User Guide, "Working with Amazon EFS access points").
import { resourcePolicy } from "../../lib/define";
import { holdsValue } from "../../lib/values";
import { EFS_ACCESS_POINT } from "../../lib/types";
import { awsDocs, checkov, fsbp } from "../../lib/controls";
import { NATIVE_EFS_ACCESS_POINT } from "../../lib/native/types";

export const efsAccessPointRootDirectory = resourcePolicy({
  name: "efs-access-point-root-directory",
  description:
    "EFS access points should enforce a root directory below the file system's root, so a client sees only its own " +
    "directory. Advisory. Left out, or '/', the client sees the whole file system.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `rootDirectory: { path: "/<app>", creationInfo: { ownerUid, ownerGid, permissions: "750" } }`.',
  references: [
    checkov("CKV_AWS_329"),
    fsbp("EFS.3"),
    awsDocs("Enforcing a root directory with an access point"),
  ],
  types: [EFS_ACCESS_POINT, NATIVE_EFS_ACCESS_POINT],
  check: (props, ctx) => {
    if (!holdsValue(() => props.rootDirectory?.path)) {
      ctx.report("rootDirectory.path is not set: clients see the whole file system.");
      return;
    }
    const path = props.rootDirectory.path;
    if (typeof path === "string" && path.replace(/\/+$/, "") === "")
      ctx.report(`rootDirectory.path is "${path}": clients see the whole file system.`);
  },
});

export const efsAccessPointPosixUser = resourcePolicy({
  name: "efs-access-point-posix-user",
  description:
    "EFS access points should enforce a POSIX user (uid and gid), so every request through them acts as that user " +
    "instead of the identity the client asserts. Advisory. Checkov and Security Hub accept any user, root included; " +
    "prefer an unprivileged one.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `posixUser: { uid, gid }` to the application's unprivileged user and group.",
  references: [
    checkov("CKV_AWS_330"),
    fsbp("EFS.4"),
    awsDocs("Enforcing a user identity using an access point"),
  ],
  types: [EFS_ACCESS_POINT, NATIVE_EFS_ACCESS_POINT],
  check: (props, ctx) => {
    if (!holdsValue(() => props.posixUser?.gid))
      ctx.report("posixUser is not set: requests act as whatever user the client claims.");
  },
});
