import type { HttpRequest } from "@azure/functions";
import { AppError } from "../../app/errors.js";
import { resolveWatchedProfile } from "../../app/resolve-watched-profile.js";
import type { Runtime } from "../../composition-root.js";
import { checkProfileSegments } from "../../core/route-segments.js";

/**
 * The one entry for every per-profile route: `{sub}/{rg}/{name}` → the lower-case profile key of
 * a watched profile. Throws AppError VALIDATION (400, naming the segment) or NOT_FOUND (404,
 * profile not on the watch list) before anything touches storage, ARM or alerts.
 */
export async function watchedProfileFromRoute(rt: Runtime, request: HttpRequest): Promise<string> {
  const { sub, rg, name } = request.params;
  const checked = checkProfileSegments(sub, rg, name);
  if (!checked.ok)
    throw new AppError(
      "VALIDATION",
      `Invalid route segment: ${checked.problems.map((p) => `${p.path} ${p.message}`).join("; ")}. ` +
        "The route is /api/profiles/{subscriptionId}/{resourceGroup}/{profileName}/….",
      checked.problems,
    );
  return resolveWatchedProfile(
    { watch: rt.config.arm.watch, tag: rt.config.arm.watchTag, live: rt.live },
    checked.key,
  );
}
