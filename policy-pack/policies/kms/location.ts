// Encryption at rest with customer-managed KMS keys for Amazon Location Service: trackers (device
// position histories) and geofence collections. By default Location encrypts with AWS owned keys
// (Location Developer Guide, "Data encryption at rest").
import { customerKeyPolicy } from "../../lib/kms/keys";
import { LOCATION_GEOFENCE_COLLECTION, LOCATION_TRACKER } from "../../lib/types";
import {
  NATIVE_LOCATION_GEOFENCE_COLLECTION,
  NATIVE_LOCATION_TRACKER,
} from "../../lib/native/types";
import { awsDocs, trivy } from "../../lib/controls";

export const locationTrackerKms = customerKeyPolicy({
  name: "location-tracker-kms-cmk",
  description:
    "Amazon Location trackers encrypt the device positions they store with a customer-managed " +
    "KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyId to the stack's customer-managed key on every Tracker (it can only be chosen " +
    "when the tracker is created).",
  // Trivy/defsec AVD-AWS-0180 "Tracker Data Encrypted" (location/tracker_data_encrypted.rego).
  references: [
    trivy("AWS-0180"),
    awsDocs("location/latest/developerguide/encryption-at-rest.html"),
  ],
  types: [LOCATION_TRACKER, NATIVE_LOCATION_TRACKER],
  noun: "Location tracker",
  check: (k) => k.requireKey({ prop: "kmsKeyId", whenNone: "an AWS-owned key" }),
});

export const locationGeofenceKms = customerKeyPolicy({
  name: "location-geofence-collection-kms-cmk",
  description:
    "Amazon Location geofence collections encrypt the geofences they store with a " +
    "customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "low",
  remediationSteps:
    "Set kmsKeyId to the stack's customer-managed key on every GeofenceCollection (it can only " +
    "be chosen when the collection is created).",
  references: [awsDocs("location/latest/developerguide/encryption-at-rest.html")],
  types: [LOCATION_GEOFENCE_COLLECTION, NATIVE_LOCATION_GEOFENCE_COLLECTION],
  noun: "Location geofence collection",
  check: (k) => k.requireKey({ prop: "kmsKeyId", whenNone: "an AWS-owned key" }),
});
