import { z } from "zod";

/** Settings of the host area. Keys are app-setting names exactly as in Azure. */
export const hostSection = z.object({}).transform(() => ({}));
