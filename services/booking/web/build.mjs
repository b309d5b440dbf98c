// Copies the DSFR files the pages use into ../src/booking/entrypoints/web/static/dsfr (git-ignored).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "node_modules", "@gouvfr", "dsfr", "dist");
const target = join(here, "..", "src", "booking", "entrypoints", "web", "static", "dsfr");
// Only the icon families the pages use: the whole utility.min.css weighs 41 kB gzipped, these 7 kB.
const iconFamilies = ["arrows", "business", "map"].map((f) => `utility/icons/icons-${f}/icons-${f}.min.css`);

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of ["dsfr.min.css", "dsfr.module.min.js", "dsfr.nomodule.min.js", ...iconFamilies]) {
  mkdirSync(dirname(join(target, file)), { recursive: true });
  cpSync(join(dist, file), join(target, file));
}
for (const folder of ["fonts", "icons", "favicon"]) {
  cpSync(join(dist, folder), join(target, folder), { recursive: true });
}
