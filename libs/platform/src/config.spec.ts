import { bankAccounts, readConfig } from './config';

describe('the seller in the configuration', () => {
  it('reads bank accounts with their BIC and currency, IBANs as banks print them', () => {
    expect(bankAccounts('EE38 2200 2210 2014 5685:habaee2x, LT121000011101001000::EUR')).toEqual([
      { iban: 'EE382200221020145685', bic: 'HABAEE2X', currency: 'EUR' },
      { iban: 'LT121000011101001000', currency: 'EUR' },
    ]);
    expect(bankAccounts(undefined)).toEqual([]);
  });

  it('refuses to start with an IBAN or BIC that does not check out', () => {
    expect(() => readConfig({ SELLER_BANK_ACCOUNTS: 'EE382200221020145686' })).toThrow(
      /not a valid IBAN/,
    );
    expect(() => readConfig({ SELLER_BANK_ACCOUNTS: 'EE382200221020145685:HABA' })).toThrow(
      /not a valid BIC/,
    );
    expect(() => readConfig({ DEFAULT_LANGUAGE: 'fi' })).toThrow(/DEFAULT_LANGUAGE/);
  });

  it('takes the language of documents from the configuration, English by default', () => {
    expect(readConfig({}).defaultLanguage).toBe('en');
    expect(readConfig({ DEFAULT_LANGUAGE: 'lt' }).defaultLanguage).toBe('lt');
  });
});

describe('the web console in the configuration', () => {
  it('sends commands to the command API and opens from the query API, by either loopback name', () => {
    const config = readConfig({ COMMAND_API_PORT: '4000', QUERY_API_PORT: '4001' });
    expect(config.console.commandUrl).toBe('http://127.0.0.1:4000');
    expect(config.console.origins).toEqual([
      'http://127.0.0.1:4001',
      'http://localhost:4001',
      'http://[::1]:4001',
    ]);
    expect(config.console.oidcClientId).toBeUndefined();
  });

  it('takes the public addresses and the OIDC client where they are given', () => {
    const config = readConfig({
      PUBLIC_URL: 'https://crm.example.com/commands/',
      PUBLIC_QUERY_URL: 'https://read.example.com:8443/',
      CONSOLE_OIDC_CLIENT_ID: 'kroonika-console',
    });
    expect(config.console).toEqual({
      commandUrl: 'https://crm.example.com/commands',
      origins: ['https://read.example.com:8443'],
      oidcClientId: 'kroonika-console',
    });
  });
});

describe('the internal hosts webhooks may reach', () => {
  it('takes host names, addresses and networks', () => {
    expect(
      readConfig({
        WEBHOOK_ALLOWED_TARGETS:
          'hooks.internal, crm_hooks, 127.0.0.1,10.0.0.0/8 , [::1], fd00::/8,localhost',
      }).webhooks.allowedTargets,
    ).toEqual([
      'hooks.internal',
      'crm_hooks',
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'localhost',
    ]);
    expect(readConfig({}).webhooks.allowedTargets).toEqual([]);
  });

  it('refuses to start with an entry that could never match a target: a port, a URL, a bad network', () => {
    for (const entry of [
      '127.0.0.1:4567',
      'http://hooks.internal',
      'hooks.internal/path',
      '10.0.0.0/33',
      'fd00::/129',
      'hooks.internal/8',
      '10.0.0.0/8/1',
      '-hooks.internal',
    ])
      expect(() => readConfig({ WEBHOOK_ALLOWED_TARGETS: entry })).toThrow(
        `WEBHOOK_ALLOWED_TARGETS: ${entry} is not a host name`,
      );
  });
});
