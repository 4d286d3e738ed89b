// The usage error a tool's argument parser or file reader throws, for the specs that drive them
// directly instead of through the command line.
import { expect } from "chai";
import { UsageError } from "../../tools/lib/cli";

/** The usage error `fn` throws; a test that gets anything else fails with its stack. */
export function usageErrorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e, String((e as Error)?.stack)).to.be.instanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error("expected a usage error");
}

/** The message of the usage error `fn` throws: one line, no stack frames. */
export function usageError(fn: () => unknown): string {
  const { message } = usageErrorOf(fn);
  expect(message).to.not.contain("\n");
  return message;
}
