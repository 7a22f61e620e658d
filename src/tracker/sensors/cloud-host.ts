import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the kernel shows the machine's DMI (SMBIOS) strings; each file is world-readable. */
export const DMI_ROOT = "/sys/class/dmi/id";

/** The DMI strings the tracker reads (null: the file is absent or unreadable). */
export interface DmiFields {
  /** `product_name`: the instance type on EC2 Nitro ("p4d.24xlarge"), "Google Compute Engine", "Virtual Machine". */
  readonly productName: string | null;
  /** `sys_vendor`: "Amazon EC2", "Google", "Microsoft Corporation", "Dell Inc.". */
  readonly sysVendor: string | null;
  /** `board_asset_tag`: the instance id ("i-0af01c0123456789a") on EC2 Nitro. */
  readonly boardAssetTag: string | null;
  /** `chassis_asset_tag`: "7783-7084-3265-9085-8269-3286-77" on every Azure VM. */
  readonly chassisAssetTag: string | null;
  /** `bios_version`: "4.11.amazon" on EC2 Xen instances. */
  readonly biosVersion: string | null;
}

/** Cloud providers the tracker recognises from DMI. */
export type CloudProvider = "aws" | "gcp" | "azure";

/** What the machine says about where it runs, read without network. */
export interface CloudHost {
  /** The provider, or null on bare metal, an unknown hypervisor, or without DMI. */
  readonly provider: CloudProvider | null;
  /** The instance type as the provider spells it ("p4d.24xlarge"), when DMI holds it (EC2 Nitro only). */
  readonly instanceType: string | null;
  /** The instance id ("i-…"), when DMI holds it. */
  readonly instanceId: string | null;
  /** True for a virtual machine (a cloud VM; not an EC2 `.metal` instance). */
  readonly virtualMachine: boolean;
  /** The region as `provider:region`, from the environment, when set for the detected provider. */
  readonly region: string | null;
  /** The variable the region came from, e.g. "AWS_REGION". */
  readonly regionFrom: string | null;
  /** One line per fact: what was read where, and what could not be told. */
  readonly notes: readonly string[];
}

const AZURE_CHASSIS_TAG = "7783-7084-3265-9085-8269-3286-77";

/** Variables that hold the region, per provider, in the order they are read. */
export const REGION_VARIABLES: Readonly<Record<CloudProvider, readonly string[]>> = {
  aws: ["AWS_REGION", "AWS_DEFAULT_REGION"],
  gcp: ["CLOUDSDK_COMPUTE_REGION", "GOOGLE_CLOUD_REGION", "CLOUDSDK_COMPUTE_ZONE"],
  azure: ["REGION_NAME", "AZURE_REGION"],
};

const PROVIDER_NAMES: Readonly<Record<CloudProvider, string>> = {
  aws: "Amazon EC2",
  gcp: "Google Compute Engine",
  azure: "Microsoft Azure",
};

/** An EC2 instance type as Nitro's product_name holds it: family.size ("p4d.24xlarge", "m7i-flex.large"). */
const EC2_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

type Env = Readonly<Record<string, string | undefined>>;

/** A region id from a variable's value: GCP zones lose their suffix, Azure display names their spaces. */
const regionIdOf = (provider: CloudProvider, variable: string, value: string): string => {
  const text = value.trim();
  if (variable === "CLOUDSDK_COMPUTE_ZONE") return text.replace(/-[a-z]$/, "");
  if (provider === "azure") return text.toLowerCase().replace(/\s+/g, "");
  return text;
};

/**
 * The provider's region from its environment variables ({@link REGION_VARIABLES}), with the variable it
 * came from and its raw value; null when none is set.
 *
 * @example
 * regionFromEnv("aws", { AWS_DEFAULT_REGION: "eu-west-1" }) // { region: "aws:eu-west-1", variable: "AWS_DEFAULT_REGION", value: "eu-west-1" }
 */
export const regionFromEnv = (
  provider: CloudProvider,
  env: Env,
): { region: string; variable: string; value: string } | null => {
  for (const variable of REGION_VARIABLES[provider]) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== "")
      return { region: `${provider}:${regionIdOf(provider, variable, value)}`, variable, value };
  }
  return null;
};

