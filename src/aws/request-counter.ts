/** Counts the HTTP requests the SDK clients send (every attempt), by service and operation. */

interface Stackable {
  middlewareStack: { add: (middleware: never, options: { step: 'deserialize'; name: string; override?: boolean }) => void };
}

interface HandlerContext {
  clientName?: string;
  commandName?: string;
}

export class RequestCounter {
  private readonly counts = new Map<string, number>();

  attach(client: Stackable, _accountId: string, _region: string): void {
    const middleware = (next: (args: unknown) => Promise<unknown>, context: HandlerContext) => async (args: unknown) => {
      const service = (context.clientName ?? 'Unknown').replace(/Client$/, '');
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const key = `${service}:${operation}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      return next(args);
    };
    client.middlewareStack.add(middleware as never, { step: 'deserialize', name: 'rampartRequestCounter', override: true });
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(filter: (key: string) => boolean = () => true): number {
    let sum = 0;
    for (const [key, value] of this.counts) if (filter(key)) sum += value;
    return sum;
  }

  reset(): void {
    this.counts.clear();
  }
}
