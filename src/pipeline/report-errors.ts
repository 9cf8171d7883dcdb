/** A reporting setting that is missing or wrong: the user's to fix (exit 2). Apart, so the CLI classifies it without loading the clients. */
export class ReportSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportSetupError';
  }
}
