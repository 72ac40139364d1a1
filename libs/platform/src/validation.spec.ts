import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  anyOfFields,
  ApiSchemaRules,
  exactlyOneOf,
  needs,
  notTogether,
  brokenRules,
} from './schema-rules';
import { type ProblemException } from './problem';
import {
  AsNumber,
  IsInstant,
  IsLimit,
  IsOmittable,
  IsTimestamp,
  validationPipe,
} from './validation';

class Query {
  @IsOptional() @AsNumber() @IsInt() @Min(0) past?: number;
  @IsLimit(50) limit?: number;
}

const parse = (query: Record<string, unknown>) =>
  validationPipe().transform(query, { type: 'query', metatype: Query });

describe('timestamps', () => {
  class Meeting {
    @IsTimestamp() startsAt!: string;
    @IsOptional() @IsInstant() to?: string;
  }
  const check = (body: Record<string, unknown>) =>
    validationPipe().transform(body, { type: 'body', metatype: Meeting });
  it('are taken when their day is a four-digit date in every time zone', async () => {
    for (const startsAt of [
      '2026-12-06T09:30:00Z',
      '1000-01-02T00:00:00Z',
      '9999-12-30T23:59:59.999Z',
      '9999-12-31T09:00:00+14:00',
    ])
      await expect(check({ startsAt, to: '9999-12-31' })).resolves.toMatchObject({ startsAt });
  });
  it('are refused past 9999-12-30 or before 1000-01-02 in UTC, where a zone would write their day with more or fewer digits', async () => {
    for (const startsAt of [
      '9999-12-31T00:00:00Z',
      '9999-12-31T23:00:00-11:00',
      '1000-01-01T23:59:59Z',
      '1000-01-02T10:00:00+14:00',
    ])
      await expect(check({ startsAt })).rejects.toThrow(
        'startsAt must be a timestamp such as 2026-03-15T09:30:00Z, from 1000-01-02 to 9999-12-30 in UTC',
      );
    await expect(
      check({ startsAt: '2026-12-06T09:30:00Z', to: '9999-12-31T23:00:00-11:00' }),
    ).rejects.toThrow(/^to must be a day/);
  });
});

describe('numbers sent as text', () => {
  it('are taken as numbers, and left out when not sent', async () => {
    await expect(parse({ past: '0', limit: '20' })).resolves.toEqual({ past: 0, limit: 20 });
    await expect(parse({})).resolves.toEqual({});
  });

  it('refuse blank text instead of reading it as 0', async () => {
    for (const past of ['', ' '])
      await expect(parse({ past })).rejects.toThrow('past must be an integer number');
    await expect(parse({ limit: '' })).rejects.toThrow(/^limit must be/);
    await expect(parse({ past: '1.5' })).rejects.toThrow('past must be an integer number');
    await expect(parse({ limit: 'abc' })).rejects.toThrow(/^limit must be an integer number$/);
  });
});

describe('a query parameter sent more than once', () => {
  class Filter {
    @IsOptional() @IsString() status?: string;
    @IsLimit(50) limit?: number;
    @IsOptional() @IsArray() @IsString({ each: true }) tag?: string[];
  }
  const filter = (query: Record<string, unknown>) =>
    validationPipe().transform(query, { type: 'query', metatype: Filter });

  it('is refused, named, when the query takes it once', async () => {
    // What the parser gives for ?status=new&status=won&limit=5&limit=6.
    const refusal = await filter({ status: ['new', 'won'], limit: ['5', '6'] }).catch(
      (e: unknown) => (e as ProblemException).problem,
    );
    expect(refusal).toMatchObject({
      status: 400,
      detail: 'status is sent 2 times: send it once; limit is sent 2 times: send it once',
      errors: [
        { field: 'status', messages: ['status is sent 2 times: send it once'] },
        { field: 'limit', messages: ['limit is sent 2 times: send it once'] },
      ],
    });
  });

  it('is taken when the query takes a list of it', async () => {
    await expect(filter({ tag: ['a', 'b'], limit: '5' })).resolves.toEqual({
      tag: ['a', 'b'],
      limit: 5,
    });
  });

  it('is refused as unknown when the query does not take it at all', async () => {
    await expect(filter({ colour: ['red', 'blue'] })).rejects.toThrow(
      'property colour should not exist',
    );
  });
});

/** The problem a body is refused with; the test fails when the body is taken. */
const refused = async (metatype: new () => object, body: Record<string, unknown>) => {
  try {
    await validationPipe().transform(body, { type: 'body', metatype });
  } catch (e) {
    return (e as ProblemException).problem;
  }
  throw new Error('accepted');
};

