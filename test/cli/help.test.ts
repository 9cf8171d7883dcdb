/** `rampart help <command>`, `rampart <command> --help` and `rampart <command> --version` answer for every command. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMAND_HELP } from '../../src/cli/help.js';
import { runCli } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it('rampart help <command> prints what rampart <command> --help prints', async () => {
    for (const command of Object.keys(COMMAND_HELP)) {
      // act
      const help = await runCli(['help', command]);
      const flag = await runCli([command, '--help']);
      // assert
      assert.equal(help.code, 0, command);
      assert.match(help.stdout, /^Usage: rampart /, command);
      assert.equal(help.stdout, flag.stdout, command);
    }
  });

  it('rampart <command> --version prints the version, whatever else is on the line', async () => {
    for (const command of [...Object.keys(COMMAND_HELP), 'scan --regions us-east-1']) {
      const run = await runCli([...command.split(' '), '--version']);
      assert.equal(run.code, 0, command);
      assert.equal(run.stdout, `${VERSION}\n`, command);
    }
  });

  it('help for a command that does not exist names the commands', async () => {
    const run = await runCli(['help', 'scna']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^rampart: help scna: no such command; the commands are scan, run, checks/);
  });
});
