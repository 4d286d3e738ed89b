// EBS encryption-by-default as the stack configures it for its account and region.
import type { StackIndex } from "../define";
import { classifyKey } from "../kms/keys";
import { isUnknownError, peek, flagValue } from "../values";

import { EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT } from "../types";

export interface EbsDefaults {
  /** The stack turns on EBS encryption by default for the account and region. */
  readonly encrypted: boolean;
  /** …with a default key that is a customer-managed key. */
  readonly cmk: boolean;
  /**
   * The default key is set but unknown until apply (neither a key of this stack nor a literal):
   * a volume that relies on it cannot be judged at preview.
   */
  readonly keyUnknown: boolean;
}

/** EBS encryption-by-default as this stack configures it (aws.ebs.EncryptionByDefault / DefaultKmsKey). */
export function ebsDefaults(index: StackIndex): EbsDefaults {
  const encrypted = index
    .ofType(EBS_ENCRYPTION_BY_DEFAULT)
    .some((r) => peek(() => r.props.enabled).known && flagValue(r.props.enabled) !== false);
  let cmk = false;
  let keyUnknown = false;
  for (const r of index.ofType(EBS_DEFAULT_KMS_KEY)) {
    try {
      if (classifyKey(index, r, "keyArn", () => r.props.keyArn).kind === "customer") cmk = true;
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      keyUnknown = true;
    }
  }
  return { encrypted, cmk: encrypted && cmk, keyUnknown: encrypted && !cmk && keyUnknown };
}
