import type { InstanceType } from "../types.ts";
import { awsInstances } from "./aws.ts";
import { azureInstances } from "./azure.ts";
import { gcpInstances } from "./gcp.ts";

export { instanceSources } from "./sources.ts";

/** Cloud instance types of AWS, Google Cloud and Azure, each with its accelerators, vCPUs, CPU and memory. */
export const instances: readonly InstanceType[] = [...awsInstances, ...gcpInstances, ...azureInstances];
