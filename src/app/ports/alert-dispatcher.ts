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
  /** Closes the channels' connections (an SMTP pool); the dispatcher is not used afterwards. */
  close?(): Promise<void>;
}
