/** Sends one command as the bench's admin and answers its body. */
export const post = async (port: number, path: string, body: unknown, token: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; position: string; stageIds?: string[] };
};

/** A two-stage pipeline and `count` open deals of one customer, made over the command API. */
export const dealsToMove = async (api: number, token: string, count: number, name = 'Bench AS') => {
  const pipeline = await post(
    api,
    '/pipelines',
    { name: `Bench ${name}`, stages: [{ name: 'A' }, { name: 'B' }] },
    token,
  );
  const customer = await post(api, '/customers', { kind: 'company', name }, token);
  const deals: string[] = [];
  let position = pipeline.position;
  for (let i = 0; i < count; i++) {
    const deal = await post(
      api,
      '/deals',
      {
        customerId: customer.id,
        pipelineId: pipeline.id,
        title: `D${i}`,
        value: { amount: 100, currency: 'EUR' },
      },
      token,
    );
    deals.push(deal.id);
    position = deal.position;
  }
  return { customerId: customer.id, stages: pipeline.stageIds!, deals, position };
};
