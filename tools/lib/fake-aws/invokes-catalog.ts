// Catalogue look-ups: the newest Elastic Beanstalk platform (solution stack) whose name matches a
// pattern, and the default or chosen version of an RDS engine. Programs call them to avoid
// hard-coding a version; the answer is a plausible current one, the same on every run.
import type { Resolved } from "./env";
import { NotModelled } from "./invokes-misc";

type Args = Record<string, any>;

/**
 * Solution stack branches, newest first, named as ListAvailableSolutionStacks returns them ("64bit
 * Amazon Linux 2015.03 v2.0.0 running Node.js": Elastic Beanstalk API reference and the platform
 * list in the Elastic Beanstalk Platforms guide, "Elastic Beanstalk supported platforms"). The
 * platform versions are placeholders: an offline run cannot know the current one.
 */
const SOLUTION_STACKS = [
  "64bit Amazon Linux 2023 v4.0.0 running Docker",
  "64bit Amazon Linux 2023 v4.0.0 running ECS",
  "64bit Amazon Linux 2023 v6.0.0 running Node.js 22",
  "64bit Amazon Linux 2023 v6.0.0 running Node.js 20",
  "64bit Amazon Linux 2023 v4.0.0 running Python 3.13",
  "64bit Amazon Linux 2023 v4.0.0 running Python 3.12",
  "64bit Amazon Linux 2023 v4.0.0 running Python 3.11",
  "64bit Amazon Linux 2023 v4.0.0 running PHP 8.4",
  "64bit Amazon Linux 2023 v4.0.0 running PHP 8.3",
  "64bit Amazon Linux 2023 v4.0.0 running Ruby 3.4",
  "64bit Amazon Linux 2023 v4.0.0 running Ruby 3.3",
  "64bit Amazon Linux 2023 v4.0.0 running Corretto 21",
  "64bit Amazon Linux 2023 v4.0.0 running Corretto 17",
  "64bit Amazon Linux 2023 v5.0.0 running Tomcat 10 Corretto 21",
  "64bit Amazon Linux 2023 v5.0.0 running Tomcat 10 Corretto 17",
  "64bit Amazon Linux 2023 v3.0.0 running .NET 8",
  "64bit Amazon Linux 2023 v4.0.0 running Go 1",
  "64bit Amazon Linux 2 v4.0.0 running Docker",
  "64bit Amazon Linux 2 v3.0.0 running ECS",
  "64bit Amazon Linux 2 v5.0.0 running Node.js 18",
  "64bit Amazon Linux 2 v3.0.0 running Python 3.8",
  "64bit Amazon Linux 2018.03 v2.26.0 running Multi-container Docker 19.03.13-ce (Generic)",
  "64bit Windows Server 2022 v2.0.0 running IIS 10.0",
  "64bit Windows Server 2019 v2.0.0 running IIS 10.0",
];

/**
 * `nameRegex` is a Go (RE2) pattern: the provider matches it against every stack name
 * (terraform-provider-aws, data_source_aws_elastic_beanstalk_solution_stack.go). RE2's leading
 * flag group `(?i)` becomes JavaScript's `i` flag; the rest of the syntax programs use is shared.
 */
function goPattern(source: string): RegExp {
  const flags = /^\(\?([imsU]+)\)/.exec(source);
  const body = flags ? source.slice(flags[0].length) : source;
  const js = [...new Set((flags?.[1] ?? "").replace("U", ""))].join("");
  try {
    return new RegExp(body, js);
  } catch {
    throw new NotModelled(`nameRegex ${JSON.stringify(source)} is not a pattern JavaScript reads`);
  }
}

function solutionStack(a: Args): Args {
  const pattern = goPattern(String(a.nameRegex ?? ""));
  const matches = SOLUTION_STACKS.filter((s) => pattern.test(s));
  if (matches.length === 0) {
    throw new NotModelled(`no solution stack known offline matches ${JSON.stringify(a.nameRegex)}`);
  }
  // Without mostRecent the provider fails when several match ("Your query returned more than one
  // result. Please try a more specific search criteria, or set `most_recent` attribute to true.").
  if (matches.length > 1 && a.mostRecent !== true) {
    throw new Error(
      "Your query returned more than one result. Please try a more specific search criteria, or set `most_recent` attribute to true.",
    );
  }
  return { ...a, id: matches[0], name: matches[0] };
}

