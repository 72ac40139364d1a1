import { IsInt, IsOptional, Min } from 'class-validator';
import { AsNumber, IsLimit, validationPipe } from './validation';

class Query {
  @IsOptional() @AsNumber() @IsInt() @Min(0) past?: number;
  @IsLimit(50) limit?: number;
}

const parse = (query: Record<string, unknown>) =>
  validationPipe().transform(query, { type: 'query', metatype: Query });

describe('numbers sent as text', () => {
  it('are taken as numbers, and left out when not sent', async () => {
    await expect(parse({ past: '0', limit: '20' })).resolves.toEqual({ past: 0, limit: 20 });
    await expect(parse({})).resolves.toEqual({});
  });

  it('refuse blank text instead of reading it as 0', async () => {
    for (const past of ['', ' '])
      await expect(parse({ past })).rejects.toThrow('1 field(s) are invalid');
    await expect(parse({ limit: '' })).rejects.toThrow('1 field(s) are invalid');
    await expect(parse({ past: '1.5' })).rejects.toThrow('1 field(s) are invalid');
  });
});
