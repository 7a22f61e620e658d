// The mlco2 server client (Node): live uploads for the tracker, pushes after the fact. Node only.
export { codecarbonRows } from "./codecarbon-csv.ts";
export {
  type EstimatesUploadOptions,
  type EstimatesUploadOutcome,
  type EstimateUpload,
  uploadEstimates,
} from "./estimates-upload.ts";
export { type LogStream, type LogStreamOptions, streamLogLines } from "./log-stream.ts";
export { type PushKind, type PushOptions, type PushOutcome, pushFile } from "./push.ts";
export { type LogPlace, logPlaceOf, type PlaceHints } from "./run-key.ts";
export { createUploader, type Uploader, type UploaderOptions, type UploadState } from "./uploader.ts";
