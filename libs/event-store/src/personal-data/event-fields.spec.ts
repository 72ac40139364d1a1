import { join } from 'node:path';
import ts from 'typescript';
import { currentSchemaVersion, eventFields } from '#events';

type Shape = { strings: Set<string>; optional: Set<string>; top: Set<string> };

/**
 * The string fields of every event type's data, read from the types themselves with the
 * TypeScript compiler: `a.b` for nested fields, `a[]` for array items, `a.*` for maps; string
 * literal unions (kinds, statuses) are not free text and are left out.
 */
const eventShapes = (): Record<string, Shape> => {
  const file = join(__dirname, '../../../events/src/schema.ts');
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const alias = program
    .getSourceFile(file)!
    .statements.find(
      (s): s is ts.TypeAliasDeclaration =>
        ts.isTypeAliasDeclaration(s) && s.name.text === 'KroonikaEvent',
    )!;
  const union = checker.getTypeAtLocation(alias.name);
  const shapes: Record<string, Shape> = {};
  for (const member of union.isUnion() ? union.types : [union]) {
    const shape: Shape = { strings: new Set(), optional: new Set(), top: new Set() };
    const walk = (type: ts.Type, path: string, seen: Set<ts.Type>) => {
      if (type.isUnion()) {
        for (const t of type.types) walk(t, path, seen);
        return;
      }
      if (type.flags & ts.TypeFlags.String) {
        shape.strings.add(path);
        return;
      }
      if (checker.isArrayType(type)) {
        walk(checker.getTypeArguments(type as ts.TypeReference)[0]!, `${path}[]`, seen);
        return;
      }
      if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) || seen.has(type))
        return;
      const next = new Set(seen).add(type);
      for (const info of checker.getIndexInfosOfType(type)) walk(info.type, `${path}.*`, next);
      for (const prop of checker.getPropertiesOfType(type)) {
        const at = path ? `${path}.${prop.name}` : prop.name;
        if (!path) shape.top.add(prop.name);
        if (prop.flags & ts.SymbolFlags.Optional) shape.optional.add(at);
        walk(checker.getTypeOfSymbolAtLocation(prop, alias), at, next);
      }
    };
    const name = (
      checker.getTypeOfSymbolAtLocation(
        checker.getPropertyOfType(member, 'type')!,
        alias,
      ) as ts.StringLiteralType
    ).value;
    walk(
      checker.getTypeOfSymbolAtLocation(checker.getPropertyOfType(member, 'data')!, alias),
      '',
      new Set(),
    );
    shapes[name] = shape;
  }
  return shapes;
};

const conventional = /(Id|Ids|At|On)(\[\])?$/;
const covers = (entry: string, path: string) =>
  path === entry || path.startsWith(`${entry}.`) || path.startsWith(`${entry}[]`);

describe('every string field of every event is classified', () => {
  const shapes = eventShapes();

  it('reads every event type', () => {
    expect(Object.keys(shapes).sort()).toEqual(Object.keys(currentSchemaVersion).sort());
  });

  it('has a class for each string field that is no id, instant or day', () => {
    const missing = Object.entries(shapes).flatMap(([type, shape]) =>
      [...shape.strings]
        .filter((path) => !conventional.test(path.split('.').at(-1)!))
        .filter(
          (path) =>
            !Object.keys(eventFields[type as keyof typeof eventFields]).some((e) =>
              covers(e, path),
            ),
        )
        .map((path) => `${type}.${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('names no field an event does not have', () => {
    const stale = Object.entries(eventFields).flatMap(([type, fields]) =>
      Object.keys(fields)
        .filter((entry) => ![...shapes[type]!.strings].some((path) => covers(entry, path)))
        .map((entry) => `${type}.${entry}`),
    );
    expect(stale).toEqual([]);
  });

  it('seals personal data only where a customer, a lead or a held message names the key', () => {
    const keyless = Object.entries(eventFields)
      .filter(([, fields]) => Object.values(fields).some((c) => c !== 'not-personal'))
      .filter(
        ([type]) =>
          !shapes[type]!.top.has('customerId') &&
          !shapes[type]!.top.has('leadId') &&
          !(type.startsWith('InboundEmail') && shapes[type]!.top.has('inboundEmailId')),
      )
      .map(([type]) => type);
    expect(keyless).toEqual([]);
  });

  it('erases a field to a marker only when the event always has it', () => {
    // (a field always present may still disappear: a list of addresses has no marker)
    const wrong = Object.entries(eventFields).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([path, c]) => c === 'required' && shapes[type]!.optional.has(path))
        .map(([path]) => `${type}.${path}`),
    );
    expect(wrong).toEqual([]);
  });
});
