import { applyUpdate, changes } from './update-engine';

describe('changes: whether an update can change an existing document', () => {
  const doc = { _id: 'a', customerId: 'c1', firstPosition: 10, lastPosition: 20 };

  it('is false for fields set on insert and bounds the document already holds', () => {
    expect(changes(doc, { $setOnInsert: { customerId: 'c2' }, $min: { firstPosition: 12 } })).toBe(
      false,
    );
    expect(changes(doc, { $max: { lastPosition: 20 }, $min: { firstPosition: 10 } })).toBe(false);
  });

  it('is true for a bound it moves or a field it lacks, and for every other operator', () => {
    expect(changes(doc, { $min: { firstPosition: 9 } })).toBe(true);
    expect(changes(doc, { $max: { lastPosition: 21 } })).toBe(true);
    expect(changes(doc, { $max: { seenAt: 1 } })).toBe(true);
    expect(changes(doc, { $set: { customerId: 'c1' } })).toBe(true);
    expect(changes(doc, { $inc: { count: 0 } })).toBe(true);
    expect(changes(doc, { $unset: { lastPosition: true } })).toBe(true);
  });

  it('agrees with applying the update wherever it says false', () => {
    const update = { $setOnInsert: { customerId: 'c9' }, $min: { firstPosition: 15 } };
    expect(changes(doc, update)).toBe(false);
    expect(applyUpdate(doc, 'a', update)).toEqual(doc);
  });
});
