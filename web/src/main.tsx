import { render } from "preact";
import { tryEstimate } from "../../src/index.ts";

const out = tryEstimate({ hardware: "A100 SXM4 80GB", count: 8, hours: 100, region: "gcp:us-central1" });
render(<p>{out.ok ? out.value.derivation : out.problems[0].message}</p>, document.getElementById("app") as HTMLElement);
