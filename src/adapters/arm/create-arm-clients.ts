import type { TokenCredential } from "@azure/core-auth";
import type { AppConfig } from "../../config/load-config.js";
import { createAzureCredential } from "../identity/azure-credential.js";
import { ArmClients } from "./arm-clients.js";

/**
 * The one set of ARM clients per process: the live reader and the Traffic Manager writer share
 * its credential (the process's one credential, from the composition root, so one token cache)
 * and pipeline settings (retries, bounded Retry-After, timeouts).
 */
export function createArmClients(config: AppConfig, credential?: TokenCredential): ArmClients {
  const arm = config.arm;
  return new ArmClients(credential ?? createAzureCredential(arm.clientId), {
    endpoint: arm.endpoint,
    scope: arm.scope,
    maxRetries: arm.maxRetries,
  });
}
