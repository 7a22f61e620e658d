import type { Problem } from "../core/errors.ts";
import { formatQuantity, sig3 } from "../core/format-number.ts";
import type { Factor, FactorKind } from "../core/types.ts";
import {
  bestShift,
  type EnergyProfile,
  MS_PER_MINUTE,
  priceProfile,
  seriesValueAt,
} from "../plan/profile-shift.ts";
import type { IntensitySeries, SeriesFactor, SignalKind } from "../plan/series.ts";
import type { IntensitySource, SourceName } from "../plan/sources/intensity-source.ts";
import { formatInstant } from "../plan/time.ts";

/** Time-resolved grid intensity for a tracked run (`mlco2 track --source …`). */
export interface IntensitySeriesOptions {
  /** Which source, for labels and messages. */
  readonly name: SourceName;
  /**
   * The source as of a time (API clients carry their "now"); `signal` aborts its requests when the run
   * ends. Called once up front and once per refresh.
   */
  readonly sourceAt: (nowMs: number, signal: AbortSignal) => IntensitySource;
  /** Problems with the zone, checked before anything runs (a file without the zone's rows, a WattTime region missing). */
  readonly checkZone?: (zone: string) => readonly Problem<string>[];
  /** The id to ask the source for instead of the grid zone (a WattTime region). */
  readonly seriesZone?: string;
  /** Seconds between refreshes (default 3600: API answers are cached for an hour). */
  readonly refreshS?: number;
  /** Called once for each loud line (an API failure, a stale answer, the yearly fallback). */
  readonly onWarning?: (line: string) => void;
}

/** Hours either side of the run's start over which the best window is searched. */
export const SHIFT_HOURS = 12;

/** The best window of the same run within ±12 h, or why there is none. */
export interface BestWindow {
  /** Its emissions, kg CO2eq (null: no time-resolved data for the span). */
  readonly kg: number | null;
  /** When the run would have started, ISO 8601 (null as above). */
  readonly start: string | null;
  /** What the search rests on, or why there is none. */
  readonly note: string;
}

/** What the feed adds to the tracker's summary. */
export interface SeriesSummary {
  /** The run's emissions, each minute priced with the latest readings known at the end, kg CO2eq. */
  readonly emissionsKg: number;
  /** The series' factors that priced energy or the window (source, retrieval time, span), and the weighted mean. */
  readonly factors: readonly Factor[];
  /** What was assumed (minutes priced at the yearly figure). */
  readonly warnings: readonly string[];
  /** The best window of the same length within ±12 h. */
  readonly bestWindow: BestWindow;
}

/** A run's link to a time-resolved source: figures for each interval now, the re-priced total at the end. */
export interface IntensityFeed {
  /** The intensity for an interval's midpoint: the series' reading, else the yearly figure. Never waits. */
  readonly intensityAt: (at: Date) => number;
  /** Adds an interval's facility energy at its midpoint. */
  readonly record: (midpointMs: number, facilityKWh: number) => void;
  /** Settles when the first answer (or failure) has been taken in. */
  readonly ready: () => Promise<void>;
  /** Settles when the first answer is in, or after `ms` (the end of a short run waits that long at most). */
  readonly settled: (ms: number) => Promise<void>;
  /** Stops refreshing and aborts requests in flight. */
  readonly close: () => void;
  /** Prices the run with the latest readings and searches the best window. */
  readonly summary: () => SeriesSummary;
}

/** What the feed needs besides the options. */
export interface FeedInput {
  /** The options. */
  readonly options: IntensitySeriesOptions;
  /** The location's grid zone. */
  readonly zone: string;
  /** The location's yearly intensity and its factor, for minutes without a reading. */
  readonly yearlyGPerKWh: number;
  /** Wall-clock start of the run, ms. */
  readonly runStartMs: number;
  /** Wall clock, ms. */
  readonly now: () => number;
}

/** The series known so far: readings merged across answers, each period labelled with its factor. */
interface Known {
  readonly series: IntensitySeries;
  /** Index into `factors` of the answer part each period came from (−1: none). */
  readonly origins: Int32Array;
}

