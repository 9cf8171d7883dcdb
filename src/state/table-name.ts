/** The record table's default name, apart from the store (commands print it in their help without loading the SDK). */
export const DEFAULT_TABLE = 'rampart-findings';
