/** The config the demo scans with: it shows per-check parameters at work. */
export const DEMO_CONFIG_YAML = `# rampart demo config (written by \`rampart demo\`)
regions: [us-east-1]
homeRegion: us-east-1
checks:
  # The emulator stamps access keys with the current time and cannot back-date them:
  # a zero-day limit shows the key findings on the demo's active key.
  iam-access-key-rotated:
    parameters:
      maxAgeDays: 0
  iam-access-key-used-recently:
    parameters:
      maxUnusedDays: 0
  s3-bucket-default-encryption-kms:
    parameters:
      requireKms: true        # SSE-S3 is not enough for this account
  ec2-security-group-no-public-restricted-ports:
    parameters:
      restrictedPorts: [21, 22, 23, 3389, 1433, 1521, 3306, 5432, 27017, 6379, 9200]
# Fixes: allowed in the demo account, each backed up first (the demo creates the bucket).
remediation:
  backupBucket: rampart-backups-123456789012
  accounts: ["123456789012"]
# Tickets and messages go to the local Jira and Slack stand-ins the demo starts.
reporting:
  minSeverity: HIGH
  jira: { project: SEC, issueType: Bug, priorities: { CRITICAL: Highest, HIGH: High }, dueDays: { CRITICAL: 7, HIGH: 30 } }
  slack: { channel: "#security", summaryChannel: "#general", pacingMs: 0 }   # the local stand-in needs no pacing
`;
