// Schedule expressions: an EventBridge rule's and an EventBridge Scheduler schedule's. The
// provider checks only their length; AWS parses them when the provider creates the rule or
// schedule at `pulumi up` and refuses one it cannot read, so these rules cite the AWS pages that
// give the syntax (`by: "aws"`). Only what the pages state is judged: the expression's form, a
// cron expression's six fields with `?` in the day-of-month or the day-of-week, a rate's unit,
// and for a rule the singular unit of a rate of 1.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

/** The rule's cron syntax and its rate syntax, limitations included. */
const RULE_CRON =
  "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html";
const RULE_RATE =
  "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html";
/** CreateSchedule's ScheduleExpression: at(yyyy-mm-ddThh:mm:ss), rate(value unit), cron(fields). */
const SCHEDULER =
  "https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html";

const UNITS = ["minute", "minutes", "hour", "hours", "day", "days"];

/**
 * Cron: "Cron expressions have six required fields, which are separated by white space", and "If
 * you specify a value or a * (asterisk) in one of the fields [Day-of-month, Day-of-week], you
 * must use a ? (question mark) in the other" (eb-scheduled-rule-pattern.html; the Scheduler's
 * six fields are the same). Field values are not judged.
 */
function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return `a cron expression has six fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  if (fields[2] !== "?" && fields[4] !== "?")
    return "a cron expression needs ? in the day-of-month or the day-of-week field";
  return undefined;
}

/**
 * Rate: "rate(value unit)", the value "A positive number", the unit "minute | minutes | hour |
 * hours | day | days"; for a rule, "If the value is equal to 1, then the unit must be singular. If
 * the value is greater than 1, the unit must be plural" (eb-rate-expressions.html).
 */
function rateProblem(body: string, singularForOne: boolean): string | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(body);
  if (!m) return "a rate expression is rate(<value> <unit>), e.g. rate(5 minutes)";
  const [, value, unit] = m;
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    return `a rate's value is a positive whole number, got ${value}`;
  if (!UNITS.includes(unit)) return `a rate's unit is one of ${UNITS.join(", ")}, got ${unit}`;
  if (singularForOne && (Number(value) === 1) !== !unit.endsWith("s"))
    return Number(value) === 1
      ? `a rate of 1 takes the singular unit (rate(1 ${unit.replace(/s$/, "")}))`
      : `a rate above 1 takes the plural unit (rate(${value} ${unit}s))`;
  return undefined;
}

type Part = "form" | "rate" | "all";

/**
 * The expression's problem as the pages state the syntax, or none: `form` judges the form and a
 * cron expression, `rate` a rate expression (a rule's two pages), `all` both (the Scheduler's).
 */
function scheduleProblem(s: string, scheduler: boolean, part: Part): string | undefined {
  const m = /^(rate|cron|at)\((.*)\)$/s.exec(s.trim());
  const forms = scheduler ? "at(...), rate(...) or cron(...)" : "rate(...) or cron(...)";
  if (part !== "rate" && (!m || (m[1] === "at" && !scheduler)))
    return `a schedule expression is ${forms}`;
  if (!m) return undefined;
  if (m[1] === "rate") return part === "form" ? undefined : rateProblem(m[2], !scheduler);
  if (part === "rate") return undefined;
  if (m[1] === "cron") return cronProblem(m[2]);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(m[2].trim())
    ? undefined
    : `a one-time schedule is at(yyyy-mm-ddThh:mm:ss), got at(${m[2]})`;
}

function scheduleExpression(scheduler: boolean, part: Part): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const problem = scheduleProblem(v, scheduler, part);
    return problem ? [`${k} ${JSON.stringify(v)} is not valid: ${problem}`] : [];
  };
}

const RULE_FIX =
  "rate(1 minute) or rate(5 minutes) (singular for 1, plural above), or cron with six fields " +
  "and ? in the day-of-month or the day-of-week (cron(0 3 * * ? *))";

export const SCHEDULE_RULES: readonly InputRule[] = [
  awsRule(
    EVENT_RULE,
    "scheduleExpression",
    "scheduleExpression",
    scheduleExpression(false, "form"),
    RULE_FIX,
    RULE_CRON,
  ),
  awsRule(
    EVENT_RULE,
    "scheduleExpression",
    "scheduleExpression",
    scheduleExpression(false, "rate"),
    RULE_FIX,
    RULE_RATE,
  ),
  awsRule(
    SCHEDULE,
    "scheduleExpression",
    "scheduleExpression",
    scheduleExpression(true, "all"),
    "at(2026-12-31T23:00:00), rate(5 minutes), or cron with six fields and ? in the day-of-month or the day-of-week (cron(0 3 * * ? *))",
    SCHEDULER,
  ),
];
