/** `rampart org-report`: the verdict of an org-wide fan-out, from the accounts' run summaries. */
import { parseArgs } from 'node:util';
import { describeAwsError } from '../aws/errors.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { buildOrgReport, parseAccountList, renderOrgReport, verdictDocument } from '../pipeline/org-report.js';
import { formatLocation, lazyStore, parseLocation, readJsonDocuments, readText, sdkObjectStore, writeText, type Location } from '../pipeline/summary.js';
import { redact } from '../util/redact.js';
import { UsageError } from './usage-error.js';
import { ORG_REPORT_HELP } from './help.js';

const OPTIONS = {
  summaries: { type: 'string' },
  out: { type: 'string' },
  'tolerated-failure-percentage': { type: 'string' },
  'expected-accounts': { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface OrgReportIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  now?: () => Date;
}

/** Where the text and the verdict go, beside the JSON report. */
function sibling(location: Location, suffix: string): Location {
  const swap = (path: string): string => (path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}${suffix}` : `${path}${suffix}`);
  return location.kind === 's3' ? { ...location, key: swap(location.key) } : { kind: 'file', path: swap(location.path) };
}

export async function orgReportCommand(argv: readonly string[], io: OrgReportIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; see rampart org-report --help`);
  }
  if (values.help) {
    io.stdout(`${ORG_REPORT_HELP}\n`);
    return 0;
  }
  if (!values.summaries) throw new UsageError('org-report needs --summaries <s3://bucket/prefix/ | dir>');
  const tolerance = values['tolerated-failure-percentage'] === undefined ? 0 : Number(values['tolerated-failure-percentage']);
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 100) throw new UsageError(`--tolerated-failure-percentage ${values['tolerated-failure-percentage']}: expected a number from 0 to 100`);
  const endpointUrl = values['endpoint-url'] ?? io.env.AWS_ENDPOINT_URL;
  const parse = (value: string, flag: string): Location => {
    try {
      return parseLocation(value, flag);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const summaries = parse(values.summaries, '--summaries');
  const out = values.out === undefined ? undefined : parse(values.out, '--out');
  const store = lazyStore(() => sdkObjectStore({
    region: values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
  }));
  // A location that cannot be read is the caller's input, not a verdict.
  const reading = async <T>(what: string, location: Location, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      throw new UsageError(`${what} ${formatLocation(location)} cannot be read: ${redact(describeAwsError(error).message)}`);
    }
  };
  try {
    let expected: string[] | undefined;
    const expectedValue = values['expected-accounts'];
    if (expectedValue !== undefined) {
      const isLocation = expectedValue.startsWith('s3://') || expectedValue.endsWith('.json') || expectedValue.includes('/');
      const text = !isLocation ? expectedValue : await (async () => {
        const location = parse(expectedValue, '--expected-accounts');
        return reading('--expected-accounts', location, () => readText(location, store.get));
      })();
      try {
        expected = parseAccountList(text, '--expected-accounts');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    const documents = await reading('--summaries', summaries, () => readJsonDocuments(summaries, store.get));
    const report = buildOrgReport(documents, { toleratedFailurePercentage: tolerance, ...(expected ? { expectedAccounts: expected } : {}), now: io.now?.() ?? new Date() });
    const text = renderOrgReport(report);
    io.stdout(text);
    if (out) {
      try {
        // The verdict last: whoever reads it finds the report beside it.
        await writeText(out, `${JSON.stringify(report, null, 2)}\n`, 'application/json', store.get);
        await writeText(sibling(out, '.txt'), text, 'text/plain; charset=utf-8', store.get);
        await writeText(sibling(out, '.verdict.json'), `${JSON.stringify(verdictDocument(report))}\n`, 'application/json', store.get);
      } catch (error) {
        io.stderr(`rampart: the org report could not be written to ${formatLocation(out)}: ${redact(describeAwsError(error).message)}\n`);
        return EXIT.NOT_PUBLISHED;
      }
      io.stdout(`\nreport written to ${formatLocation(out)} (text: ${formatLocation(sibling(out, '.txt'))}, verdict: ${formatLocation(sibling(out, '.verdict.json'))})\n`);
    }
    return report.exitCode;
  } finally {
    store.close();
  }
}
