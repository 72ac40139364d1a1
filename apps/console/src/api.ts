import { type ClaimPaths } from './logic';

/** What an API answered that was not a success: its status and problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; type?: string },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export type Settings = {
  commandUrl: string;
  claims: ClaimPaths;
  oidc?: { issuer: string; clientId: string };
};

export type CommandAnswer = { id: string; revision: number; position: number };

/**
 * The two public APIs with the user's token: reads from the query API (this page's own
 * origin), commands to the command API. After a command, reads carry its position as
 * X-Min-Position, so what the user just did is in what they read next.
 */
export class Api {
  private position: number | undefined;

  constructor(
    private readonly token: string,
    private readonly settings: Settings,
  ) {}

  private async answer<T>(res: Response): Promise<T> {
    if (res.ok) return (await res.json()) as T;
    let problem: ApiError['problem'] = {};
    try {
      problem = (await res.json()) as ApiError['problem'];
    } catch {
      problem = { title: res.statusText };
    }
    throw new ApiError(res.status, problem);
  }

  async get<T>(path: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (this.position !== undefined) headers['x-min-position'] = String(this.position);
    return this.answer<T>(await fetch(path, { headers }));
  }

  async command(
    path: string,
    body: unknown,
    options: { ifMatch?: number } = {},
  ): Promise<CommandAnswer> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    };
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    const answer = await this.answer<CommandAnswer>(
      await fetch(`${this.settings.commandUrl}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      }),
    );
    this.position = Math.max(this.position ?? 0, answer.position);
    return answer;
  }
}

/** Offers `text` as a file download named `name`. */
export const download = (name: string, text: string, type = 'text/csv;charset=utf-8') => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
};
