import { accessSync, constants } from "node:fs";

/** The command that installs what the browser tests need on Debian/Ubuntu (CI runs it as root). */
export const CHROMIUM_INSTALL = "apt-get install -y --no-install-recommends chromium";

/** A Chromium to drive: CHROMIUM_PATH when set, else Debian's and the usual distribution paths. */
export function findChromium(): string | undefined {
  const candidates = [
    process.env["CHROMIUM_PATH"],
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  for (const path of candidates) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next
    }
  }
  return undefined;
}
