// A config value that is a deployment tool's placeholder, left unsubstituted: a stack file kept as
// a template that Octopus Deploy, a GitHub Actions workflow or a templating step fills in before
// Pulumi runs. Read as it is, the value is the placeholder's text, which `pulumi preview` refuses
// or uses as it stands; naming the syntax says what happened better than a nearest valid value.
//
// Syntaxes:
// - Octopus Deploy: "You reference a variable by wrapping its name in `#{` and `}`"
//   (https://octopus.com/docs/projects/variables/variable-substitutions).
// - GitHub Actions: an expression is written `${{ <expression> }}`
//   (https://docs.github.com/en/actions/learn-github-actions/expressions).
// - Helm, Go templates, Jinja and Mustache: `{{ ... }}`.
// - A shell, envsubst or Docker Compose variable: `${NAME}`.

const SYNTAXES: { pattern: RegExp; what: string }[] = [
  { pattern: /^#\{[^{}]+\}$/, what: "an Octopus Deploy variable reference (#{...})" },
  { pattern: /^\$\{\{[^{}]*\}\}$/, what: "a GitHub Actions expression (${{ ... }})" },
  {
    pattern: /^\{\{[^{}]*\}\}$/,
    what: "a template expression ({{ ... }}) of Helm, Jinja or Mustache",
  },
  { pattern: /^\$\{[A-Za-z_][A-Za-z0-9_.]*\}$/, what: "a shell or envsubst variable (${NAME})" },
];

/** What kind of placeholder `value` is, whole, or undefined for any other value. */
export function templatePlaceholder(value: string): string | undefined {
  const v = value.trim();
  return SYNTAXES.find((s) => s.pattern.test(v))?.what;
}
