// GOV.UK Frontend's components, started once the page has loaded (an enhancement: every page works without it).
import { initAll } from '/govuk/govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();
