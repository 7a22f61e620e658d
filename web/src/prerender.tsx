// Build-time rendering of the default form and its result (web/build/prerender.ts puts it into
// index.html), so a first visit shows the result before the script has loaded.
import { renderToString } from "preact-render-to-string";
import { App } from "./app.tsx";

/** The page for the default inputs, as HTML. */
export const prerender = (): string => renderToString(<App query="" />);
