import type { AppConfig } from "../../config/load-config.js";
import { WRITE_FEATURES_SETTING } from "../../config/sections/write.js";
import { AppError } from "../errors.js";

/** Drills write to Traffic Manager, so every drill route and command needs the write switch. */
export function assertDrillsEnabled(config: Pick<AppConfig, "write">): void {
  if (!config.write.enabled)
    throw new AppError(
      "FORBIDDEN",
      `Failover drills write to Traffic Manager and are switched off: set ${WRITE_FEATURES_SETTING}=true ` +
        "(infra/ then grants the app Traffic Manager Contributor).",
    );
}
