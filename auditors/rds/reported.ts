/** The instance's cluster, for checks of settings that live on the cluster, not the instance. */
export function clusterLevel(clusterId: string | undefined, setting: string, clusterControl: string): string | undefined {
  if (clusterId === undefined) return undefined;
  return `${setting} of an instance in DB cluster ${clusterId} is a cluster setting (judge the cluster: ${clusterControl})`;
}
