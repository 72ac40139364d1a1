import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

type Lookup = MetadataStorage['getTargetValidationMetadatas'];

let kept = false;

/**
 * class-validator finds a class's rules anew on every validation, testing the class against
 * every decorated class of the app for the rules it inherits (typestack/class-validator#2686):
 * half of validating a command's body here, with the command API's 119 such classes. A
 * class's rules are complete once it is defined — its own decorators and those of the classes
 * it extends run before it can be validated — so the answer is kept per class and options
 * asked, and any rule registered later (a class defined afterwards, a schema) clears
 * everything kept.
 */
export const keepResolvedRules = (): void => {
  if (kept) return;
  kept = true;
  const storage = getMetadataStorage();
  const resolve: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let answers = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0000')}`;
    let forTarget = answers.get(target);
    if (!forTarget) answers.set(target, (forTarget = new Map<string, ValidationMetadata[]>()));
    let found = forTarget.get(key);
    if (!found) {
      found = resolve(target, schema, always, strictGroups, groups);
      forTarget.set(key, found);
    }
    return found;
  };
};
