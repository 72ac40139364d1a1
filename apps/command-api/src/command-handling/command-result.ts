import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

export type { CommandResult } from '#commands';

const CREATED = Symbol('created');
type Answered = { revision: number; [CREATED]?: boolean };

/**
 * A command's result with the status it answers with: 201 when it created something, 200 when
 * not (an upsert, or a repeated import). Kept beside the result, out of the JSON body.
 */
export const answer = <R extends { revision: number }>(result: R, created: boolean): R =>
  Object.defineProperty(result, CREATED, { value: created, enumerable: false });

const isResult = (value: unknown): value is Answered =>
  typeof value === 'object' && value !== null && typeof (value as Answered).revision === 'number';

/**
 * Sets what the HTTP answer to a command carries beside its body: the stream revision as ETag
 * (the If-Match of the next command) and 201 or 200 as `answer` decided; without it, the
 * route's own status stays.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (!isResult(result)) return result;
        void reply.header('etag', `"${result.revision}"`);
        const created = result[CREATED];
        if (created !== undefined) void reply.status(created ? 201 : 200);
        return result;
      }),
    );
  }
}