interface Engine {
  /** The engine's default version (its newest major's default minor), as DescribeDBEngineVersions. */
  readonly version: string;
  /** The parameter group family of a version, from its major version. */
  readonly family: (version: string) => string;
  readonly description: string;
  readonly logTypes: readonly string[];
}

const major = (v: string, parts: number) => v.split(".").slice(0, parts).join(".");

/**
 * RDS engines and their default versions (Amazon RDS User Guide, the "supported versions" page of
 * each engine; Aurora User Guide, "Aurora versions"). Families follow the engines' naming:
 * postgres17, mysql8.0, mariadb11.4, aurora-mysql8.0, aurora-postgresql16.
 */
const ENGINES: Record<string, Engine> = {
  postgres: {
    version: "17.4",
    family: (v) => `postgres${major(v, 1)}`,
    description: "PostgreSQL",
    logTypes: ["postgresql", "upgrade"],
  },
  mysql: {
    version: "8.0.41",
    family: (v) => `mysql${major(v, 2)}`,
    description: "MySQL Community Edition",
    logTypes: ["audit", "error", "general", "slowquery"],
  },
  mariadb: {
    version: "11.4.5",
    family: (v) => `mariadb${major(v, 2)}`,
    description: "MariaDb Community Edition",
    logTypes: ["audit", "error", "general", "slowquery"],
  },
  "aurora-postgresql": {
    version: "16.6",
    family: (v) => `aurora-postgresql${major(v, 1)}`,
    description: "Aurora (PostgreSQL)",
    logTypes: ["postgresql"],
  },
  "aurora-mysql": {
    version: "8.0.mysql_aurora.3.08.2",
    family: (v) => `aurora-mysql${major(v, 2)}`,
    description: "Aurora MySQL",
    logTypes: ["audit", "error", "general", "slowquery"],
  },
};

function engineVersion(a: Args): Args {
  const engine = ENGINES[String(a.engine)];
  if (!engine) throw new NotModelled(`the versions of engine "${a.engine}" are not known offline`);
  const preferred: string[] = Array.isArray(a.preferredVersions) ? a.preferredVersions : [];
  const asked: string | undefined = a.version ?? preferred[0];
  // A partial version ("8.0", "16") names that major's newest minor; the default shares the
  // major when it starts the same way, else the asked version stands as given.
  const version =
    asked === undefined || engine.version.startsWith(`${asked}.`) || engine.version === asked
      ? engine.version
      : asked;
  return {
    ...a,
    id: version,
    engine: a.engine,
    version,
    versionActual: version,
    versionDescription: `${engine.description} ${version}`,
    engineDescription: engine.description,
    parameterGroupFamily: engine.family(version),
    defaultCharacterSet: "",
    exportableLogTypes: engine.logTypes,
    status: "available",
    supportedCharacterSets: [],
    supportedFeatureNames: [],
    supportedModes: [],
    supportedTimezones: [],
    supportsCertificateRotationWithoutRestart: true,
    supportsGlobalDatabases: a.engine.startsWith("aurora"),
    supportsIntegrations: false,
    supportsLimitlessDatabase: false,
    supportsLocalWriteForwarding: false,
    supportsLogExportsToCloudwatch: true,
    supportsParallelQuery: false,
    supportsReadReplica: true,
    validMajorTargets: [],
    validMinorTargets: [],
    validUpgradeTargets: [],
  };
}

export const CATALOG_INVOKES: Record<string, (args: Args, env: Resolved) => Args> = {
  "aws:elasticbeanstalk/getSolutionStack:getSolutionStack": solutionStack,
  "aws:rds/getEngineVersion:getEngineVersion": engineVersion,
};
