/** The IAM actions `rampart insights sync` calls, apart from the SDK client (policies are generated without loading it). */
export const INSIGHT_SYNC_PERMISSIONS = ['securityhub:GetInsights', 'securityhub:CreateInsight', 'securityhub:UpdateInsight', 'securityhub:DeleteInsight'] as const;

/** What `rampart insights list` needs to compare the definitions with Security Hub (read only). */
export const INSIGHT_LIST_PERMISSIONS = ['securityhub:GetInsights'] as const;
