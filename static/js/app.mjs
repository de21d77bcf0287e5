// Starts GOV.UK Frontend's components. Loaded as a module from a static file with the
// page's CSP nonce: the app has no inline script.
import { initAll } from "../dist/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
