/**
 * Where the tasks run. Given subnets are used as they are. Otherwise a minimal VPC: private
 * subnets (no public address, nothing can reach in) and one NAT gateway. NAT, not VPC
 * endpoints, because the scan calls the APIs of every region it scans and reporting calls
 * Jira and Slack: interface endpoints serve only their own region's service, one endpoint
 * per service and zone (~7 USD a month each), and cannot reach the internet. The S3 and
 * DynamoDB gateway endpoints (free) keep the image layers and the table off the NAT.
 * The task's security group has no inbound rule and allows HTTPS out only.
 */
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import type { InfraConfig } from '../config.js';

export interface NetworkProps {
  network: InfraConfig['network'];
  region: string;
  prefix: string;
  securityGroupName: string;
}

export class Network extends Construct {
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly assignPublicIp: boolean;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { network } = props;
    let vpcId: string;
    if ('createVpc' in network) {
      const { cidr, availabilityZones } = network.createVpc;
      const vpc = new Vpc(this, 'vpc', { cidrBlock: cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: props.prefix } });
      vpcId = vpc.id;
      // The default group of a new VPC allows all traffic between its members: emptied, unused.
      new DefaultSecurityGroup(this, 'default-security-group', { vpcId });
      const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
      const gateway = new InternetGateway(this, 'internet-gateway', { vpcId });
      // The one public subnet holds only the NAT gateway.
      const publicSubnet = new Subnet(this, 'public', { vpcId, cidrBlock: Fn.cidrsubnet(cidr, 4, 15), availabilityZone: Fn.element(zones.names, 0), mapPublicIpOnLaunch: false, tags: { Name: `${props.prefix}-nat` } });
      const publicRoutes = new RouteTable(this, 'public-routes', { vpcId, route: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }] });
      new RouteTableAssociation(this, 'public-association', { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
      const address = new Eip(this, 'nat-address', { domain: 'vpc', dependsOn: [gateway] });
      const nat = new NatGateway(this, 'nat', { subnetId: publicSubnet.id, allocationId: address.id });
      const privateRoutes = new RouteTable(this, 'private-routes', { vpcId, route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }] });
      this.subnetIds = Array.from({ length: availabilityZones }, (_, index) => {
        const subnet = new Subnet(this, `private-${index}`, { vpcId, cidrBlock: Fn.cidrsubnet(cidr, 4, index), availabilityZone: Fn.element(zones.names, index), mapPublicIpOnLaunch: false, tags: { Name: `${props.prefix}-private-${index}` } });
        new RouteTableAssociation(this, `private-association-${index}`, { subnetId: subnet.id, routeTableId: privateRoutes.id });
        return subnet.id;
      });
      for (const service of ['s3', 'dynamodb']) {
        new VpcEndpoint(this, `${service}-endpoint`, { vpcId, serviceName: `com.amazonaws.${props.region}.${service}`, vpcEndpointType: 'Gateway', routeTableIds: [privateRoutes.id] });
      }
      this.assignPublicIp = false;
    } else {
      vpcId = network.vpcId;
      this.subnetIds = [...network.subnetIds];
      this.assignPublicIp = network.assignPublicIp;
    }
    if ('securityGroupIds' in network && network.securityGroupIds) {
      this.securityGroupIds = [...network.securityGroupIds];
      return;
    }
    const group = new SecurityGroup(this, 'task-security-group', { name: props.securityGroupName, description: 'rampart tasks: no inbound, HTTPS out', vpcId });
    new VpcSecurityGroupEgressRule(this, 'https-out', { securityGroupId: group.id, description: 'AWS APIs of the scanned regions, ECR, Jira, Slack', ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' });
    this.securityGroupIds = [group.id];
  }
}
