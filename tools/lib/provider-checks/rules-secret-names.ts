// Secrets Manager secret names: the provider's own validators (internal/service/secretsmanager/
// validate.go, validSecretName and validSecretNamePrefix), which its Check runs at `pulumi
// preview`: a name of letters, digits and `/_+=.@-` only, at most 512 characters, and a prefix of
// the same characters, at most 486 (512 less the 26 characters of the suffix the provider
// appends, terraform-plugin-sdk helper/id UniqueIDSuffixLength). The name Pulumi makes from the
// logical name is judged too: `new aws.secretsmanager.Secret("db password")` is refused (its
// space).
import type { InputRule } from "./rule";
import { asString, goQuote, type Validator } from "./validators";

const SECRET = "aws:secretsmanager/secret:Secret";
const FILE = "internal/service/secretsmanager/validate.go";

const CHARACTERS = /^[0-9A-Za-z/_+=.@-]+$/;

/** validSecretName (`max` 512) or validSecretNamePrefix (`max` 486): both messages when both fail. */
function secretName(max: number): Validator {
  return (v, k) => {
    const s = asString(v);
    if (s === undefined) return [];
    const out: string[] = [];
    if (!CHARACTERS.test(s))
      out.push(
        `only alphanumeric characters and /_+=.@- special characters are allowed in ${goQuote(k)}`,
      );
    if (Buffer.byteLength(s, "utf8") > max)
      out.push(`${goQuote(k)} cannot be greater than ${max} characters`);
    return out;
  };
}

const FIX = "letters, digits and / _ + = . @ - only (no spaces or colons)";

export const SECRET_NAME_RULES: readonly InputRule[] = [
  {
    type: SECRET,
    prop: "name",
    attr: "name",
    validate: secretName(512),
    fix: `${FIX}, at most 512 characters`,
    source: FILE,
  },
  {
    type: SECRET,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: secretName(512 - 26),
    fix: `${FIX}, at most 486 characters (the provider appends 26)`,
    source: FILE,
  },
];
