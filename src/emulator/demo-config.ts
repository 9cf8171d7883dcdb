/** The config the demo scans with: it shows per-check parameters at work. */
export const DEMO_CONFIG_YAML = `# rampart demo config (written by \`rampart demo\`)
regions: [us-east-1]
homeRegion: us-east-1
checks:
  s3-bucket-default-encryption-kms:
    parameters:
      requireKms: true        # SSE-S3 is not enough for this account
  ec2-security-group-no-public-restricted-ports:
    parameters:
      restrictedPorts: [21, 22, 23, 3389, 1433, 1521, 3306, 5432, 27017, 6379, 9200]
`;
