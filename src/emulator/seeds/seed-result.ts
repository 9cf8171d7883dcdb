/** What a demo seed made: ids or names of the insecure resources and of the compliant decoys. */
export interface SeedResult {
  insecure: string[];
  compliant: string[];
}
