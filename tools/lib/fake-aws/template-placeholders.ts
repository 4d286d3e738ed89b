// A config value that is a deployment tool's placeholder, left unsubstituted: a stack file kept as
// a template that Octopus Deploy, a GitHub Actions workflow or a templating step fills in before
// Pulumi runs. Read as it is, the value is the placeholder's text, which `pulumi preview` refuses
// or uses as it stands; naming the syntax says what happened better than a nearest valid value.
//
// Syntaxes:
// - Octopus Deploy: "You reference a variable by wrapping its name in `#{` and `}`"
//   (https://octopus.com/docs/projects/variables/variable-substitutions).
// - Replace Tokens (the Azure DevOps task qetza.replacetokens): its default token pattern is
//   `#{NAME}#` (https://github.com/qetza/replacetokens-task, README, `tokenPattern: default`).
// - Tokenizer tasks of Azure DevOps release pipelines (Colin's ALM Corner Build & Release Tools'
//   Tokenizer): `__NAME__`.
// - Azure Pipelines macro syntax: `$(NAME)`, names may hold dots (`$(Build.BuildId)`)
//   (https://learn.microsoft.com/azure/devops/pipelines/process/variables, "Macro syntax variables").
// - GitHub Actions: an expression is written `${{ <expression> }}`
//   (https://docs.github.com/en/actions/learn-github-actions/expressions).
// - CloudFormation dynamic references: `{{resolve:service-name:reference-key}}`, resolved by
//   CloudFormation only (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html).
// - Helm, Go templates, Jinja and Mustache: `{{ ... }}`.
// - Terraform string interpolation of an input variable: `${var.NAME}`
//   (https://developer.hashicorp.com/terraform/language/expressions/strings#interpolation).
// - A shell, envsubst or Docker Compose variable: `${NAME}`, `${NAME:-default}`; a shell name has
//   no dots or colons (POSIX "Name": letters, digits, underscores).
// Only a whole value is a placeholder: a template inside a longer value, an IAM policy variable
// (`${aws:username}`) or a CloudFormation pseudo parameter (`${AWS::Region}`) is none. Nor is a
// `{{ }}` tag that a template renders to no value of its own: a block or section's opening,
// `{{else}}` or closing tag (Handlebars block helpers `{{#each}}`...`{{/each}}`,
// https://handlebarsjs.com/guide/block-helpers.html; Mustache sections `{{#name}}`, inverted
// sections `{{^name}}`, comments `{{! }}` and delimiter changes `{{= =}}`,
// https://mustache.github.io/mustache.5.html), or a Go template control action (`{{if}}`,
// `{{else}}`, `{{end}}`, `{{range}}`, `{{with}}`, `{{define}}`, `{{block}}`, `{{break}}`,
// `{{continue}}`, with `{{-`/`-}}` trimming, https://pkg.go.dev/text/template#hdr-Actions, as Helm
// charts write them). Such a value is a template's structure left in the file, not a slot a tool
// fills with the value the key needs.

const SYNTAXES: { pattern: RegExp; what: string }[] = [
  {
    pattern: /^#\{[^{}]+\}#$/,
    what: "a Replace Tokens token (#{...}#, the Azure DevOps task's default pattern)",
  },
  { pattern: /^#\{[^{}]+\}$/, what: "an Octopus Deploy variable reference (#{...})" },
  {
    pattern: /^__[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]__$/,
    what: "a Tokenizer token (__NAME__) of an Azure DevOps release pipeline",
  },
  {
    pattern: /^\$\([A-Za-z_][A-Za-z0-9_.]*\)$/,
    what: "an Azure Pipelines macro variable ($(NAME))",
  },
  { pattern: /^\$\{\{[^{}]*\}\}$/, what: "a GitHub Actions expression (${{ ... }})" },
  {
    pattern: /^\{\{resolve:[a-z-]+:[^{}]+\}\}$/,
    what: "a CloudFormation dynamic reference ({{resolve:...}}, which only CloudFormation resolves)",
  },
  {
    pattern: /^\{\{[^{}]*\}\}$/,
    what: "a template expression ({{ ... }}) of Helm, Jinja or Mustache",
  },
  {
    pattern: /^\$\{var\.[A-Za-z_][A-Za-z0-9_-]*\}$/,
    what: "a Terraform variable interpolation (${var.NAME})",
  },
  {
    pattern: /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^{}]*)?\}$/,
    what: "a shell or envsubst variable (${NAME})",
  },
];

/**
 * A `{{ }}` tag that opens, continues or closes a block, or renders nothing (see above). A control
 * word followed by a letter, digit, `.` or `-` starts a name (`{{ endpoint }}`, `{{ end-date }}`,
 * `{{ if-enabled }}`): a placeholder. Go's trim marker is ` -}}`, after a space (`{{ end -}}`).
 */
const TEMPLATE_STRUCTURE =
  /^\{\{[~-]?\s*(?:[#/^!=]|(?:else|if|end|range|with|define|block|break|continue)(?![\w.-]))/;

/** What kind of placeholder `value` is, whole, or undefined for any other value. */
export function templatePlaceholder(value: string): string | undefined {
  const v = value.trim();
  if (TEMPLATE_STRUCTURE.test(v)) return undefined;
  return SYNTAXES.find((s) => s.pattern.test(v))?.what;
}
