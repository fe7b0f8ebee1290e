import type { Endpoint as SdkEndpoint, Profile as SdkProfile } from "@azure/arm-trafficmanager";
import { AppError } from "../../app/errors.js";
import type {
  EndpointPatch,
  EndpointRef,
  ProfilePatch,
  TrafficManagerWriter,
} from "../../app/ports/traffic-manager-writer.js";
import { formatProfileKey, parseProfileKey } from "../../core/profile-key.js";
import type { ProfileKey } from "../../core/profile.js";
import type { ArmClients } from "./arm-clients.js";
import { toWriteError } from "./arm-write-error.js";

export interface ArmWriterOptions {
  /** Per-request timeout (ARM_TIMEOUT_MS). */
  timeoutMs: number;
  /** For messages only: the pipeline's retry count (ARM_MAX_RETRIES). */
  maxRetries: number;
}

/**
 * Writes through the same SDK clients as the reader (ArmClients: one credential, bounded
 * Retry-After, retries). `endpoints.update` and `profiles.update` send ARM PATCH, so keys not in
 * the patch keep their live values.
 */
export class ArmTrafficManagerWriter implements TrafficManagerWriter {
  constructor(
    private readonly clients: ArmClients,
    private readonly options: ArmWriterOptions,
  ) {}

  async updateEndpoint(profileKey: string, endpoint: EndpointRef, patch: EndpointPatch): Promise<void> {
    const key = keyOf(profileKey);
    const what = `endpoint "${endpoint.name}" (${endpoint.type}) of ${formatProfileKey(key)}`;
    const body: SdkEndpoint = { ...patch };
    try {
      await this.clients
        .for(key.subscriptionId)
        .endpoints.update(key.resourceGroup, key.profileName, endpoint.type, endpoint.name, body, {
          requestOptions: { timeout: this.options.timeoutMs },
        });
    } catch (e: unknown) {
      throw toWriteError(e, { what, ...this.options });
    }
  }

  async updateProfile(profileKey: string, patch: ProfilePatch): Promise<void> {
    const key = keyOf(profileKey);
    const body: SdkProfile = {};
    if (patch.monitorConfig !== undefined) body.monitorConfig = { ...patch.monitorConfig };
    if (patch.ttl !== undefined) body.dnsConfig = { ttl: patch.ttl };
    if (patch.profileStatus !== undefined) body.profileStatus = patch.profileStatus;
    try {
      await this.clients.for(key.subscriptionId).profiles.update(key.resourceGroup, key.profileName, body, {
        requestOptions: { timeout: this.options.timeoutMs },
      });
    } catch (e: unknown) {
      throw toWriteError(e, { what: `profile ${formatProfileKey(key)}`, ...this.options });
    }
  }
}

function keyOf(profileKey: string): ProfileKey {
  const key = parseProfileKey(profileKey);
  if (!key)
    throw new AppError(
      "VALIDATION",
      `Invalid profile key "${profileKey}": expected {subscriptionId}/{resourceGroup}/{profileName}.`,
    );
  return key;
}
