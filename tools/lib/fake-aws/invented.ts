// Values the fake makes up that a program may name resources after (a RandomPet, a RandomString,
// a RandomId, a RandomUuid), kept distinct within one run. Each is a function of its seed
// (./hash.ts), so two seeds may meet on one value where the real provider's draw practically never
// would; a program naming resources after them would then see a duplicate URN that `pulumi up`
// would not meet. A value already given to another seed of the run is drawn again from the seed
// and a counter (`<seed>~1`, `<seed>~2`, ...), as the provider would have drawn another value.

/** One run's made-up values, by kind: each value with the seed it was made for. */
export type Invented = Map<string, Map<string, string>>;

/** How many draws a seed gets before a repeat is kept (a space too small to hold every seed). */
const DRAWS = 64;

/**
 * `make(seed)`, unless another seed of the run already got that value of `kind`: then
 * `make("<seed>~n")` for the first n that gives a value no other seed has. The same seed gets the
 * same value however often it asks. Without `invented` (a caller outside a run), `make(seed)`.
 */
export function distinctValue(
  invented: Invented | undefined,
  kind: string,
  seed: string,
  make: (seed: string) => string,
): string {
  if (!invented) return make(seed);
  let owners = invented.get(kind);
  if (!owners) invented.set(kind, (owners = new Map()));
  let value = make(seed);
  for (let n = 1; n < DRAWS; n++) {
    const owner = owners.get(value);
    if (owner === undefined || owner === seed) break;
    value = make(`${seed}~${n}`);
  }
  if (!owners.has(value)) owners.set(value, seed);
  return value;
}