/** Labels each period of an answer with the first of its factors whose readings span it (history before forecast). */
const originsOf = (series: IntensitySeries, offset: number): Int32Array => {
  const origins = new Int32Array(series.values.length).fill(-1);
  const spans = series.factors.map((f) => ({
    from: Date.parse(f.firstReading),
    to: Date.parse(f.lastReading) + series.stepMs,
  }));
  for (let i = 0; i < origins.length; i++) {
    if (Number.isNaN(series.values[i] as number)) continue;
    const t = series.startMs + i * series.stepMs;
    const k = spans.findIndex((s) => t >= s.from && t < s.to);
    origins[i] = offset + Math.max(k, 0);
  }
  return origins;
};

/** Joins a new answer into what is known: its readings win where it has them; a new period length replaces all. */
const mergeKnown = (known: Known | null, series: IntensitySeries, origins: Int32Array): Known => {
  if (
    known === null ||
    known.series.stepMs !== series.stepMs ||
    (series.startMs - known.series.startMs) % series.stepMs !== 0
  )
    return { series, origins };
  const step = series.stepMs;
  const startMs = Math.min(known.series.startMs, series.startMs);
  const endMs = Math.max(
    known.series.startMs + known.series.values.length * step,
    series.startMs + series.values.length * step,
  );
  const n = Math.round((endMs - startMs) / step);
  const values = new Float64Array(n).fill(Number.NaN);
  const merged = new Int32Array(n).fill(-1);
  for (const [part, labels] of [
    [known.series, known.origins],
    [series, origins],
  ] as const) {
    const offset = Math.round((part.startMs - startMs) / step);
    for (let i = 0; i < part.values.length; i++) {
      const v = part.values[i] as number;
      if (Number.isNaN(v)) continue;
      values[offset + i] = v;
      merged[offset + i] = labels[i] as number;
    }
  }
  return {
    series: { ...series, startMs, values, warnings: [...known.series.warnings, ...series.warnings] },
    origins: merged,
  };
};

/** A factor with its retrieval time and span in the note, so every rendering shows them. */
const labelled = (factor: SeriesFactor): SeriesFactor => ({
  ...factor,
  note: `${factor.note ?? ""}${factor.retrievedAt === null ? "" : `; retrieved ${factor.retrievedAt}`}; readings ${factor.firstReading} – ${factor.lastReading}`,
});

const KIND_ORDER: readonly FactorKind[] = ["measured", "published", "user", "estimated", "default"];

/** Minute-by-minute facility energy, grown as the run goes on. */
const energyProfile = () => {
  let startMinute: number | null = null;
  let kWh = new Float64Array(256);
  let length = 0;
  return {
    add(ms: number, value: number) {
      const minute = Math.floor(ms / MS_PER_MINUTE);
      startMinute ??= minute;
      const i = Math.max(0, minute - startMinute);
      if (i >= kWh.length) {
        const grown = new Float64Array(Math.max(kWh.length * 2, i + 1));
        grown.set(kWh);
        kWh = grown;
      }
      kWh[i] = (kWh[i] as number) + value;
      if (i + 1 > length) length = i + 1;
    },
    get(): EnergyProfile {
      return { startMinute: startMinute ?? 0, kWh: kWh.subarray(0, length) };
    },
  };
};

/** The best-window part of the summary. */
const bestWindowOf = (
  input: FeedInput,
  known: Known | null,
  profile: EnergyProfile,
  failed: boolean,
): BestWindow => {
  const span = `${SHIFT_HOURS} h`;
  if (known === null) {
    return {
      kg: null,
      start: null,
      note: failed
        ? `${input.options.name} gave no usable readings (see the warnings), so no window within ±${span} can be compared`
        : `no readings arrived from ${input.options.name} before the run ended, so no window within ±${span} can be compared`,
    };
  }
  const maxShift = SHIFT_HOURS * 60;
  const search = bestShift(profile, known.series, maxShift);
  const { series } = known;
  const covers = `${formatInstant(series.startMs)} – ${formatInstant(series.startMs + series.values.length * series.stepMs)}`;
  if (search === null) {
    return {
      kg: null,
      start: null,
      note: `the readings (${covers}) cover no start within ±${span} of the run for its whole length`,
    };
  }
  const runStart = input.runStartMs + search.shiftMin * MS_PER_MINUTE;
  const partial =
    search.fromMin > -maxShift || search.toMin < maxShift
      ? `; the readings (${covers}) cover starts from ${sig3(search.fromMin / 60)} h to +${sig3(search.toMin / 60)} h only`
      : "";
  const forecast = series.factors.some((f) => f.kind === "estimated")
    ? "; hours not yet past when last read are forecasts"
    : "";
  return {
    kg: search.grams / 1000,
    start: formatInstant(Math.round(runStart / 1000) * 1000),
    note: `the same energy, minute by minute, moved by ${search.shiftMin === 0 ? "0 h (the run already started at the best time)" : `${search.shiftMin > 0 ? "+" : ""}${sig3(search.shiftMin / 60)} h`}; ${search.candidates} starts within ±${span} priced with ${series.signal === "marginal" ? "marginal (MOER)" : "average"} readings${partial}${forecast}`,
  };
};