describe('the detail of a refusal', () => {
  class Person {
    @IsString() name!: string;
    @IsString() city!: string;
    @IsInt() @Min(0) age!: number;
  }
  const detail = async (body: Record<string, unknown>) => (await refused(Person, body)).detail;

  it('says what is wrong, three messages at most, and how many more', async () => {
    await expect(detail({ name: 'Mari', city: 'Tartu', age: -1 })).resolves.toBe(
      'age must not be less than 0',
    );
    await expect(detail({ age: 'x' })).resolves.toBe(
      'name is required; city is required; age must be an integer number',
    );
    await expect(detail({ name: 5, city: 6, age: 'x', nick: 'M' })).resolves.toBe(
      'property nick should not exist; name must be a string; city must be a string; and 1 more (see errors)',
    );
    await expect(detail({ city: 'Tartu', age: 1.5 })).resolves.toBe(
      'name is required; age must be an integer number',
    );
    await expect(detail({ name: 5, city: 'Tartu', age: 1 })).resolves.toBe('name must be a string');
  });

  it('says only that a value is of the wrong type, not the bounds no such value could keep', async () => {
    await expect(
      refused(Person, { name: 'Mari', city: 'Tartu', age: '10.00' }),
    ).resolves.toMatchObject({
      detail: 'age must be an integer number',
      errors: [{ field: 'age', messages: ['age must be an integer number'] }],
    });
    await expect(detail({ name: 'Mari', city: 'Tartu', age: -1.5 })).resolves.toBe(
      'age must not be less than 0; age must be an integer number',
    );
    class Line {
      @IsString() @MaxLength(5) unit!: string;
      @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(1000) quantity!: number;
    }
    await expect(refused(Line, { unit: 7, quantity: '2' })).resolves.toMatchObject({
      detail:
        'unit must be a string; quantity must be a number conforming to the specified constraints',
    });
    class Options {
      @IsArray() @IsString({ each: true }) @MinLength(1, { each: true }) options!: string[];
    }
    await expect(refused(Options, { options: ['a', '', 5] })).resolves.toMatchObject({
      errors: [
        {
          field: 'options',
          messages: [
            'each value in options must be longer than or equal to 1 characters',
            'each value in options must be a string',
          ],
        },
      ],
    });
    await expect(refused(Line, { unit: 'pieces', quantity: 1e6 })).resolves.toMatchObject({
      detail:
        'unit must be shorter than or equal to 5 characters; quantity must not be greater than 1000',
    });
  });

  it('says once that a field left out is required, and what it is about a field sent', async () => {
    await expect(refused(Person, { name: 'Mari', age: 1 })).resolves.toMatchObject({
      detail: 'city is required',
      errors: [{ field: 'city', messages: ['city is required'] }],
    });
    await expect(refused(Person, { name: 'Mari', city: null, age: 1 })).resolves.toMatchObject({
      errors: [{ field: 'city', messages: ['city must be a string'] }],
    });
    await expect(
      refused(Person, { name: 'Mari', city: 'Tartu', age: 1, '': 1 }),
    ).resolves.toMatchObject({
      detail: 'a field without a name should not exist',
    });
  });
});

describe('rules across fields, as the document states them', () => {
  @ApiSchemaRules(exactlyOneOf(['dueOn'], ['startsAt', 'endsAt']))
  class Timing {
    @IsOmittable() @IsString() dueOn?: string;
    @IsOmittable() @IsString() startsAt?: string;
    @IsOmittable() @IsString() endsAt?: string;
  }

  @ApiSchemaRules(anyOfFields('name', 'unit'), notTogether('name', 'code'), needs('code', 'unit'))
  class Line {
    @IsOmittable() @IsString() name?: string;
    @IsOmittable() @IsString() unit?: string;
    @IsOmittable() @IsString() code?: string;
  }

  class Body extends Timing {
    @IsArray() @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
  }

  const send = (body: Record<string, unknown>) =>
    validationPipe().transform(body, { type: 'body', metatype: Body });

  const refusal = async (body: Record<string, unknown>) => (await refused(Body, body)).errors;
  const detailOf = async (body: Record<string, unknown>) => (await refused(Body, body)).detail;

  it('names the whole path of a nested field in the detail', async () => {
    await expect(detailOf({ dueOn: 'd', lines: [{ unit: 'h' }, { name: 1 }] })).resolves.toBe(
      'lines.1.name must be a string',
    );
    await expect(
      detailOf({ dueOn: 'd', lines: [{ code: 'C', unit: 'h' }, { code: 'D' }] }),
    ).resolves.toBe(
      'lines.1.name: Send at least one of name or unit; lines.1.unit: code needs unit',
    );
  });

  it('takes a body that keeps them, on itself and on the objects in it', async () => {
    await expect(send({ dueOn: '2026-12-05', lines: [{ name: 'a' }] })).resolves.toBeInstanceOf(
      Body,
    );
    await expect(
      send({ startsAt: 'x', endsAt: 'y', lines: [{ unit: 'h', code: 'C' }] }),
    ).resolves.toBeInstanceOf(Body);
  });

  it('refuses a body that breaks one, naming where and why', async () => {
    await expect(refusal({ lines: [] })).resolves.toEqual([
      { field: 'dueOn', messages: ['Send either dueOn, or startsAt and endsAt'] },
    ]);
    await expect(refusal({ dueOn: 'd', startsAt: 's', lines: [] })).resolves.toEqual([
      { field: 'dueOn', messages: ['Send either dueOn, or startsAt and endsAt'] },
    ]);
    await expect(refusal({ dueOn: 'd', lines: [{ name: 'a' }, {}] })).resolves.toEqual([
      { field: 'lines.1.name', messages: ['Send at least one of name or unit'] },
    ]);
    await expect(
      refusal({ dueOn: 'd', lines: [{ name: 'a', code: 'C', unit: 'h' }, { code: 'C' }] }),
    ).resolves.toEqual(
      expect.arrayContaining([
        { field: 'lines.0.code', messages: ['Send name or code, not both'] },
        { field: 'lines.1.unit', messages: ['code needs unit'] },
      ]),
    );
  });

  it('are refused when made without the words a refusal gives', () => {
    expect(() => ApiSchemaRules({ required: ['name'] })(class Bare {})).toThrow(
      'Bare: a rule across fields needs its words (acrossFields)',
    );
  });
});

describe('a body walked for its rules', () => {
  it('may hold objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(brokenRules({ values: bare, list: [bare] })).toEqual([]);
  });
});

describe('what is not a body', () => {
  it('is not walked for rules (a custom parameter may hold anything, cycles too)', async () => {
    const meta: Record<string, unknown> = {};
    meta['self'] = meta;
    await expect(validationPipe().transform(meta, { type: 'custom' })).resolves.toBe(meta);
  });
});
