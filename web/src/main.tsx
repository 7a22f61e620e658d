// Entry point: renders the page into #app.
import { render } from "preact";
import { App } from "./app.tsx";
import "./styles.css";

performance.mark("mlco2:modules-evaluated");
render(<App />, document.getElementById("app") as HTMLElement);
