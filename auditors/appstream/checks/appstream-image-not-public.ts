import { defineCheck, fail, pass, reported } from '../../../src/core/check.js';
import { appstreamCollector, type AppStreamImageItem, type AppStreamInventory } from '../collect.js';

export default defineCheck<AppStreamInventory, AppStreamImageItem>({
  meta: {
    id: 'appstream-image-not-public',
    service: 'appstream',
    title: 'AppStream 2.0 images the account owns are not public',
    description:
      'Flags an AppStream 2.0 image the account owns whose visibility is PUBLIC. Only images whose ARN names this account are judged: AWS\'s base images are PUBLIC by design and images other accounts share are theirs, so neither is reported (ElectricEye reported them all, its known noise). An owned image shared with named accounts is not public; the evidence says whether it is shared.',
    severity: 'HIGH',
    resourceType: 'Other',
    findingTypes: ['Software and Configuration Checks/AWS Security Best Practices', 'Effects/Data Exposure'],
    remediation: {
      text: 'Make the image private: remove its public visibility, and review which accounts it is shared with (DescribeImagePermissions; DeleteImagePermissions for each account that should not launch it). Rebuild the image if it holds secrets or licensed software that was exposed.',
      url: 'https://docs.aws.amazon.com/appstream2/latest/developerguide/administer-images.html',
    },
    compliance: { nist: ['AC-3', 'AC-6'] },
  },
  collector: appstreamCollector,
  select: (inventory) => inventory.images,
  evaluate(image) {
    const visibility = reported(image.visibility, 'Visibility', image.name);
    const evidence = { Visibility: visibility, ImageSharedWithOthers: image.sharedWithOthers ?? null };
    if (visibility === 'PUBLIC') return fail(`image ${image.name}, owned by this account, is public`, evidence);
    return pass(`the image is ${visibility.toLowerCase()}${image.sharedWithOthers === 'TRUE' ? ', shared with named accounts only' : ''}`, evidence);
  },
});
