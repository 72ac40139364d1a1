import { type RegistryFacts } from '#events';

/**
 * A business registry the CRM looks companies up in (the CompanyRegistry port). What it answers
 * is kept as RegistryFacts, as received; `retrievedAt` is when.
 */
export type CompanyRegistry = {
  /** The registry's name, as recorded in the facts. */
  readonly name: string;
  /** The company with this registry code, or undefined when there is none. */
  byCode(registryCode: string): Promise<RegistryFacts | undefined>;
  /** Companies whose name matches, best first, at most `limit`. */
  byName(name: string, limit: number): Promise<RegistryFacts[]>;
};

/** The registry could not be asked or did not answer (network, timeout, 5xx): try later. */
export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

/** The registry answered with a refusal (a SOAP fault: credentials, access, request). */
export class RegistryRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryRefusedError';
  }
}

/** No registry is configured: there is nowhere to look. */
export class RegistryNotConfiguredError extends Error {
  constructor() {
    super('No business registry is configured (REGISTRY_USERNAME and REGISTRY_PASSWORD)');
    this.name = 'RegistryNotConfiguredError';
  }
}
