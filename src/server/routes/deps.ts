// What every route file is given by createApp.
import type { Dataset } from "../../core/types.ts";
import type { Store } from "../store/store.ts";

/** Dependencies of the routes. */
export interface RouteDeps {
  /** The store. */
  readonly store: Store;
  /** The dataset (reports, cleanest region). */
  readonly dataset: Dataset;
  /** The clock. */
  readonly now: () => Date;
}
