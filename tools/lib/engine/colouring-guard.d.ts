// Types of ./colouring-guard.js (plain JavaScript: the program's preload requires it).

/** Objects the guard looks at for one inspection, at most. */
export const VISIT_BUDGET: number;

/**
 * True when Node's colouring would not terminate on a line of the stack of `value` or of an
 * error `util.inspect` formats inside it to `depth` (null: any depth).
 */
export function colouringNeverEndsIn(value: unknown, depth?: number | null): boolean;

/** Replaces `util.inspect` with one whose coloured description of such an error is uncoloured. */
export function guardColouredInspect(): void;
