import { StreamableFile } from '@nestjs/common';
import { type FastifyReply } from 'fastify';

/** A document's bytes as the answer, shown in the browser under its file name. */
export const fileAnswer = (reply: FastifyReply, bytes: Buffer, type: string, name: string) => {
  void reply.header('content-disposition', `inline; filename="${name}"`);
  return new StreamableFile(bytes, { type, length: bytes.length });
};
