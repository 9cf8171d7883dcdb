import type { Auditor } from '../../src/core/registry.js';
import { appstreamCollector } from './collect.js';
import fleetNoInternet from './checks/appstream-fleet-no-default-internet-access.js';
import imageNotPublic from './checks/appstream-image-not-public.js';
import userNotCompromised from './checks/appstream-user-not-compromised.js';
import userSaml from './checks/appstream-user-authenticates-with-saml.js';

export const appstreamAuditor: Auditor = {
  service: 'appstream',
  collector: appstreamCollector,
  checks: [fleetNoInternet, imageNotPublic, userNotCompromised, userSaml],
};
