import { WRITE_FEATURES_SETTING } from "../write-features.js";
import { AppError } from "../errors.js";

/** Drills write to Traffic Manager, so every drill route and command needs the write switch. */
export function assertDrillsEnabled(config: { write: { enabled: boolean } }): void {
  if (!config.write.enabled)
    throw new AppError(
      "FORBIDDEN",
      `Failover drills write to Traffic Manager and are switched off: set ${WRITE_FEATURES_SETTING}=true ` +
        "(infra/ then grants the app Traffic Manager Contributor).",
    );
}
