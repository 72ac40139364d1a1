import { EstonianBusinessRegister, lihtandmedRequest, readLihtandmed } from './ariregister';
import { RegistryRefusedError, RegistryUnavailableError } from './company-registry';
import { recordedAccount, type RecordedRegistry, startRecordedRegistry } from './recorded-registry';

const at = new Date('2026-11-30T10:00:00.000Z');

describe('the e-Business Register adapter, against recorded answers on 127.0.0.1', () => {
  let server: RecordedRegistry;
  let registry: EstonianBusinessRegister;
  beforeAll(async () => {
    server = await startRecordedRegistry();
    registry = new EstonianBusinessRegister(
      { url: server.url, ...recordedAccount, language: 'eng', timeoutMs: 2000 },
      () => at,
    );
  });
  afterAll(() => server.stop());

  it('finds a company by registry code, as RegistryFacts', async () => {
    expect(await registry.byCode('14012345')).toEqual({
      registry: 'EE e-Business Register',
      registryCode: '14012345',
      legalName: 'Põhjala Tehnika OÜ',
      legalForm: 'Private limited company',
      status: 'Entered into the register',
      vatNumber: 'EE102987654',
      address: {
        street: 'Narva mnt 5',
        city: 'Harju maakond, Tallinn, Kesklinna linnaosa',
        postalCode: '10117',
        country: 'EE',
      },
      retrievedAt: at.toISOString(),
    });
    const sent = server.requests.at(-1)!;
    expect(sent).toContain('<prod:lihtandmed_v2>');
    expect(sent).toContain('<prod:ariregistri_kood>14012345</prod:ariregistri_kood>');
    expect(sent).toContain(
      '<prod:ariregister_valjundi_formaat>xml</prod:ariregister_valjundi_formaat>',
    );
  });

  it('finds companies by name, and nothing for an unknown code', async () => {
    const found = await registry.byName('Põhjala', 10);
    expect(found.map((f) => [f.registryCode, f.legalName])).toEqual([
      ['14012345', 'Põhjala Tehnika OÜ'],
      ['12233445', 'Põhjala Puit AS'],
    ]);
    expect(found[1]).not.toHaveProperty('vatNumber');
    expect(await registry.byName('Põhjala', 1)).toHaveLength(1);
    expect(server.requests.at(-1)).toContain('<prod:evnimi>Põhjala</prod:evnimi>');
    expect(await registry.byCode('99999999')).toBeUndefined();
    expect(await registry.byName('Olematu', 10)).toEqual([]);
  });

  it('reports the register refusing wrong credentials, and an unavailable register', async () => {
    const wrong = new EstonianBusinessRegister({
      url: server.url,
      username: 'kroonika',
      password: 'vale',
      language: 'eng',
      timeoutMs: 2000,
    });
    await expect(wrong.byCode('14012345')).rejects.toThrow(RegistryRefusedError);
    await expect(wrong.byCode('14012345')).rejects.toThrow('Kasutajanimi või parool on vale');
    server.down(true);
    await expect(registry.byCode('14012345')).rejects.toThrow(RegistryUnavailableError);
    server.down(false);
    const nowhere = new EstonianBusinessRegister({
      url: 'http://127.0.0.1:9/',
      ...recordedAccount,
      language: 'eng',
      timeoutMs: 2000,
    });
    await expect(nowhere.byCode('14012345')).rejects.toThrow(RegistryUnavailableError);
  });

  it('escapes what it sends and rejects an answer that is not the service’s', () => {
    const xml = lihtandmedRequest(
      { username: 'a&b', password: '<p>', language: 'est' },
      { name: 'Tom & "Jerry"', limit: 5 },
    );
    expect(xml).toContain('<prod:evnimi>Tom &#38; &#34;Jerry&#34;</prod:evnimi>');
    expect(xml).toContain('<prod:ariregister_parool>&#60;p&#62;</prod:ariregister_parool>');
    expect(xml).toContain('<prod:evarv>5</prod:evarv>');
    expect(() => readLihtandmed('x', '<html>not it</html>', at.toISOString())).toThrow(
      RegistryUnavailableError,
    );
  });
});
