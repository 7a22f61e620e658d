/** Cloud-region dataset: every provider's regions in one list, the providers, and the sources they cite. */
import type { CloudRegion } from "../types.ts";
import { awsRegions } from "./aws.ts";
import { azureRegions } from "./azure.ts";
import { coreweaveRegions } from "./coreweave.ts";
import { gcpRegions } from "./gcp.ts";
import { ovhcloudRegions } from "./ovhcloud.ts";
import { providers } from "./providers.ts";
import { scalewayRegions } from "./scaleway.ts";
import { seewebRegions } from "./seeweb.ts";
import { regionSources } from "./sources.ts";

export const regions: readonly CloudRegion[] = [
  ...awsRegions,
  ...gcpRegions,
  ...azureRegions,
  ...coreweaveRegions,
  ...ovhcloudRegions,
  ...scalewayRegions,
  ...seewebRegions,
];

export { providers, regionSources };
