// Pulumi.yaml `runtime.options` as the language host reads them. Its Go side (pulumi/pulumi
// `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`) checks them in `parseOptions`, and in
// `execRuntime` splits `nodeargs` with `runtimeArgs, err = shlex.Split(opts.nodeargs)`: an
// error there answers the run with that error, and Node is never started. `shlex` is
// github.com/google/shlex, which has no release: go.mod files pin its last commit
// (v0.0.0-20191202100458-e7afc7fbc510). Its rules (`shlex.go`, `scanStream`), mirrored here:
// - space, tab, CR and LF separate words; every other character but quotes, backslash and `#`
//   is text (`=`, `/`, `:` and non-ASCII letters included);
// - '…' keeps everything literally; "…" too, except that a backslash takes the next character
//   as it is (`\"`, `\\`, and `\n` gives `n`, not a newline: unlike a POSIX shell);
// - outside quotes a backslash takes the next character literally;
// - a `#` that starts a word starts a comment to the end of the line; inside a word it is text;
// - quotes inside a word join it (`--title="a b"` is one word `--title=a b`), and `''` is an
//   empty word;
// - an unclosed quote or a trailing backslash is an error.

/**
 * The host's `parseOptions` (typescript on by default, tsconfig, nodeargs), with `nodeargs` split
 * as `execRuntime` splits it. Throws the host's error for a bad option.
 */
export function hostOptions(options: Readonly<Record<string, unknown>>) {
  const typescript = options.typescript ?? true;
  if (typeof typescript !== "boolean") throw new Error("typescript option must be a boolean");
  const tsconfig = options.tsconfig;
  if (tsconfig !== undefined && typeof tsconfig !== "string") {
    throw new Error("tsconfigpath option must be a string");
  }
  const nodeargs = options.nodeargs ?? "";
  if (typeof nodeargs !== "string") throw new Error("nodeargs option must be a string");
  // Split as the host splits them: shell-style quotes, escapes and comments (below).
  return { typescript, tsconfig, nodeargs: splitNodeArgs(nodeargs) };
}

const SPACE = " \t\r\n";

/** google/shlex `Split`: the words of `s`, or the error the language host reports. */
export function splitNodeArgs(s: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (SPACE.includes(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      // A comment token: skipped up to (not past) the end of its line.
      while (i < s.length && s[i] !== "\n") i++;
      continue;
    }
    let word = "";
    while (i < s.length && !SPACE.includes(s[i])) {
      const ch = s[i++];
      if (ch === "'") {
        const end = s.indexOf("'", i);
        if (end < 0) throw new Error("EOF found when expecting closing quote");
        word += s.slice(i, end);
        i = end + 1;
      } else if (ch === '"') {
        for (;;) {
          if (i >= s.length) throw new Error("EOF found when expecting closing quote");
          const q = s[i++];
          if (q === '"') break;
          if (q === "\\") {
            if (i >= s.length) throw new Error("EOF found after escape character");
            word += s[i++];
          } else word += q;
        }
      } else if (ch === "\\") {
        if (i >= s.length) throw new Error("EOF found after escape character");
        word += s[i++];
      } else word += ch;
    }
    words.push(word);
  }
  return words;
}

/**
 * `NODE_OPTIONS` for the program's process: the check's preload first, then whatever the user's
 * environment sets. The Pulumi CLI starts the language host, and the host starts Node, each with
 * the caller's environment (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go: `env :=
 * os.Environ()`, Pulumi's own variables appended, `cmd.Env = env`), so a user's `NODE_OPTIONS=--require ...` applies under
 * `pulumi preview` and must apply here too.
 */
export function programNodeOptions(preload: string, inherited: string | undefined): string {
  const own = `--require ${JSON.stringify(preload)}`;
  const theirs = inherited?.trim();
  return theirs ? `${own} ${theirs}` : own;
}
