// Saves an API answer as a file. The token travels in the Authorization header, so a plain link (which
// would need it in the URL) cannot do this: the file is fetched, then handed to the browser as a Blob.
import type { Api } from "./api.ts";

/** A file name from a run key: letters, digits, dot, dash and underscore kept, the rest "_". */
export const fileNameOf = (runKey: string, suffix: string): string =>
  `${runKey.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) || "run"}-${suffix}`;

/** Fetches `path` and saves it as `fileName`. */
export const download = async (api: Api, path: string, fileName: string): Promise<void> => {
  const blob = await api.blob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download once click() returns; the URL is released soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
