/** The Security Hub actions the publisher calls; apart from it, so policies are generated without loading the SDK client. */
export const SECURITY_HUB_PERMISSIONS = ['securityhub:DescribeHub', 'securityhub:BatchImportFindings', 'securityhub:BatchUpdateFindings'] as const;
