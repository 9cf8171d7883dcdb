/** Custom action targets and custom insights, per account and region. Managed insights are not served. */
import { randomUUID } from 'node:crypto';
import { checkGroupBy, compileFilters, groupValues } from './filters.js';
import { visibleFindings, type OperationContext } from './findings.js';
import { ApiError, invalidInput, isObject, notFound, optionalString, optionalStringList, pageOf, pageRequest, requiredString, type JsonObject } from './wire.js';

const ACTION_TARGET_ID = /^[A-Za-z0-9]{1,20}$/;
const MAX_ACTION_TARGET_NAME = 20;
const MAX_INSIGHTS = 100;

function withToken(member: string, items: unknown[], nextToken: string | undefined): JsonObject {
  return nextToken === undefined ? { [member]: items } : { [member]: items, NextToken: nextToken };
}

export function createActionTarget({ scope, input }: OperationContext): JsonObject {
  const name = requiredString(input, 'Name', MAX_ACTION_TARGET_NAME);
  const description = requiredString(input, 'Description');
  const id = requiredString(input, 'Id');
  if (!ACTION_TARGET_ID.test(id)) throw invalidInput(`Invalid parameter 'Id': must be 1 to 20 alphanumeric characters`);
  const arn = `arn:${scope.partition}:securityhub:${scope.region}:${scope.accountId}:action/custom/${id}`;
  if (scope.actionTargets.has(arn)) throw new ApiError('ResourceConflictException', `The action target ${arn} already exists`);
  scope.actionTargets.set(arn, { ActionTargetArn: arn, Name: name, Description: description });
  return { ActionTargetArn: arn };
}

function actionTarget({ scope }: OperationContext, arn: string) {
  const found = scope.actionTargets.get(arn);
  if (!found) throw notFound(`The action target ${arn} does not exist`);
  return found;
}

export function describeActionTargets(ctx: OperationContext): JsonObject {
  const arns = optionalStringList(ctx.input, 'ActionTargetArns');
  const all = arns && arns.length > 0 ? arns.map((arn) => actionTarget(ctx, arn)) : [...ctx.scope.actionTargets.values()];
  const page = pageOf(all.map((t) => ({ ...t })), pageRequest(ctx.input));
  return withToken('ActionTargets', page.items, page.nextToken);
}

export function updateActionTarget(ctx: OperationContext): JsonObject {
  const target = actionTarget(ctx, ctx.arn);
  const name = optionalString(ctx.input, 'Name', MAX_ACTION_TARGET_NAME);
  const description = optionalString(ctx.input, 'Description');
  if (name !== undefined) target.Name = name;
  if (description !== undefined) target.Description = description;
  return {};
}

export function deleteActionTarget(ctx: OperationContext): JsonObject {
  actionTarget(ctx, ctx.arn);
  ctx.scope.actionTargets.delete(ctx.arn);
  return { ActionTargetArn: ctx.arn };
}

function requiredFilters(input: JsonObject): JsonObject {
  if (!isObject(input.Filters)) throw invalidInput(`Missing required parameter 'Filters'`);
  compileFilters(input.Filters);
  return input.Filters;
}

function groupBy(input: JsonObject, required: boolean): string | undefined {
  const attribute = required ? requiredString(input, 'GroupByAttribute') : optionalString(input, 'GroupByAttribute');
  if (attribute !== undefined) checkGroupBy(attribute);
  return attribute;
}

export function createInsight({ scope, input }: OperationContext): JsonObject {
  const name = requiredString(input, 'Name');
  const filters = requiredFilters(input);
  const attribute = groupBy(input, true) as string;
  if (scope.insights.size >= MAX_INSIGHTS) throw new ApiError('LimitExceededException', `The account ${scope.accountId} has reached the limit of ${MAX_INSIGHTS} custom insights in ${scope.region}`);
  const arn = `arn:${scope.partition}:securityhub:${scope.region}:${scope.accountId}:insight/${scope.accountId}/custom/${randomUUID()}`;
  scope.insights.set(arn, { InsightArn: arn, Name: name, Filters: filters, GroupByAttribute: attribute });
  return { InsightArn: arn };
}

function insight({ scope }: OperationContext, arn: string) {
  const found = scope.insights.get(arn);
  if (!found) throw notFound(`The insight ${arn} does not exist`);
  return found;
}

export function getInsights(ctx: OperationContext): JsonObject {
  const arns = optionalStringList(ctx.input, 'InsightArns');
  const all = arns && arns.length > 0 ? arns.map((arn) => insight(ctx, arn)) : [...ctx.scope.insights.values()];
  const page = pageOf(all.map((i) => ({ ...i })), pageRequest(ctx.input));
  return withToken('Insights', page.items, page.nextToken);
}

export function updateInsight(ctx: OperationContext): JsonObject {
  const found = insight(ctx, ctx.arn);
  const name = optionalString(ctx.input, 'Name');
  if (name !== undefined && name.trim() === '') throw invalidInput(`Invalid parameter 'Name': must not be empty`);
  const filters = ctx.input.Filters === undefined || ctx.input.Filters === null ? undefined : requiredFilters(ctx.input);
  const attribute = groupBy(ctx.input, false);
  if (name !== undefined) found.Name = name;
  if (filters !== undefined) found.Filters = filters;
  if (attribute !== undefined) found.GroupByAttribute = attribute;
  return {};
}

export function deleteInsight(ctx: OperationContext): JsonObject {
  insight(ctx, ctx.arn);
  ctx.scope.insights.delete(ctx.arn);
  return { InsightArn: ctx.arn };
}

/** Counts the insight's findings per value of its GroupByAttribute, largest group first. */
export async function getInsightResults(ctx: OperationContext): Promise<JsonObject> {
  const found = insight(ctx, ctx.arn);
  const matches = compileFilters(found.Filters);
  const counts = new Map<string, number>();
  for (const finding of (await visibleFindings(ctx)).filter(matches)) {
    for (const value of groupValues(finding, found.GroupByAttribute)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const values = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([GroupByAttributeValue, Count]) => ({ GroupByAttributeValue, Count }));
  return { InsightResults: { InsightArn: found.InsightArn, GroupByAttribute: found.GroupByAttribute, ResultValues: values } };
}
