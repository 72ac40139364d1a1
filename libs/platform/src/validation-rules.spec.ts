import { IsString, MaxLength, MetadataStorage, validateSync } from 'class-validator';
import { keepResolvedRules } from './validation-rules';

const resolve = jest.spyOn(MetadataStorage.prototype, 'getTargetValidationMetadatas');
keepResolvedRules();

class Named {
  @IsString() @MaxLength(5) name!: string;
}
class Titled extends Named {
  @IsString() title!: string;
}
const titled = (name: unknown, title: unknown) => Object.assign(new Titled(), { name, title });
const failing = (errors: { property: string }[]) => errors.map((e) => e.property).sort();

describe("a class's rules, resolved once", () => {
  beforeEach(() => resolve.mockClear());

  it('given a class validated before, when validated again, then its rules are not resolved again', () => {
    expect(failing(validateSync(titled('toolong', 1)))).toEqual(['name', 'title']);
    expect(failing(validateSync(titled('ok', 'x')))).toEqual([]);
    expect(failing(validateSync(titled(1, 'x')))).toEqual(['name']);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('given other options asked, then those are resolved on their own', () => {
    validateSync(titled('ok', 'x'));
    validateSync(titled('ok', 'x'), { groups: ['a'] });
    validateSync(titled('ok', 'x'), { groups: ['a'] });
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('given a rule registered after a class was resolved, then the class is resolved anew', () => {
    expect(failing(validateSync(titled('ok', 'x')))).toEqual([]);
    class Later extends Titled {
      @IsString() subtitle!: string;
    }
    // The decorator above registered a rule: what was kept is dropped, Later inherits in full.
    expect(
      failing(validateSync(Object.assign(new Later(), { name: 'toolong', title: 2 }))),
    ).toEqual(['name', 'subtitle', 'title']);
    validateSync(titled('ok', 'x'));
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});
