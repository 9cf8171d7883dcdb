import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { appstreamCollector, type AppStreamFleetItem, type AppStreamInventory } from '../collect.js';

export default defineCheck<AppStreamInventory, AppStreamFleetItem>({
  meta: {
    id: 'appstream-fleet-no-default-internet-access',
    service: 'appstream',
    title: 'AppStream 2.0 fleets do not give streaming instances default internet access',
    description:
      'Flags an AppStream 2.0 (now WorkSpaces Applications) fleet with default internet access on: its streaming instances sit in a public subnet with public IP addresses and reach the internet directly, around the VPC\'s NAT, proxies and egress filtering. Whether the fleet is running does not matter: the setting applies the next time it starts.',
    severity: 'MEDIUM',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Stop the fleet, turn off default internet access (UpdateFleet, EnableDefaultInternetAccess false), place it in private subnets whose route to the internet, if it needs one, goes through a NAT gateway, and start it again.',
      url: 'https://docs.aws.amazon.com/appstream2/latest/developerguide/internet-access.html',
    },
    compliance: { nist: ['AC-4', 'SC-7'] },
  },
  collector: appstreamCollector,
  select: (inventory) => inventory.fleets,
  evaluate(fleet) {
    const internet = reported(fleet.enableDefaultInternetAccess, 'EnableDefaultInternetAccess', fleet.name);
    const evidence = { EnableDefaultInternetAccess: internet, State: fleet.state ?? null };
    if (!internet) return pass('the fleet has no default internet access', evidence);
    return fail(`fleet ${fleet.name} gives its streaming instances default internet access`, evidence);
  },
});
