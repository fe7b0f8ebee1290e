import { z } from "zod";

/** Settings of the alerts area. Keys are app-setting names exactly as in Azure. */
export const alertsSection = z.object({}).transform(() => ({}));
