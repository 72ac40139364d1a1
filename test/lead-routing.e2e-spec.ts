import { readStoreTargets, serviceOn } from './support/read-stores';
import { commands, http, type Ids, queries } from './support/service';

type Lead = {
  leadId: string;
  personName: string;
  ownerId: string;
  source: string;
  routedBy?: { ruleId: string; teamId: string | null };
};

describe.each(readStoreTargets())('lead routing, teams and web forms, on $name', (target) => {
  const suite = serviceOn(target, {
    apps: ['command-api', 'projector', 'query-api'],
    env: { WEB_FORM_RATE_PER_MINUTE: '8' },
  });

  it('routes web form leads to a team in turn and fair leads to a member; the form is spam-safe', async () => {
    const { service } = suite;
    const manager = await service.staff('Maria Juht', ['manager']);
    const anna = await service.staff('Anna Müük', ['sales']);
    const jaan = await service.staff('Jaan Müük', ['sales']);
    const mari = await service.staff('Mari Mess', ['sales']);
    const m = commands(service, manager);
    const team = await m.post<Ids>('/teams', { name: 'Veeb', memberIds: [anna.id, jaan.id] });
    expect(team.status).toBe(201);
    const webRule = await m.post<Ids>('/lead-routing/rules', {
      name: 'Veebist meeskonnale',
      sources: ['Web form'],
      assignTo: { teamId: team.body.id },
    });
    const fairRule = await m.post<Ids>('/lead-routing/rules', {
      name: 'Messilt Marile',
      sources: ['fair'],
      assignTo: { staffId: mari.id },
    });
    expect([webRule.status, fairRule.status]).toEqual([201, 201]);
    const taken = await m.post('/lead-routing/rules', {
      name: 'Again',
      sources: ['FAIR'],
      assignTo: { staffId: anna.id },
    });
    expect([taken.status, taken.body['type']]).toEqual([
      409,
      expect.stringContaining('source-already-routed'),
    ]);
    // A rule names a member or a team; null names neither.
    for (const assignTo of [
      { staffId: null },
      { teamId: null },
      { staffId: null, teamId: team.body.id },
    ]) {
      const nobody = await m.post('/lead-routing/rules', {
        name: 'Nobody',
        sources: ['phone'],
        assignTo,
      });
      expect([nobody.status, nobody.body['type']]).toEqual([
        400,
        'urn:kroonika:problem:invalid-input',
      ]);
    }
    const form = await m.post<Ids & { submitUrl: string }>('/web-forms', {
      name: 'Kodulehe kontakt',
      ownerId: manager.id,
    });
    expect(form.status).toBe(201);
    const submitPath = new URL(form.body.submitUrl).pathname;
    const submit = (body: Record<string, unknown>) =>
      http('POST', `${service.url['command-api']}${submitPath}`, body);

    // Three people write: the team's members take them in turn.
    for (const [name, email] of [
      ['Kati Klient', 'kati@example.ee'],
      ['Peeter Klient', 'peeter@example.ee'],
      ['Liis Klient', 'liis@example.ee'],
    ])
      expect((await submit({ name, email, message: 'Palun helistage' })).status).toBe(202);
    // A robot fills in the hidden field; the same person again on one day is one lead.
    expect((await submit({ name: 'Bot', email: 'bot@spam.example', website: 'x' })).status).toBe(
      202,
    );
    expect((await submit({ name: 'Kati Klient', email: 'KATI@example.ee' })).status).toBe(202);
    // Without an e-mail address or a phone number it is refused as the form's document says.
    const noContact = await submit({ name: 'Nobody' });
    expect([noContact.status, noContact.body['type'], noContact.body['errors']]).toEqual([
      400,
      'urn:kroonika:problem:invalid-input',
      [{ field: 'email', messages: ['Send at least one of email or phone'] }],
    ]);

    const fair = await m.post<Ids>('/leads', { personName: 'Messi Külaline', source: 'Fair' });
    const leads = await queries(service, manager).get<{ items: Lead[] }>(
      '/leads?status=new&limit=100',
      fair.body.position,
    );
    const byName = new Map(leads.body.items.map((l) => [l.personName, l]));
    expect(
      ['Kati Klient', 'Peeter Klient', 'Liis Klient'].map((n) => byName.get(n)?.ownerId),
    ).toEqual([anna.id, jaan.id, anna.id]);
    expect(byName.get('Kati Klient')).toMatchObject({
      source: 'web form',
      routedBy: { ruleId: webRule.body.id, teamId: team.body.id },
    });
    expect(byName.has('Bot')).toBe(false);
    expect(leads.body.items.filter((l) => l.personName === 'Kati Klient')).toHaveLength(1);
    expect(byName.get('Messi Külaline')).toMatchObject({
      ownerId: mari.id,
      routedBy: { ruleId: fairRule.body.id, teamId: null },
    });

    const teams = await queries(service, manager).get<{
      items: { teamId: string; turns: number }[];
    }>('/teams');
    expect(teams.body.items.find((t) => t.teamId === team.body.id)?.turns).toBe(3);
    const forms = await queries(service, manager).get<{ items: { submitUrl: string }[] }>(
      '/web-forms',
    );
    expect(forms.body.items.map((f) => f.submitUrl)).toContain(form.body.submitUrl);

    // Too many from one address: 429; a changed key or a disabled form takes nothing.
    let limited = 0;
    for (let i = 0; i < 6 && limited === 0; i += 1)
      if ((await submit({ name: `Extra ${i}`, email: `x${i}@example.ee` })).status === 429)
        limited += 1;
    expect(limited).toBe(1);
    // A forged key is refused as unknown however often it is tried; it uses up no allowance.
    const forged: number[] = [];
    for (let i = 0; i < 7; i += 1)
      forged.push(
        (
          await http(
            'POST',
            `${service.url['command-api']}/web-form/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB`,
            { name: 'X', email: 'x@example.ee' },
          )
        ).status,
      );
    expect(forged).toEqual(Array(7).fill(404));
    // A disabled form takes nothing (a form of its own: the first one's address is limited now).
    const other = await m.post<Ids & { submitUrl: string }>('/web-forms', {
      name: 'Vana vorm',
      ownerId: manager.id,
    });
    expect((await m.post(`/web-forms/${other.body.id}/disable`)).status).toBe(200);
    const disabled = await http(
      'POST',
      other.body.submitUrl.replace(/^http:\/\/[^/]+/, service.url['command-api']),
      {
        name: 'Late',
        email: 'late@example.ee',
      },
    );
    expect([disabled.status, disabled.body['type']]).toEqual([
      404,
      expect.stringContaining('web-form-not-found'),
    ]);
  });
});
