// The dashboard's entry: renders the shell into #app. Its own Vite build (web/vite.dashboard.config.ts),
// so nothing of it reaches the calculator's first load.
import { render } from "preact";
import "../styles.css";
import "./dashboard.css";
import { Dashboard } from "./dashboard.tsx";

const root = document.getElementById("app") as HTMLElement;
root.textContent = "";
render(<Dashboard />, root);
// Reacts to input from here on (tests wait for this).
document.documentElement.setAttribute("data-ready", "");
performance.mark("mlco2:dashboard-interactive");
