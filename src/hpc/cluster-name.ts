// A Slurm cluster's name as it goes into run keys (`slurm-sacct:<cluster>:<JobID>`): from
// `--cluster-name`, or from sacct's own Cluster column.

/** What a cluster name may be, for messages. */
export const CLUSTER_NAME_ALLOWED = '1 to 64 letters, digits, ".", "_" or "-" (Slurm\'s ClusterName)';

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Whether `name` can stand for a cluster in a run key.
 *
 * @example
 * isClusterName("hpc1") // true
 * isClusterName("a:b") // false
 */
export const isClusterName = (name: string): boolean => CLUSTER_NAME.test(name);
