/** The DynamoDB actions the record store calls; apart from it, so policies are generated without loading the SDK client. */
export const STORE_PERMISSIONS = [
  'dynamodb:DescribeTable', 'dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem',
] as const;
export const CREATE_TABLE_PERMISSIONS = ['dynamodb:CreateTable'] as const;
/** The reporting step's ticket and notification items (outbox.ts). */
export const OUTBOX_PERMISSIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'] as const;
/** The remediation step's items (remediations.ts): claims, history, warnings. */
export const REMEDIATION_LOG_PERMISSIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'] as const;
