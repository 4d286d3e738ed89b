// Cognito user pool clients: the checks of the provider's framework resource
// (internal/service/cognitoidp/user_pool_client.go), which its Check runs at `pulumi preview`: an
// auth session of 3 to 15 minutes (int64validator.Between), OAuth flows of the SDK's OAuthFlowType
// (`code`, `implicit`, `client_credentials`), and each token's validity in its unit
// (`tokenValidityUnits`): an access or ID token from 5 minutes to 1 day, a refresh token from 60
// minutes to 3650 days (ConfigValidators, resourceUserPoolClientValidityValidator). The validator
// reads the configuration: the default units (hours for the access and ID tokens, days for the
// refresh token) count only when the whole block is left out; a block that leaves a token's unit
// out matches none of its unit cases and counts that token's validity as 0s, refused ("got: 0s";
// the block's per-unit defaults are filled in at plan, after validation). The framework's words
// are its detail ("Attribute <path> <description>, got: <value>", terraform-plugin-framework-validators
// helpers/validatordiag), a duration written as Go's time.Duration writes it.
import { containsUnknown } from "../engine/wire";
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { int64Between, Validator } from "./validators";

const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const FILE = "internal/service/cognitoidp/user_pool_client.go";

/** Go's time.Duration.String() of a whole number of seconds: 300 → "5m0s", 86400 → "24h0m0s". */
export function goDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${sign}${h}h${m}m${rest}s`;
  if (m > 0) return `${sign}${m}m${rest}s`;
  return `${sign}${rest}s`;
}

/** setvalidator.ValueStringsAre(enum.FrameworkValidate[T]()): each value one of `values`. */
function eachOneOf(values: readonly string[]): Validator {
  const listed = `[${values.map((x) => JSON.stringify(x)).join(" ")}]`;
  return (v, k) =>
    typeof v === "string" && !values.includes(v)
      ? [
          `Attribute ${k}[Value(${JSON.stringify(v)})] value must be one of: ${listed}, got: ${JSON.stringify(v)}`,
        ]
      : [];
}

export const COGNITO_CLIENT_RULES: readonly InputRule[] = [
  {
    type: CLIENT,
    prop: "authSessionValidity",
    attr: "auth_session_validity",
    validate: int64Between(3, 15),
    fix: "3 to 15 (minutes)",
    source: FILE,
  },
  {
    type: CLIENT,
    prop: "allowedOauthFlows",
    attr: "allowed_oauth_flows",
    validate: eachOneOf(["code", "implicit", "client_credentials"]),
    fix: "code, implicit or client_credentials, in lower case",
    source: FILE,
  },
];

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
};

/** [input, provider attribute, unit input, default unit, minimum and maximum in seconds]. */
const VALIDITIES = [
  ["accessTokenValidity", "access_token_validity", "accessToken", "hours", 300, 86400],
  ["idTokenValidity", "id_token_validity", "idToken", "hours", 300, 86400],
  ["refreshTokenValidity", "refresh_token_validity", "refreshToken", "days", 3600, 315360000],
] as const;

const tokenValidity: CrossRule = {
  type: CLIENT,
  what: "each token's validity in its unit: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 3650 days",
  reads: [...VALIDITIES.map((v) => v[0]), "tokenValidityUnits"],
  check: (inputs) => {
    const block: unknown = inputs.tokenValidityUnits;
    const units: Record<string, unknown> | undefined =
      block && typeof block === "object" ? (block as Record<string, unknown>) : undefined;
    const out: CrossProblem[] = [];
    for (const [prop, attr, unitProp, unitDefault, min, max] of VALIDITIES) {
      const value: unknown = inputs[prop];
      if (typeof value !== "number" || !Number.isInteger(value)) continue;
      // The block left out: the default unit. The block given: its unit, none counting 0 seconds.
      const unit: unknown = units ? units[unitProp] : unitDefault;
      if (containsUnknown(unit)) continue;
      // A unit the SDK does not list is the enumeration's own refusal, not this one.
      const per = unit == null ? 0 : typeof unit === "string" ? UNIT_SECONDS[unit] : undefined;
      if (per === undefined) continue;
      const seconds = value * per;
      if (seconds >= min && seconds <= max) continue;
      out.push({
        prop,
        value,
        says:
          `Attribute ${attr} must have a duration between ${goDuration(min)} and ` +
          `${goDuration(max)}, got: ${goDuration(seconds)}`,
      });
    }
    return out;
  },
  fix:
    "access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 3650 days, counted in " +
    "tokenValidityUnits (hours, and days for the refresh token, when the whole block is left out; " +
    "a block given names the unit of each token whose validity is set)",
  source: FILE,
};

export const COGNITO_CLIENT_CROSS_RULES: readonly CrossRule[] = [tokenValidity];