/** The feed's state: what the source said so far, its warnings, and the refresh timer. */
interface FeedRun {
  readonly input: FeedInput;
  readonly controller: AbortController;
  readonly factors: SeriesFactor[];
  readonly loud: string[];
  readonly profile: ReturnType<typeof energyProfile>;
  known: Known | null;
  failed: boolean;
  closed: boolean;
  timer: NodeJS.Timeout | null;
}

/** Says a line once (to `onWarning` too). */
const warnFeed = (run: FeedRun, line: string): void => {
  if (run.loud.includes(line)) return;
  run.loud.push(line);
  run.input.options.onWarning?.(line);
};

/** Takes an answer in: its lines said, its readings merged into what is known; a failure (null) said once
 * while nothing is known (the yearly figure stays). */
const takeAnswer = (run: FeedRun, series: IntensitySeries | null, lines: readonly string[]): void => {
  const { input } = run;
  for (const line of lines) warnFeed(run, line);
  if (series === null) {
    run.failed = true;
    if (run.known === null)
      warnFeed(
        run,
        `no time-resolved intensity from ${input.options.name} for ${input.zone}: intervals are priced at its yearly average (${formatQuantity(input.yearlyGPerKWh)} g/kWh) until an answer arrives.`,
      );
    return;
  }
  const origins = originsOf(series, run.factors.length);
  run.factors.push(...series.factors);
  run.known = mergeKnown(run.known, series, origins);
};

/** Asks the source once; never rejects (a failure is taken in as one). */
const askSource = async (run: FeedRun): Promise<void> => {
  const { input } = run;
  const { options } = input;
  const nowMs = Math.floor(input.now() / 1000) * 1000;
  // History from 12 h before the run first; once readings are known, the last two hours are enough
  // (older hours stay in what is known).
  const request = {
    zone: input.zone,
    ...(options.seriesZone === undefined ? {} : { seriesZone: options.seriesZone }),
    earliestMs:
      run.known === null
        ? Math.min(nowMs, input.runStartMs) - SHIFT_HOURS * 3_600_000
        : nowMs - 2 * 3_600_000,
    deadlineMs: nowMs + SHIFT_HOURS * 3_600_000,
  };
  try {
    const answer = await options.sourceAt(nowMs, run.controller.signal).seriesFor(request);
    if (run.closed) return;
    if (answer.ok) takeAnswer(run, answer.value.series, answer.value.loud);
    else takeAnswer(run, null, [`${options.name}: ${answer.problems[0].message}.`]);
  } catch (error) {
    if (!run.closed) takeAnswer(run, null, [`${options.name} failed: ${(error as Error).message}.`]);
  }
};

/** Asks again every `refreshS` (default an hour) until closed; the timer does not hold the process. */
const scheduleRefresh = (run: FeedRun): void => {
  run.timer = setTimeout(
    () => {
      void askSource(run).then(() => {
        if (!run.closed) scheduleRefresh(run);
      });
    },
    (run.input.options.refreshS ?? 3600) * 1000,
  );
  run.timer.unref();
};

/** Resolves when `first` has, or after `ms`, whichever comes first. A held timer: the end of the run must
 * not be lost because nothing else keeps the process alive. */
const settledWithin = (first: Promise<void>, ms: number): Promise<void> =>
  new Promise<void>((resolve) => {
    const timeout = setTimeout(resolve, ms);
    void first.then(() => {
      clearTimeout(timeout);
      resolve();
    });
  });

