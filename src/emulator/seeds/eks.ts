/** Demo seed for the EKS checks: a cluster on an unsupported version with a world-open endpoint, and a compliant decoy. */
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { SUPPORT_CALENDAR } from '../../../auditors/eks/support-calendar.js';
import type { AwsClients } from '../../aws/clients.js';
import type { SeedResult } from './seed-result.js';

/** The newest version of the support calendar: the decoy stays in standard support as long as the calendar is kept current. */
function newestCalendarVersion(): string {
  const minor = (v: string): number => Number(v.split('.')[1]);
  return Object.keys(SUPPORT_CALENDAR).sort((a, b) => minor(a) - minor(b)).at(-1) ?? '1.35';
}

export async function seedEks(clients: AwsClients): Promise<SeedResult> {
  const eks = clients.get(EKSClient);
  const roleArn = `arn:aws:iam::${clients.accountId}:role/demo-eks-cluster`;
  // The emulator does not check that the subnets exist, so none are created (they would add EC2 and VPC findings).
  const subnetIds = ['subnet-0de00000000000e01', 'subnet-0de00000000000e02'];

  const exposed = 'demo-eks-exposed';
  await eks.send(new CreateClusterCommand({
    name: exposed, version: '1.29', roleArn,
    resourcesVpcConfig: { subnetIds, endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] },
    tags: { owner: 'platform-team' },
  }));

  const compliant = 'demo-eks-private';
  await eks.send(new CreateClusterCommand({
    name: compliant, version: newestCalendarVersion(), roleArn,
    resourcesVpcConfig: { subnetIds, endpointPublicAccess: false, endpointPrivateAccess: true },
  }));
  return { insecure: [exposed], compliant: [compliant] };
}
