import { z } from 'zod';
import { defineCheck, fail, MissingInputError, pass } from '../../../src/core/check.js';
import { need } from '../../../src/core/collector.js';
import { vpcCollector, type VpcInventory, type VpcItem } from '../collect.js';

/** Interfaces listed in the evidence; the count is always complete. */
const EVIDENCE_LIMIT = 20;

const parameters = z
  .object({
    /** ElectricEye flagged any default VPC; by default an unused one passes, with advice to delete it. */
    failWhenUnused: z.boolean().default(false),
  })
  .strict();

export default defineCheck<VpcInventory, VpcItem, z.infer<typeof parameters>>({
  meta: {
    id: 'vpc-default-vpc-not-in-use',
    service: 'vpc',
    title: 'The default VPC is not in use',
    description:
      'Modernised from ElectricEye "Is the default VPC out and about": fails when the default VPC holds network interfaces (instances, load balancers, endpoints, functions), because its subnets give public IPs and resources land there unplanned. An unused default VPC passes with advice to delete it; set failWhenUnused to flag it too. Neither FSBP nor CIS v3.0 has a matching control.',
    severity: 'MEDIUM',
    resourceType: 'AwsEc2Vpc',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices'],
    remediation: {
      text: 'Move the workloads into purpose-built VPCs with private subnets, then delete the default VPC in every region (aws ec2 delete-vpc after removing its subnets, internet gateway and interfaces). It can be recreated with create-default-vpc if ever needed.',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html',
    },
    compliance: { nist: ['SC-7'] },
  },
  collector: vpcCollector,
  parameters,
  select: (inventory) => inventory.vpcs.filter((vpc) => vpc.isDefault),
  evaluate(vpc, params) {
    if (!vpc.networkInterfaces) throw new MissingInputError(`the network interfaces of ${vpc.vpcId} were not read`);
    const interfaces = need(vpc.networkInterfaces, 'the network interfaces of the default VPC');
    if (interfaces.length > 0) {
      return fail(`the default VPC ${vpc.vpcId} is in use by ${interfaces.length} network interface(s)`, {
        network_interface_count: interfaces.length,
        network_interfaces: interfaces.slice(0, EVIDENCE_LIMIT).map((eni) => ({
          id: eni.networkInterfaceId,
          type: eni.interfaceType ?? null,
          status: eni.status ?? null,
          instance_id: eni.instanceId ?? null,
          description: eni.description ?? null,
        })),
      });
    }
    if (params.failWhenUnused) return fail(`the default VPC ${vpc.vpcId} exists (unused)`, { network_interface_count: 0 });
    return pass('the default VPC has no network interfaces; delete it to keep it that way', { network_interface_count: 0 });
  },
});