/**
 * Opens the feed: asks the source once now for the window around the run (the last hours, the
 * forecast), then again every `refreshS`, in the background; the sampling loop only reads what has
 * arrived. A source that fails leaves the yearly figure in place, with a loud warning, never a zero.
 */
export const openIntensityFeed = (input: FeedInput): IntensityFeed => {
  const run: FeedRun = {
    input,
    controller: new AbortController(),
    factors: [],
    loud: [],
    profile: energyProfile(),
    known: null,
    failed: false,
    closed: false,
    timer: null,
  };
  const first = askSource(run);
  void first.then(() => {
    if (!run.closed) scheduleRefresh(run);
  });
  return {
    intensityAt: (at) => {
      const value = run.known === null ? Number.NaN : seriesValueAt(run.known.series, at.getTime());
      return Number.isNaN(value) ? input.yearlyGPerKWh : value;
    },
    record: (midpointMs, facilityKWh) => run.profile.add(midpointMs, facilityKWh),
    ready: () => first,
    settled: (ms) => settledWithin(first, ms),
    close: () => {
      run.closed = true;
      if (run.timer !== null) clearTimeout(run.timer);
      run.controller.abort();
    },
    summary: () => summaryOf(input, run.known, run.factors, run.loud, run.profile.get(), run.failed),
  };
};

/** The re-priced emissions, the factors that priced them, and the best window. */
const summaryOf = (
  input: FeedInput,
  known: Known | null,
  factors: readonly SeriesFactor[],
  loud: readonly string[],
  profile: EnergyProfile,
  failed: boolean,
): SeriesSummary => {
  const priced = priceProfile(profile, known?.series ?? null, input.yearlyGPerKWh, known?.origins);
  const total = [...priced.kWhByOrigin.values()].reduce((a, b) => a + b, 0);
  const used = [...priced.kWhByOrigin.keys()].filter((k) => k >= 0).sort((a, b) => a - b);
  const seriesFactors = used.map((k) => labelled(factors[k] as SeriesFactor));
  const fallbackKWh = priced.kWhByOrigin.get(-1) ?? 0;
  const share = (kWh: number) => (total > 0 ? `${sig3((kWh / total) * 100)} %` : "0 %");
  const parts = used.map(
    (k) => `${share(priced.kWhByOrigin.get(k) ?? 0)} by ${(factors[k] as SeriesFactor).name}`,
  );
  if (fallbackKWh > 0)
    parts.push(`${share(fallbackKWh)} at the yearly average (no reading for those minutes)`);
  const kinds = [
    ...used.map((k) => (factors[k] as SeriesFactor).kind),
    ...(fallbackKWh > 0 ? ["published" as const] : []),
  ];
  const kind = KIND_ORDER.reduce<FactorKind>(
    (worst, k) => (kinds.includes(k) ? k : worst),
    kinds[0] ?? "published",
  );
  const signal: SignalKind = known?.series.signal ?? "average";
  const weighted: Factor = {
    name: `grid intensity (${input.zone}, time-varying, energy-weighted mean over the run)`,
    value: total > 0 ? priced.grams / total : input.yearlyGPerKWh,
    unit: "g/kWh",
    kind,
    source: null,
    year: null,
    note: `each minute of the run priced with the latest ${signal === "marginal" ? "marginal (MOER)" : "average"} reading known at its end: ${parts.join(", ") || "no energy"}`,
  };
  const warnings = [...loud];
  if (known === null && !failed)
    warnings.push(
      `no readings from ${input.options.name} had arrived when the run ended: it is priced at the yearly average (${formatQuantity(input.yearlyGPerKWh)} g/kWh).`,
    );
  if (fallbackKWh > 0 && known !== null)
    warnings.push(
      `${share(fallbackKWh)} of the energy fell in minutes without a reading from ${input.options.name} and was priced at the yearly average (${formatQuantity(input.yearlyGPerKWh)} g/kWh).`,
    );
  return {
    emissionsKg: priced.grams / 1000,
    factors: [...seriesFactors, weighted],
    warnings,
    bestWindow: bestWindowOf(input, known, profile, failed),
  };
};
