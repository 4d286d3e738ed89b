// EBS encryption-by-default as the stack configures it for its account and region.
import type { StackIndex } from "../define";
import { peek } from "../values";
import { T } from "./types";

export interface EbsDefaults {
  /** The stack turns on EBS encryption by default for the account and region. */
  readonly encrypted: boolean;
  /** …with a customer-managed default key. */
  readonly cmk: boolean;
}

/** EBS encryption-by-default as this stack configures it (aws.ebs.EncryptionByDefault / DefaultKmsKey). */
export function ebsDefaults(index: StackIndex): EbsDefaults {
  const encrypted = index
    .ofType(T.ebsEncryptionByDefault)
    .some((r) => peek(() => r.props.enabled).known && r.props.enabled !== false);
  const cmk = index.ofType(T.ebsDefaultKmsKey).length > 0;
  return { encrypted, cmk: encrypted && cmk };
}
