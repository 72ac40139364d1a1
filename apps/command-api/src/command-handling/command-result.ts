import { type FastifyReply } from 'fastify';

/** The answer to every command: the aggregate id, its stream revision and the global position. */
export type CommandResult = {
  id: string;
  revision: number;
  position: number;
  [extra: string]: string | number | string[] | Record<string, number>;
};

/** Sets the ETag (stream revision) and status; `created` answers 201. */
export const answer = (
  reply: FastifyReply,
  result: CommandResult,
  created: boolean,
): CommandResult => {
  void reply.status(created ? 201 : 200).header('etag', `"${result.revision}"`);
  return result;
};
