/**
 * The contract every check and collector must keep: a test that walks the
 * registry, so a new check cannot forget its metadata, its file name, its
 * permissions or the generated catalogue page.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AUDITORS } from '../../auditors/index.js';
import { SEVERITIES, type AnyCheck } from '../../src/core/check.js';
import type { AnyRemediation } from '../../src/core/remediation.js';
import { Registry } from '../../src/core/registry.js';
import { catalogueMarkdown } from '../../src/cli/checks-command.js';
import { LIMITS } from '../../src/findings/limits.js';

const registry = new Registry(AUDITORS);
const FINDING_TYPE_NAMESPACES = ['Software and Configuration Checks', 'TTPs', 'Effects', 'Unusual Behaviors', 'Sensitive Data Identifications'];

describe('check registry contract', () => {
  it('has unique, kebab-case ids prefixed by their service', () => {
    const ids = registry.checks.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const check of registry.checks) {
      assert.match(check.meta.id, /^[a-z0-9]+(-[a-z0-9]+)+$/, check.meta.id);
      assert.ok(check.meta.id.startsWith(`${check.meta.service}-`), `${check.meta.id} starts with ${check.meta.service}-`);
    }
  });

  it('every check file is registered, and its id equals its file name', async () => {
    const registered = new Map(registry.checks.map((c) => [c.meta.id, c]));
    let files = 0;
    for (const service of readdirSync('auditors', { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const dir = join('auditors', service.name, 'checks');
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.ts'));
      } catch {
        continue;
      }
      for (const name of names) {
        files += 1;
        const id = name.replace(/\.ts$/, '');
        const module = (await import(pathToFileURL(join(process.cwd(), dir, `${id}.ts`)).href)) as { default?: AnyCheck };
        assert.equal(module.default?.meta.id, id, `${dir}/${name} exports the check ${id}`);
        assert.equal(registered.get(id), module.default, `${id} is in auditors/index.ts`);
      }
    }
    assert.equal(files, registry.checks.length, 'no registered check lives outside auditors/<service>/checks/');
  });

  it('has complete metadata within the Security Hub limits', () => {
    for (const { meta } of registry.checks) {
      assert.ok(meta.title.length > 10 && meta.title.length <= LIMITS.title, `${meta.id} title`);
      assert.ok(meta.description.length > 20 && meta.description.length <= 700, `${meta.id} description leaves room for the result summary`);
      assert.ok(meta.remediation.text.length > 10 && meta.remediation.text.length <= LIMITS.remediationText, `${meta.id} remediation text`);
      assert.match(meta.remediation.url, /^https:\/\/docs\.aws\.amazon\.com\//, `${meta.id} remediation url`);
      assert.ok(SEVERITIES.includes(meta.severity) && meta.severity !== 'INFORMATIONAL', `${meta.id} severity`);
      assert.match(meta.resourceType, /^(Aws[A-Za-z0-9]+|Other)$/, `${meta.id} resource type`);
      assert.ok(meta.findingTypes.length > 0);
      for (const type of meta.findingTypes) assert.ok(FINDING_TYPE_NAMESPACES.some((ns) => type.startsWith(`${ns}/`)), `${meta.id}: ${type} is an ASFF type namespace`);
      for (const id of meta.compliance.fsbp ?? []) assert.match(id, /^[A-Za-z0-9]+\.\d+$/, `${meta.id} FSBP id ${id}`);
      for (const id of meta.compliance.cis ?? []) assert.match(id, /^\d+(\.\d+)+$/, `${meta.id} CIS id ${id}`);
    }
  });

  it('parameters have valid defaults', () => {
    for (const check of registry.checks) {
      if (check.parameters) assert.doesNotThrow(() => check.parameters?.parse({}), check.meta.id);
    }
  });

  it('every collector declares well-formed IAM permissions', () => {
    for (const collector of registry.collectors) {
      assert.ok(collector.permissions.length > 0, `${collector.id} declares its permissions`);
      for (const action of collector.permissions) assert.match(action, /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/, `${collector.id}: ${action}`);
    }
  });

  it('every fix file is registered once, named for its id, fixes a check of its own auditor that can re-read one resource', async () => {
    const registered = new Map(registry.remediations.map((f) => [f.id, f]));
    let files = 0;
    for (const service of readdirSync('auditors', { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const dir = join('auditors', service.name, 'remediations');
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'apply.ts');
      } catch {
        continue;
      }
      for (const name of names) {
        files += 1;
        const id = name.replace(/\.ts$/, '');
        const module = (await import(pathToFileURL(join(process.cwd(), dir, `${id}.ts`)).href)) as { default?: AnyRemediation };
        assert.equal(module.default?.id, id, `${dir}/${name} exports the fix ${id}`);
        assert.equal(registered.get(id), module.default, `${id} is registered on its auditor`);
        assert.ok(id.startsWith(`${service.name}-`), `${id} starts with ${service.name}-`);
        assert.equal(registry.auditorOf(module.default?.checkId ?? '')?.service, service.name, `${id} fixes a check of the ${service.name} auditor`);
      }
    }
    assert.equal(files, registry.remediations.length, 'no registered fix lives outside auditors/<service>/remediations/');
  });

  it('every fix declares well-formed IAM permissions and says what it does', () => {
    assert.ok(registry.remediations.length > 0);
    for (const fix of registry.remediations) {
      assert.match(fix.id, /^[a-z0-9]+(-[a-z0-9]+)+$/, fix.id);
      assert.ok(fix.permissions.length > 0, `${fix.id} declares its permissions`);
      for (const action of fix.permissions) assert.match(action, /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/, `${fix.id}: ${action}`);
      assert.ok(fix.title.length > 10 && fix.title.length <= 80, `${fix.id} title`);
      assert.ok(fix.description.length > 40, `${fix.id} description`);
      if (fix.parameters) assert.doesNotThrow(() => fix.parameters?.parse({}), fix.id);
      assert.ok(registry.check(fix.checkId)?.collector.collectOne, `${fix.id}: its check's collector re-reads one resource`);
    }
  });

  it('the committed catalogue page is current (regenerate: rampart checks --format markdown > docs/checks.md)', () => {
    assert.equal(readFileSync('docs/checks.md', 'utf8'), catalogueMarkdown(registry.checks));
  });
});
