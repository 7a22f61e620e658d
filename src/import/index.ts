// Other tools' logs re-priced with this dataset. Nothing here is worded for a command.

export { type LocationOverride, type Repriced, repriceRun } from "./codecarbon-reprice.ts";
export { type CodecarbonRun, csvRecords, readRun } from "./codecarbon-run.ts";
export {
  CODECARBON_COLUMN_SETS,
  type CodecarbonColumnSet,
  type HeaderReading,
  headerNote,
  readHeader,
} from "./codecarbon-versions.ts";
