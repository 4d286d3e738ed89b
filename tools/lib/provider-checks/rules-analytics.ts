// Athena databases and workgroups, Glue catalog databases and tables: names, descriptions,
// encryption options, the query cutoff and key ARNs (Glue jobs and crawlers: ./rules-glue.ts).
// The names Pulumi makes for them are judged as given ones: an Athena database's is `<logical name>_<7 hex>` (not lower-cased,
// so a logical name with a capital or a hyphen makes one the provider refuses), a Glue catalog
// database's and table's the logical name in lower case, `_` and 8 lower-case letters, a
// workgroup's `<logical name>-<7 hex>` (pulumi/pulumi-aws provider/resource_overrides.go and
// provider/autonaming.go). Each entry names the provider file that declares it.
import type { InputRule } from "./rule";
import {
  all,
  any,
  intAtLeast,
  intOneOf,
  lenBetween,
  matches,
  notMatches,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";

const ATHENA_DATABASE = "aws:athena/database:Database";
const WORKGROUP = "aws:athena/workgroup:Workgroup";
const GLUE_DATABASE = "aws:glue/catalogDatabase:CatalogDatabase";
const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";

const ATHENA_DB = "internal/service/athena/database.go";
const ATHENA_WG = "internal/service/athena/workgroup.go";

const ENCRYPTION = oneOfGrowing(["SSE_S3", "SSE_KMS", "CSE_KMS"]);
const ENCRYPTION_FIX = "SSE_S3, SSE_KMS or CSE_KMS, in upper case";

/** A Glue catalog name: 1 to 255 characters, no upper-case letter. */
const glueName: Validator = all(
  lenBetween(1, 255),
  notMatches(/[A-Z]/, "uppercase characters cannot be used"),
);

export const ANALYTICS_RULES: readonly InputRule[] = [
  {
    type: ATHENA_DATABASE,
    prop: "name",
    attr: "name",
    validate: matches(/^[0-9a-z_]+$/, "must be lowercase letters, numbers, or underscore ('_')"),
    fix: "lower-case letters, digits and _ only (Pulumi adds _ and 7 hex characters to a logical name it turns into the name: keep that lower case, without hyphens)",
    source: ATHENA_DB,
  },
  {
    type: ATHENA_DATABASE,
    prop: "encryptionConfiguration.encryptionOption",
    attr: "encryption_configuration.0.encryption_option",
    validate: ENCRYPTION,
    fix: ENCRYPTION_FIX,
    source: ATHENA_DB,
  },
  {
    type: WORKGROUP,
    prop: "name",
    attr: "name",
    validate: all(
      lenBetween(1, 128),
      matches(
        /^[0-9A-Za-z_.-]+$/,
        "must contain only alphanumeric characters, periods, underscores, and hyphens",
      ),
    ),
    fix: "letters, digits, ., _ and - only, at most 128 characters (a logical name Pulumi turns into the name too)",
    source: ATHENA_WG,
  },
  {
    type: WORKGROUP,
    prop: "description",
    attr: "description",
    validate: lenBetween(0, 1024),
    fix: "a description of at most 1024 characters",
    source: ATHENA_WG,
  },
  {
    type: WORKGROUP,
    prop: "state",
    attr: "state",
    validate: oneOfGrowing(["ENABLED", "DISABLED"]),
    fix: "ENABLED or DISABLED, in upper case",
    source: ATHENA_WG,
  },
  {
    type: WORKGROUP,
    prop: "configuration.resultConfiguration.encryptionConfiguration.encryptionOption",
    attr: "configuration.0.result_configuration.0.encryption_configuration.0.encryption_option",
    validate: ENCRYPTION,
    fix: ENCRYPTION_FIX,
    source: ATHENA_WG,
  },
  {
    type: WORKGROUP,
    prop: "configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn",
    attr: "configuration.0.result_configuration.0.encryption_configuration.0.kms_key_arn",
    validate: validARN,
    fix: "the key's `arn` output, not its id or alias",
    source: ATHENA_WG,
  },
  {
    // 10 MB in providers before v5.x, 1 MB since: the lower bound is the more lenient one.
    type: WORKGROUP,
    prop: "configuration.bytesScannedCutoffPerQuery",
    attr: "configuration.0.bytes_scanned_cutoff_per_query",
    validate: any(intAtLeast(1048576), intOneOf([0])),
    fix: "0 (no cutoff) or at least 1048576 bytes (1 MB)",
    source: ATHENA_WG,
  },
  ...[GLUE_DATABASE, GLUE_TABLE].map((type): InputRule => ({
    type,
    prop: "name",
    attr: "name",
    validate: glueName,
    fix: "a name in lower case, at most 255 characters",
    source: `internal/service/glue/${type === GLUE_TABLE ? "catalog_table" : "catalog_database"}.go`,
  })),
];
