// JSON maps in @pulumi/aws-native inputs that the classic provider lists: CloudFormation types some
// properties as a JSON object keyed by name (AWS::ApiGatewayV2::Stage RouteSettings by route key,
// AWS::DocDB::DBClusterParameterGroup Parameters by parameter name, AWS::OpenSearchService::Domain
// LogPublishingOptions by log type), where the classic resource has a list of blocks, each naming
// its key. The JSON is the template's, so a field may be CloudFormation's PascalCase or the SDK's
// camelCase.
import { eitherField } from "./spelling";

/**
 * A JSON map as the classic list: one `entry(key, value)` per key, in the map's order, `value`
 * read only when the entry reads it (an unknown value throws then, as the classic property would).
 * Anything but a map (absent, an array, an unknown value's sentinel) is returned as it is.
 */
export function mapAsList<T>(v: unknown, entry: (key: string, value: () => any) => T): unknown {
  if (v === undefined || v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const map = v as Record<string, unknown>;
  return Object.keys(map).map((key) => entry(key, () => map[key]));
}

/** A field of a template's JSON object, in the SDK's camelCase or CloudFormation's PascalCase. */
export function templateField(o: any, camel: string): unknown {
  return eitherField(o, camel, camel[0].toUpperCase() + camel.slice(1));
}
