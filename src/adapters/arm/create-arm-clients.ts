import type { AppConfig } from "../../config/load-config.js";
import { ArmClients, createArmCredential } from "./arm-clients.js";

/**
 * The one set of ARM clients per process: the live reader and the Traffic Manager writer share
 * its credential (one token cache) and pipeline settings (retries, bounded Retry-After, timeouts).
 */
export function createArmClients(config: AppConfig): ArmClients {
  const arm = config.arm;
  return new ArmClients(createArmCredential(arm.clientId), {
    endpoint: arm.endpoint,
    scope: arm.scope,
    maxRetries: arm.maxRetries,
  });
}
