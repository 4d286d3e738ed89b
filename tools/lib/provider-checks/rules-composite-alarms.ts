// CloudWatch composite alarms: the attribute validators of the provider's schema
// (internal/service/cloudwatch/composite_alarm.go), which its Check runs at `pulumi preview`: a
// name of at most 255 characters, a description of at most 1024 and a rule of 1 to 10240
// (validation.StringLenBetween), and each of the three action lists (alarm, OK, insufficient
// data) at most 5 ARNs (verify.ValidARN, `MaxItems: 5` of a set: the distinct values count). The
// same bounds are PutCompositeAlarm's (CloudWatch API Reference), so a provider that no longer
// checks one leaves it to AWS at `pulumi up`: the program does not deploy either way.
import { arnInputs, inputRule, maxItems, type CrossRule, type InputRule } from "./rule";
import { lenBetween } from "./validators";

const ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const FILE = "internal/service/cloudwatch/composite_alarm.go";

const ACTIONS: readonly (readonly [prop: string, attr: string])[] = [
  ["alarmActions", "alarm_actions"],
  ["okActions", "ok_actions"],
  ["insufficientDataActions", "insufficient_data_actions"],
];
const ACTION_FIX =
  "the ARNs of what the alarm notifies or does (a topic's `arn` output, an arn:aws:automate:… or " +
  "arn:aws:ssm:… action)";

export const COMPOSITE_ALARM_RULES: readonly InputRule[] = [
  inputRule(ALARM, "alarmName", "alarm_name", lenBetween(0, 255), "at most 255 characters", FILE),
  inputRule(
    ALARM,
    "alarmDescription",
    "alarm_description",
    lenBetween(0, 1024),
    "at most 1024 characters",
    FILE,
  ),
  inputRule(
    ALARM,
    "alarmRule",
    "alarm_rule",
    lenBetween(1, 10240),
    'a rule of at most 10240 characters, e.g. ALARM("cpu-high") OR ALARM("errors")',
    FILE,
  ),
  ...arnInputs(
    ALARM,
    FILE,
    ACTIONS.map(([prop, attr]) => [prop, attr, ACTION_FIX] as const),
  ),
];

export const COMPOSITE_ALARM_CROSS_RULES: readonly CrossRule[] = ACTIONS.map(([prop, attr]) =>
  maxItems(ALARM, [prop, attr], 5, FILE, {
    what: `at most 5 ${prop}`,
    fix: `at most 5 ARNs in ${prop} (notify one topic that fans out to more)`,
    distinct: true,
  }),
);
