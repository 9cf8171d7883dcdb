/**
 * IAM Access Analyzer, which moto does not serve: analyzers created and
 * listed per account and region (restJson1, as the SDK's model routes
 * CreateAnalyzer and ListAnalyzers), so a scan sees a region with or without
 * one. Findings, archive rules and the rest are not served.
 */
import { ApiError, isObject, type JsonObject } from './wire.js';

interface Analyzer {
  arn: string;
  name: string;
  type: string;
  createdAt: string;
  status: 'ACTIVE';
  tags?: JsonObject;
}

export class AccessAnalyzerState {
  private readonly analyzers = new Map<string, Analyzer[]>();

  clear(): void {
    this.analyzers.clear();
  }

  /** Answers CreateAnalyzer and ListAnalyzers; undefined for anything else (refused by the caller). */
  serve(accountId: string, region: string, partition: string, method: string, pathname: string, query: URLSearchParams, input: JsonObject): JsonObject | undefined {
    if (pathname.replace(/\/+$/, '') !== '/analyzer') return undefined;
    const key = `${accountId}/${region}`;
    const list = this.analyzers.get(key) ?? [];
    if (method === 'GET') {
      const type = query.get('type');
      return { analyzers: list.filter((a) => !type || a.type === type) };
    }
    if (method === 'PUT') {
      const name = input.analyzerName;
      const type = input.type;
      if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(name)) throw new ApiError('InvalidInputException', 'analyzerName is required');
      if (typeof type !== 'string') throw new ApiError('InvalidInputException', 'type is required');
      if (list.some((a) => a.name === name)) throw new ApiError('ResourceConflictException', `Analyzer ${name} already exists`);
      const analyzer: Analyzer = {
        arn: `arn:${partition}:access-analyzer:${region}:${accountId}:analyzer/${name}`, name, type, createdAt: new Date().toISOString(), status: 'ACTIVE',
        ...(isObject(input.tags) ? { tags: input.tags } : {}),
      };
      this.analyzers.set(key, [...list, analyzer]);
      return { arn: analyzer.arn };
    }
    return undefined;
  }
}
