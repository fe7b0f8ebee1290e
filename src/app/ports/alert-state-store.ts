import type { ProfileAlertState } from "../../core/alerts/incident.js";

export type { ProfileAlertState };

/** Open incidents and delivery problems per profile, between cycles. */
export interface AlertStateStore {
  /** Undefined when the profile has no alert state yet. */
  load(profile: string): Promise<ProfileAlertState | undefined>;
  save(state: ProfileAlertState): Promise<void>;
}
