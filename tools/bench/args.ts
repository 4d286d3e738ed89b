// The flags of `npm run bench` (tools/bench.ts), read strictly (tools/lib/flags.ts): a part that
// does not exist, a size that is no whole number in range or a flag without its value is a usage
// error (exit 2) before anything runs, never a bench of NaN resources or a silent full run.
import { UsageError } from "../lib/cli";
import { flagValue, parseFlags } from "../lib/flags";

export const PARTS = ["pack", "analyzer", "prod", "program", "timeline"] as const;

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --only <part>          one part: ${PARTS.join(", ")} (default: all)
  --sizes <n,n,...>      synthetic stack sizes of the pack part (default: 1000,10000)
  --program-size <n>     resources of the generated program (default: 10000)
  --help                 this text
`;

/** Largest stack or program the bench generates (a bigger one only exhausts memory). */
const MAX_SIZE = 1_000_000;

interface BenchArgs {
  readonly only?: (typeof PARTS)[number];
  readonly sizes: number[];
  readonly programSize: number;
  /** `--program-size` was given (the timeline then uses a generated program). */
  readonly programSizeGiven: boolean;
  readonly help: boolean;
}

/** A size flag's value: a whole number of resources, 1 to `MAX_SIZE` (`_` and `,` not inside). */
function size(flag: string, text: string): number {
  if (!/^[1-9][0-9]*$/.test(text) || Number(text) > MAX_SIZE) {
    throw new UsageError(
      `${flag} takes whole numbers of resources between 1 and ${MAX_SIZE}, not '${text}'`,
      true,
    );
  }
  return Number(text);
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const flags = parseFlags(argv, {
    "--only": { value: true },
    "--sizes": { value: true },
    "--program-size": { value: true },
    "--help": { alias: "-h" },
  });
  const only = flagValue(flags, "--only");
  if (only !== undefined && !(PARTS as readonly string[]).includes(only)) {
    throw new UsageError(`--only '${only}': use one of ${PARTS.join(", ")}`, true);
  }
  const sizes = (flagValue(flags, "--sizes") ?? "1000,10000")
    .split(",")
    .map((t) => size("--sizes", t));
  const programSize = flagValue(flags, "--program-size");
  return {
    only: only as BenchArgs["only"],
    sizes,
    programSize: programSize === undefined ? 10000 : size("--program-size", programSize),
    programSizeGiven: programSize !== undefined,
    help: flags.has("--help"),
  };
}
