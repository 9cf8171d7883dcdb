import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { compileRegistryPattern, matchesRegistry, parseImageReference } from '../../../auditors/ecs/image-reference.js';

describe('parseImageReference', () => {
  it('reads registry, repository, tag and digest as Docker does', () => {
    const cases: Array<[string, ReturnType<typeof parseImageReference>]> = [
      ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
      ['nginx:latest', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
      ['library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
      ['bitnami/redis:7.2', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' }],
      ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
      ['index.docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
      ['localhost/app', { registry: 'localhost', repository: 'app' }],
      ['localhost:5000/app:dev', { registry: 'localhost:5000', repository: 'app', tag: 'dev' }],
      ['registry.example.com:5000/team/app:1.2@sha256:abc', { registry: 'registry.example.com:5000', repository: 'team/app', tag: '1.2', digest: 'sha256:abc' }],
      ['Registry.Example.com/team/app', { registry: 'registry.example.com', repository: 'team/app' }],
      ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:def', { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'app', digest: 'sha256:def' }],
      ['public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', { registry: 'public.ecr.aws', repository: 'aws-observability/aws-for-fluent-bit', tag: 'stable' }],
    ];
    for (const [image, expected] of cases) assert.deepEqual(parseImageReference(image), expected, image);
  });

  it('refuses empty and malformed references', () => {
    for (const image of ['', '   ', 'a b', '/app', 'app/', 'registry.example.com//app', ':tag', '@sha256:abc']) {
      assert.equal(parseImageReference(image), undefined, JSON.stringify(image));
    }
  });
});

describe('registry patterns', () => {
  const image = (text: string) => parseImageReference(text) ?? assert.fail(text);

  it('fills in the account, and * stays inside one label', () => {
    // prepare
    const pattern = compileRegistryPattern('{account}.dkr.ecr.*.amazonaws.com', '111122223333');
    // assert
    assert.equal(pattern.text, '111122223333.dkr.ecr.*.amazonaws.com');
    assert.equal(matchesRegistry(image('111122223333.dkr.ecr.us-west-2.amazonaws.com/app'), pattern), true);
    assert.equal(matchesRegistry(image('444455556666.dkr.ecr.us-west-2.amazonaws.com/app'), pattern), false);
    assert.equal(matchesRegistry(image('111122223333.dkr.ecr.us-west-2.evil.amazonaws.com/app'), pattern), false);
  });

  it('a pattern without a port trusts every port of the host; with one, that port only', () => {
    assert.equal(matchesRegistry(image('registry.example.com:5000/app'), compileRegistryPattern('registry.example.com', '1')), true);
    assert.equal(matchesRegistry(image('registry.example.com:5001/app'), compileRegistryPattern('registry.example.com:5000', '1')), false);
  });

  it('a path prefix matches whole components only, case-insensitively', () => {
    const pattern = compileRegistryPattern('GHCR.io/My-Org/', '1');
    assert.equal(matchesRegistry(image('ghcr.io/my-org/app'), pattern), true);
    assert.equal(matchesRegistry(image('ghcr.io/my-org'), compileRegistryPattern('ghcr.io/my-org/app', '1')), false);
    assert.equal(matchesRegistry(image('ghcr.io/my-organisation/app'), pattern), false);
  });
});
