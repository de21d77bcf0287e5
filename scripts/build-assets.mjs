// Builds static/dist: our Sass compiled against GOV.UK Frontend, and the GOV.UK Frontend
// JavaScript module. No fonts or crown images are copied: this is not a GOV.UK service.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "static", "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(dist, { recursive: true });

const result = sass.compile(join(root, "static", "scss", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(dist, "app.css"), result.css);
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
console.log("Built static/dist/app.css (%d bytes) and govuk-frontend.min.js", result.css.length);
