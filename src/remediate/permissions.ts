/** The remediation step's own IAM actions, apart from the SDK clients (policies are generated without loading them). */
export const BACKUP_PERMISSIONS = ['s3:PutObject', 's3:GetObject'] as const;
export const QUEUE_PERMISSIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'] as const;
export const ACTION_TARGET_PERMISSIONS = ['securityhub:CreateActionTarget', 'securityhub:DescribeActionTargets', 'securityhub:UpdateActionTarget'] as const;
