import { AppError } from "../../app/errors.js";
import type { TrafficManagerWriter } from "../../app/ports/traffic-manager-writer.js";
import type { AppConfig } from "../../config/load-config.js";
import type { ArmClients } from "./arm-clients.js";
import { ArmTrafficManagerWriter } from "./arm-traffic-manager-writer.js";
import { createArmClients } from "./create-arm-clients.js";

const WRITES_OFF =
  "Writes to Traffic Manager are switched off: set TM_ENABLE_WRITE_FEATURES=true (and grant the app's " +
  "identity Traffic Manager Contributor on the profile) to apply plans or run drills";

const NO_ARM =
  "No ARM access is configured for writes: set TM_WATCH so tm-sentinel reads and writes Traffic Manager " +
  "through ARM (LIVE_PROFILE_FILE is read-only)";

/**
 * The writer the configuration allows: one that refuses every call (FORBIDDEN, nothing sent) unless
 * TM_ENABLE_WRITE_FEATURES is on; with it on, the ARM writer on the process's shared clients when
 * ARM is configured, else one that fails with a CONFIG error.
 */
export function createTrafficManagerWriter(config: AppConfig, clients?: ArmClients): TrafficManagerWriter {
  if (!config.write.enabled) return refusing("FORBIDDEN", WRITES_OFF);
  if (config.arm.liveProfileFile !== undefined || config.arm.watch.length === 0)
    return refusing("CONFIG", NO_ARM);
  return new ArmTrafficManagerWriter(clients ?? createArmClients(config), {
    timeoutMs: config.arm.timeoutMs,
    maxRetries: config.arm.maxRetries,
  });
}

function refusing(code: "FORBIDDEN" | "CONFIG", message: string): TrafficManagerWriter {
  const refuse = () => Promise.reject(new AppError(code, message));
  return { updateEndpoint: refuse, updateProfile: refuse };
}
