#!/usr/bin/env node
/**
 * The process around main(): the one-line Node-version notice in place of the
 * AWS SDK's eight-line warning, and a closed stdout pipe (`rampart checks | head -1`)
 * that ends a read-only command quietly.
 */

/** Commands that only print: once their reader has gone there is nothing left to do. */
const READ_ONLY = new Set([undefined, 'help', '--help', '-h', '--version', '-v', 'checks', 'permissions', 'init-infra', 'remediations']);
/** Commands that make no AWS call, so the SDK's Node-version notice does not concern them. */
const NO_SDK = new Set([undefined, 'help', '--help', '-h', '--version', '-v', 'checks', 'permissions', 'init-infra']);

const args = process.argv.slice(2);
const command = args[0];
const asksForHelp = args.some((arg) => ['--help', '-h', '--version', '-v'].includes(arg));

const nodeMajor = Number(process.versions.node.split('.')[0]);
const sdkWarningWanted = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== 'true';
// Set before any SDK module loads (they load with the commands that call AWS).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
if (sdkWarningWanted && nodeMajor < 22 && !NO_SDK.has(command) && !asksForHelp) {
  process.stderr.write(`rampart: Node ${nodeMajor} is past its end of life and AWS SDK releases from 2027 need Node 22: run rampart on Node 22\n`);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  // The reader has gone: a read-only command is done; any other finishes its work (publishing, recording) unprinted.
  if (READ_ONLY.has(command)) process.exit(0);
});

const { main } = await import('./main.js');
main(args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rampart: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
