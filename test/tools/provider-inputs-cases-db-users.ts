// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the master user names RDS refuses at create (rules-create-db.ts).
import type { Case } from "./provider-inputs-cases";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

export const DB_USERS_COMPLIANT: Record<string, Record<string, unknown>> = {
  // Longer than the pages' 16: PostgreSQL takes up to 63.
  [DB]: { username: "application_db_admin_user" },
  // admin is MySQL's usual master user, reserved only by PostgreSQL.
  [CLUSTER]: { engine: "aurora-mysql", masterUsername: "admin" },
};

export const DB_USERS_BROKEN: Case[] = [
  [DB, "username", "1admin", 'username "1admin": a master user name begins with a letter'],
  [DB, "username", "_admin", "a master user name begins with a letter"],
  [DB, "username", "app-admin", "a master user name holds only letters, digits and _"],
  [DB, "username", "app.admin", "a master user name holds only letters, digits and _"],
  [DB, "username", "admin", "admin is a word the postgres engine reserves"],
  // rdsadmin only where RDS has refused it: the two Aurora engines.
  [
    CLUSTER,
    "masterUsername",
    "rdsadmin",
    'masterUsername "rdsadmin": rdsadmin is RDS\'s own user on the aurora-mysql engine',
  ],
  [
    CLUSTER,
    "masterUsername",
    "rdsadmin",
    "rdsadmin is RDS's own user on the aurora-postgresql engine",
    { engine: "aurora-postgresql", masterUsername: "postgres" },
  ],
  [DB, "username", "pg_dba", "the postgres engine reserves role names beginning pg_"],
  [
    CLUSTER,
    "masterUsername",
    "admin",
    "admin is a word the aurora-postgresql engine reserves",
    { engine: "aurora-postgresql", masterUsername: "postgres" },
  ],
  [CLUSTER, "masterUsername", "db admin", "a master user name holds only letters, digits and _"],
];
