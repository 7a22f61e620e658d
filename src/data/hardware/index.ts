export { generatedCpusFrom } from "./cpus-generated.ts";
export { handWrittenHardware } from "./hand-written.ts";
export { hardwareSources } from "./sources.ts";
