// Amazon Location trackers (Trivy AVD-AWS-0180) and geofence collections: a customer key passes;
// no key (an AWS-owned key) and the AWS-managed key fail.
import { policies } from "../../../policy-pack/policies/kms";
import { LOCATION_GEOFENCE_COLLECTION, LOCATION_TRACKER } from "../../../policy-pack/lib/types";
import { keyPropCases } from "../fixtures/kms";

keyPropCases(
  policies,
  "location-tracker-kms-cmk",
  "Location tracker",
  LOCATION_TRACKER,
  { trackerName: "fleet" },
  "kmsKeyId",
  "geo",
);
keyPropCases(
  policies,
  "location-geofence-collection-kms-cmk",
  "Location geofence collection",
  LOCATION_GEOFENCE_COLLECTION,
  { collectionName: "depots" },
  "kmsKeyId",
  "geo",
);
