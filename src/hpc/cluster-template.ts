// The commented cluster file `mlco2 hpc init` writes: every key, what it means, and where its value
// comes from. It parses as written (a test reads it back).

/** The template's text. */
export const CLUSTER_TEMPLATE = `# mlco2 cluster file: what \`mlco2 hpc sacct --cluster cluster.toml\` prices Slurm jobs with.
# Each partition (or group of nodes matched by name) says what its nodes hold, where they are and the
# facility's PUE. Jobs on a partition this file does not describe are reported, never guessed.
# Names come from the catalog: list it with \`mlco2 hardware\`.

# Settings every partition and node group inherits (each may override them).
[cluster]
country = "DE"            # where the electricity comes from: country, zone ("DE", "US-CAL-CISO"),
                          # region ("aws:eu-central-1") or intensity (gCO2eq/kWh); one of them.
# year = 2023             # grid data year (default: the latest in the dataset)
pue = 1.3                 # the facility's PUE; leave out to use the default for the location (a
                          # cloud region's published PUE, else the industry average, with a range
                          # down to an efficient facility's)
slurm_energy = "use"      # "use": a job's energy measured by Slurm (ConsumedEnergyRaw, AllocTRES energy=)
                          # replaces the model; "ignore": always the model (e.g. a RAPL-only energy
                          # plugin on GPU nodes, which does not see the GPUs)

# A GPU partition: 4 × A100 per node, 2 × EPYC 7763 (128 cores), 512 GB.
[partitions.gpu]
gpu = "NVIDIA A100 SXM4 80GB"   # GPU model of the nodes (a job's GPU count comes from AllocTRES gres/gpu)
gpus_per_node = 4                # a check: a job holding more per node is reported
cpu = "AMD EPYC 7763"            # catalog CPU, or its TDP in watts (then cpus_per_node is required)
sockets = 2                      # CPU packages per node (default 1)
cpus_per_node = 128              # CPUs per node as Slurm counts them (CPUTot: cores, or threads where
                                 # Slurm schedules hardware threads); default sockets × the CPU's cores
memory_gb_per_node = 512         # used only for jobs whose memory the accounting does not show

# A CPU partition in the same building.
[partitions.cpu]
cpu = "AMD EPYC 7763"
sockets = 2
cpus_per_node = 128
memory_gb_per_node = 256

# Nodes matched by name, checked before partitions (first match wins): a host list or a glob.
# [[nodes]]
# match = "bigmem[01-04]"
# cpu = "Intel Xeon Platinum 8380"
# sockets = 2
# cpus_per_node = 80
# memory_gb_per_node = 2048

# GPU types as Slurm names them in gres/gpu:TYPE, when one partition mixes models.
[gres]
a100 = "NVIDIA A100 SXM4 80GB"
# h100 = "NVIDIA H100 SXM5 80GB"
`;
