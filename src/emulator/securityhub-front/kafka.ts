/**
 * MSK through moto, with one fix: moto writes timestamps without a time zone
 * ("2026-11-30T22:44:33.006191"), which the SDK refuses as RFC 3339, so no
 * cluster listing could be read. The front marks them UTC (moto's clock is
 * UTC); everything else of moto's answer is passed on as it is.
 */
const NAIVE_TIME = /("[A-Za-z]*[Tt]ime"\s*:\s*")(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)"/g;

export function withUtcTimes(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const fixed = text.replace(NAIVE_TIME, (_all, key: string, time: string) => `${key}${time}Z"`);
  return fixed === text ? body : Buffer.from(fixed, 'utf8');
}
