import { z } from 'zod';
import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { assessSourceIpRanges } from '../../../src/policy/source-ip.js';
import { eksCollector, type EksClusterItem, type EksInventory } from '../collect.js';

const parameters = z
  .object({
    /**
     * 'restricted-cidrs' (default): a public endpoint passes when every publicAccessCidrs range is a
     * fixed set of addresses (/8 IPv4, /32 IPv6 or narrower, the project's meaning of public);
     * 'never': any public endpoint fails, as Security Hub EKS.1 reads it.
     */
    publicEndpoint: z.enum(['restricted-cidrs', 'never']).default('restricted-cidrs'),
  })
  .strict();

export default defineCheck<EksInventory, EksClusterItem, z.infer<typeof parameters>>({
  meta: {
    id: 'eks-cluster-endpoint-not-public',
    service: 'eks',
    title: 'EKS cluster API endpoints are not open to the internet',
    description:
      'Flags a cluster whose Kubernetes API server endpoint is reachable from the whole internet: public access on with publicAccessCidrs 0.0.0.0/0 (the default) or another range wider than /8 (IPv4) or /32 (IPv6). A private-only endpoint passes, and so does a public one restricted to named ranges; publicEndpoint: never fails every public endpoint, as Security Hub EKS.1 does.',
    severity: 'HIGH',
    resourceType: 'AwsEksCluster',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Turn on private endpoint access and turn public access off (update-cluster-config --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true) once kubectl users and CI reach the VPC; or restrict publicAccessCidrs to the office and CI egress ranges.',
      url: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    },
    compliance: { fsbp: ['EKS.1'], nist: ['AC-3', 'AC-4', 'AC-21', 'SC-7'] },
  },
  collector: eksCollector,
  parameters,
  select: (inventory) => inventory.clusters,
  evaluate(item, params) {
    const cluster = need(item.cluster, 'the cluster description');
    const publicAccess = reported(cluster.endpointPublicAccess, 'resourcesVpcConfig.endpointPublicAccess', item.name);
    if (!publicAccess) return pass('the API endpoint is private only', { endpointPublicAccess: false, endpointPrivateAccess: cluster.endpointPrivateAccess ?? null });
    const cidrs = reported(cluster.publicAccessCidrs, 'resourcesVpcConfig.publicAccessCidrs', item.name);
    const evidence = { endpointPublicAccess: true, publicAccessCidrs: cidrs, publicEndpoint: params.publicEndpoint };
    if (params.publicEndpoint === 'never') return fail(`the API endpoint of cluster ${item.name} is public (publicEndpoint: never)`, evidence);
    // An empty list is not a restriction AWS would accept; treat it as open rather than guess.
    const assessment = cidrs.length > 0 ? assessSourceIpRanges(cidrs, 'aws') : { restricts: false, why: 'publicAccessCidrs is empty' };
    if (assessment.restricts) return pass(`the public API endpoint accepts only ${cidrs.join(', ')}`, evidence);
    return fail(`the API endpoint of cluster ${item.name} is open to the internet: ${assessment.why}`, evidence);
  },
});
