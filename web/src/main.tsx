// Entry point. The default form is prerendered into index.html at build time (its result is on screen
// before this script has loaded): hydrate it. A permalink's inputs differ: render afresh.
import { hydrate, render } from "preact";
import { App } from "./app.tsx";
import "./styles.css";

performance.mark("mlco2:modules-evaluated");
const root = document.getElementById("app") as HTMLElement;
const query = location.search.length > 1 ? location.search : "";
// A link naming an instance type (inst=, or i= with provider:type) needs the instance types' chunk for its
// first result: fetch it now, before the form renders (the app's import gets the same module).
if (/[?&](?:inst=|i=[^&]*(?::|%3A))/i.test(query)) import("./instance-picker.tsx").catch(() => undefined);
if (query === "" && root.hasAttribute("data-prerendered")) hydrate(<App query="" />, root);
else {
  root.textContent = "";
  render(<App query={query} />, root);
}
root.removeAttribute("data-prerendered");
document.documentElement.removeAttribute("data-link");
// The page reacts to input from here on (tests wait for this before typing).
document.documentElement.setAttribute("data-ready", "");
performance.mark("mlco2:interactive");
