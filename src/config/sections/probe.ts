import { z } from "zod";

/** Settings of the probe area. Keys are app-setting names exactly as in Azure. */
export const probeSection = z.object({}).transform(() => ({}));
