import { build } from "esbuild";
import { tgwfDataPlugin } from "./tgwf-data-plugin.mjs";
import { commandEntryPlugin, lazyChildProcessPlugin } from "./lib/cli-bundles.mjs";
import { resolve } from "node:path";
const r = await build({bundle:true,platform:"node",format:"esm",target:"node20",write:false,entryPoints:{"commands/estimate":"mlco2-command:estimate-command:registerEstimate"},outdir:"/tmp/x",minifySyntax:true,plugins:[commandEntryPlugin(resolve("src/cli")),lazyChildProcessPlugin,tgwfDataPlugin],external:["@electric-sql/pglite","@hono/node-server","@opentelemetry/*","hono","postgres","prom-client"],metafile:true, logLevel:"error"});
for (const [out, o] of Object.entries(r.metafile.outputs)) {
  const ins = Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,60).map(([k,v])=>`${k}:${v.bytesInOutput}`);
  console.log(out, o.bytes, "\n   ", ins.join("\n    "));
}
