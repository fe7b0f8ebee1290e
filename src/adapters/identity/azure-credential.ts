import type { TokenCredential } from "@azure/core-auth";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";

/**
 * The one Entra ID credential of a process, built once by the composition root and shared by the
 * ARM, Table, Queue and ACS clients, so one token cache serves them all (the identity endpoint is
 * asked once per audience, not once per client). A user-assigned managed identity when its client
 * ID (AZURE_CLIENT_ID) is configured, because DefaultAzureCredential would otherwise pick the
 * system-assigned one; DefaultAzureCredential otherwise (developer sign-in locally).
 */
export function createAzureCredential(clientId: string | undefined): TokenCredential {
  return clientId === undefined ? new DefaultAzureCredential() : new ManagedIdentityCredential({ clientId });
}
