import type { AlertMessage } from "../../core/alerts/alert-message.js";
import type { Incident } from "../../core/alerts/incident.js";
import type { Finding } from "../../core/finding.js";
import type { Report } from "../../core/report.js";

/**
 * Turns a cycle's reports into notifications (state machine + outbox). Never throws: a channel
 * that fails is retried later and recorded, and never fails the audit.
 */
export interface AlertDispatcher {
  /** Findings about alert delivery (e.g. ALERT_DELIVERY_FAILED) to add to a profile's next report. */
  deliveryFindings(profile: string): Promise<Finding[]>;
  dispatch(reports: readonly Report[]): Promise<void>;
  /**
   * The same dispatcher for one batch of profiles (a queue message's): their alert states and
   * pending messages are read once, up front, and serve `deliveryFindings` and the first decision
   * of `dispatch` (a save still commits only on the state read, so a concurrent writer is
   * noticed and the profile decided again). Optional; never throws (without a batch read it is
   * the plain dispatcher).
   */
  forProfiles?(profiles: readonly string[]): Promise<AlertDispatcher>;
  /**
   * Records a one-off message (a drill's result) in the outbox for every configured channel,
   * whatever its minimum severity (the result is what someone asked for), then delivers what is pending. `key` makes it idempotent: a message whose
   * key was already recorded for the profile is not recorded again. Never throws.
   */
  announce?(message: AlertMessage, key: string): Promise<void>;
  /**
   * The profile's open incidents as the alert state holds them.
   * @throws when the alert state cannot be read.
   */
  openIncidents?(profile: string): Promise<readonly Incident[]>;
  /** Closes the channels' connections (an SMTP pool); the dispatcher is not used afterwards. */
  close?(): Promise<void>;
}