/** Which provider DMI shows, and what it says about the instance. */
const fromDmi = (
  dmi: DmiFields,
): Pick<CloudHost, "provider" | "instanceType" | "instanceId" | "virtualMachine"> & { note: string } => {
  const product = dmi.productName ?? "";
  const vendor = dmi.sysVendor ?? "";
  if (vendor === "Amazon EC2") {
    const type = EC2_TYPE.test(product) ? product : null;
    const id = dmi.boardAssetTag?.startsWith("i-") ? dmi.boardAssetTag : null;
    return {
      provider: "aws",
      instanceType: type,
      instanceId: id,
      virtualMachine: type === null || !type.endsWith(".metal"),
      note:
        type === null
          ? `EC2 (DMI sys_vendor "Amazon EC2"), but product_name "${product}" is not an instance type: the type cannot be told`
          : `EC2 instance ${type}${id === null ? "" : ` (${id})`}: DMI product_name${id === null ? "" : " and board_asset_tag"}`,
    };
  }
  if ((dmi.biosVersion ?? "").toLowerCase().includes("amazon")) {
    return {
      provider: "aws",
      instanceType: null,
      instanceId: null,
      virtualMachine: true,
      note: `EC2 Xen instance (DMI bios_version "${dmi.biosVersion}"): its type is not in DMI on Xen; pass --cpu for its CPU`,
    };
  }
  if (product === "Google Compute Engine" || vendor === "Google") {
    return {
      provider: "gcp",
      instanceType: null,
      instanceId: null,
      virtualMachine: true,
      note: "Google Compute Engine VM (DMI product_name): the machine type is not in DMI, only in the metadata server, which the tracker does not ask",
    };
  }
  if (dmi.chassisAssetTag === AZURE_CHASSIS_TAG) {
    return {
      provider: "azure",
      instanceType: null,
      instanceId: null,
      virtualMachine: true,
      note: "Azure VM (DMI chassis_asset_tag 7783-7084-3265-9085-8269-3286-77): the VM size is not in DMI, only in the instance metadata service, which the tracker does not ask",
    };
  }
  const described =
    dmi.productName === null && dmi.sysVendor === null
      ? "no DMI strings readable: the machine cannot tell its instance type"
      : `DMI names no cloud provider (sys_vendor "${vendor}", product_name "${product}"): bare metal or another host`;
  return { provider: null, instanceType: null, instanceId: null, virtualMachine: false, note: described };
};

/**
 * Where the machine says it runs: the provider and instance type from DMI (EC2 Nitro's product_name and
 * board_asset_tag, GCE's product name, Azure's chassis asset tag) and the region from the provider's
 * environment variables. Pure: DMI strings and the environment are passed in. A region variable is used
 * only on the provider it belongs to (AWS_REGION on a laptop that uses the AWS CLI is not a location).
 *
 * @example
 * cloudHostOf({ productName: "p4d.24xlarge", sysVendor: "Amazon EC2", boardAssetTag: "i-0af01c0123456789a", chassisAssetTag: "Amazon EC2", biosVersion: "1.0" }, { AWS_REGION: "us-east-1" })
 * // { provider: "aws", instanceType: "p4d.24xlarge", region: "aws:us-east-1", regionFrom: "AWS_REGION", … }
 */
export const cloudHostOf = (dmi: DmiFields, env: Env): CloudHost => {
  const found = fromDmi(dmi);
  const notes = [found.note];
  let region: { region: string; variable: string; value: string } | null = null;
  if (found.provider !== null) {
    region = regionFromEnv(found.provider, env);
    notes.push(
      region === null
        ? `the region is not in the environment (${REGION_VARIABLES[found.provider].join(", ")} unset)`
        : `region ${region.region.slice(region.region.indexOf(":") + 1)} from ${region.variable}`,
    );
  } else {
    for (const provider of ["aws", "gcp", "azure"] as const) {
      const set = regionFromEnv(provider, env);
      if (set !== null)
        notes.push(
          `${set.variable}=${set.value} is set, but this machine does not show itself as ${PROVIDER_NAMES[provider]} in DMI: not used as the location`,
        );
    }
  }
  return {
    provider: found.provider,
    instanceType: found.instanceType,
    instanceId: found.instanceId,
    virtualMachine: found.virtualMachine,
    region: region?.region ?? null,
    regionFrom: region?.variable ?? null,
    notes,
  };
};

const readDmiString = (root: string, name: string): string | null => {
  try {
    const text = readFileSync(join(root, name), "utf8").trim();
    return text === "" ? null : text;
  } catch {
    return null;
  }
};

/** Reads the DMI strings under `root` (default /sys/class/dmi/id); absent files are null. */
export const readDmi = (root = DMI_ROOT): DmiFields => ({
  productName: readDmiString(root, "product_name"),
  sysVendor: readDmiString(root, "sys_vendor"),
  boardAssetTag: readDmiString(root, "board_asset_tag"),
  chassisAssetTag: readDmiString(root, "chassis_asset_tag"),
  biosVersion: readDmiString(root, "bios_version"),
});

/** Reads DMI under `root` and the region from `env`: see {@link cloudHostOf}. */
export const detectCloudHost = (root: string, env: Env): CloudHost => cloudHostOf(readDmi(root), env);
