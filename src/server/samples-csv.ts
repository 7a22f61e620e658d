// A run's samples as CSV, streamed page by page (keyset paging on series and seq), so a large run is
// never held in memory.
import type { Store } from "./store/store.ts";

/** CSV columns of the export. */
export const SAMPLE_CSV_COLUMNS = [
  "hostname",
  "rank",
  "log_id",
  "seq",
  "time",
  "key",
  "component",
  "label",
  "method",
  "via",
  "interval_s",
  "power_w",
  "energy_kwh",
  "emissions_kg",
] as const;

const PAGE = 5000;

/** One CSV cell: quoted when it holds a comma, quote or line break. */
export const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The export as a stream of UTF-8 CSV. */
export const samplesCsvStream = (store: Store, runId: number): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  let after = { seriesId: 0, seq: -1 };
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await store.runSamples(runId, after, PAGE);
      let text = header ? `${SAMPLE_CSV_COLUMNS.join(",")}\n` : "";
      header = false;
      for (const r of rows) {
        const powerW = r.intervalS > 0 ? (r.energyKWh * 3_600_000) / r.intervalS : 0;
        text += `${[r.hostname, r.rank, r.logId, r.seq, r.time, r.key, r.component, r.label, r.method, r.via, r.intervalS, powerW, r.energyKWh, r.emissionsKg].map(csvCell).join(",")}\n`;
      }
      if (text !== "") controller.enqueue(encoder.encode(text));
      const last = rows.at(-1);
      if (rows.length < PAGE || last === undefined) controller.close();
      else after = { seriesId: last.seriesId, seq: last.seq };
    },
  });
};
