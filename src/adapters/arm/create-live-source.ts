import { AppError } from "../../app/errors.js";
import type { LiveProfileSource } from "../../app/ports/live-profile-source.js";
import type { AppConfig } from "../../config/load-config.js";
import type { ArmClients } from "./arm-clients.js";
import { ArmProfileSource } from "./arm-profile-source.js";
import { createArmClients } from "./create-arm-clients.js";
import { ProfileFileSource } from "./profile-file-source.js";

/**
 * The live source the configuration asks for: exported files when LIVE_PROFILE_FILE is set
 * (offline and demo runs), ARM when TM_WATCH is set, otherwise a source that fails with a CONFIG
 * error on first use, so commands that never read live state still start. `clients` are the
 * process's shared ARM clients (see createArmClients).
 */
export function createLiveSource(config: AppConfig, clients?: ArmClients): LiveProfileSource {
  const arm = config.arm;
  if (arm.liveProfileFile !== undefined) return new ProfileFileSource(arm.liveProfileFile);
  if (arm.watch.length === 0) return unconfigured;
  const shared = clients ?? createArmClients(config);
  return new ArmProfileSource({
    clients: shared,
    credential: shared.credential,
    watch: arm.watch,
    tag: arm.watchTag,
    endpoint: arm.endpoint,
    scope: arm.scope,
    maxRetries: arm.maxRetries,
    timeoutMs: arm.timeoutMs,
  });
}

const NOT_CONFIGURED =
  "no live profile source configured: set TM_WATCH (profile IDs, /subscriptions/{id} or " +
  "/subscriptions/{id}/resourceGroups/{rg}, comma-separated) to read ARM, or LIVE_PROFILE_FILE " +
  "to read exported profile JSON";

const unconfigured: LiveProfileSource = {
  readWatched: () => Promise.reject(new AppError("CONFIG", NOT_CONFIGURED)),
  readProfiles: () => Promise.reject(new AppError("CONFIG", NOT_CONFIGURED)),
};
