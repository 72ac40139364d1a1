import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { signToken } from '../libs/platform/src/auth/jwt';
import { type IdentityProvider, startIdentityProvider } from '../libs/platform/src/auth/testing';
import { freePort } from './support/ferretdb';
import { waitForHealth } from './support/service';
import { until } from './support/until';

/**
 * The web console in a real Chromium (Debian's, driven by playwright-core) against `npm start`
 * on the embedded default: sign in, the board's colours, a drag and its conflict, a customer's
 * timeline scrolled and written to, the auditor's slider, a report as CSV, the calendar, the
 * Estonian texts and a phone's width. Screenshots land in .cache/console/.
 */
const root = resolve(__dirname, '..');
const chromiumPath =
  process.env['CHROMIUM_BIN'] ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const shots = join(root, '.cache', 'console');
const zone = 'Europe/Tallinn';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
const dayFrom = (days: number) =>
  new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

jest.setTimeout(60_000);

if (!chromiumPath)
  process.stderr.write(
    'console e2e SKIPPED: no Chromium (apt-get install chromium, or set CHROMIUM_BIN)\n',
  );
const maybe = chromiumPath ? describe : describe.skip;

/** `npm start` on the embedded default in a fresh directory, on free loopback ports. */
const npmStart = async (env: Record<string, string> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-console-'));
  const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
  const [command, query] = [`http://127.0.0.1:${ports[0]!}`, `http://127.0.0.1:${ports[1]!}`];
  let printed = '';
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      COMMAND_API_PORT: String(ports[0]),
      QUERY_API_PORT: String(ports[1]),
      PROJECTOR_PORT: String(ports[2]),
      WORKERS_PORT: String(ports[3]),
      INBOUND_SMTP_PORT: 'off',
      DATA_DIR: join(dir, 'data'),
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.db')}`,
      READ_STORE_URL: `sqlite:${join(dir, 'read.db')}`,
      BLOB_STORE_PATH: join(dir, 'blobs'),
      DEFAULT_TIMEZONE: zone,
      MIN_POSITION_WAIT_MS: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (c: Buffer) => (printed += c.toString()));
  child.stderr.on('data', (c: Buffer) => (printed += c.toString()));
  // `npm start` may build first when the sources are newer than the build.
  const waitUp = (url: string) => waitForHealth(url, child, () => printed, 60_000);
  await waitUp(`${command}/health/ready`);
  await waitUp(`${query}/health/ready`);
  await waitUp(`http://127.0.0.1:${ports[2]!}/health/ready`);
  return {
    dir,
    command,
    query,
    printed: () => printed,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Debian's Chromium, headless, at 1280×800 in the console users' time zone. */
const launch = async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: zone,
    locale: 'en-GB',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
};

maybe('web console in Chromium', () => {
  let service: Awaited<ReturnType<typeof npmStart>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[] = [];
  let command: string;
  let query: string;
  let dir: string;
  let token: string;
  const seeded = {
    pipelineId: '',
    stages: [] as string[],
    deals: {} as Record<'red' | 'green' | 'grey' | 'none', string>,
    customerId: '',
  };

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${command}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { id: string; position: number; stageIds?: string[] };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    service = await npmStart();
    ({ command, query, dir } = service);
    const data = (name: string) => readFileSync(join(dir, 'data', name), 'utf8').trim();
    token = await signToken(
      {
        sub: data('initial-admin-id'),
        roles: ['admin', 'manager', 'sales'],
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      Buffer.from(data('auth-secret')),
    );

    // A pipeline whose deals show every next-action colour, one customer with a long history.
    const pipeline = await post('/pipelines', {
      name: 'Müük',
      stages: [
        { name: 'Contact' },
        { name: 'Offer', probability: 50 },
        { name: 'Contract', probability: 80 },
      ],
    });
    seeded.pipelineId = pipeline.id;
    seeded.stages = pipeline.stageIds!;
    const customer = await post('/customers', { kind: 'company', name: 'Vana Nimi OÜ' });
    seeded.customerId = customer.id;
    const due = { red: dayFrom(-2), green: today, grey: dayFrom(5) } as const;
    for (const color of ['red', 'green', 'grey', 'none'] as const) {
      const deal = await post('/deals', {
        customerId: customer.id,
        pipelineId: pipeline.id,
        title: `Deal ${color}`,
        value: { amount: 1000, currency: 'EUR' },
      });
      seeded.deals[color] = deal.id;
      if (color !== 'none')
        await post(`/deals/${deal.id}/next-action`, {
          dueOn: due[color],
          description: `Call (${color})`,
        });
    }
    // A stage fuller than one page of cards, from another customer.
    const bulk = await post('/customers', { kind: 'company', name: 'Hulgi AS' });
    for (let i = 0; i < 25; i++)
      await post('/deals', {
        customerId: bulk.id,
        pipelineId: pipeline.id,
        stageId: seeded.stages[2],
        title: `Bulk ${i}`,
        value: { amount: 10, currency: 'EUR' },
      });
    await post('/activities', {
      customerId: customer.id,
      kind: 'task',
      title: 'Overdue follow-up',
      dueOn: dayFrom(-3),
    });
    for (let i = 0; i < 70; i++)
      await post('/activities', {
        customerId: customer.id,
        kind: 'note',
        title: `Note ${i}`,
        dueOn: today,
      });
    await post(`/customers/${customer.id}/profile`, { name: 'Uus Nimi OÜ' });
    await post('/segments', { name: 'Top customers', rules: { categories: ['top'] } });
    // Two leads from a fair, one of them qualified.
    for (const [productCode, name, kind, unitPrice] of [
      ['SRV-HOOLDUS', 'Hooldustöö', 'service', 6_500],
      ['PUMP-10', 'Soojuspump 10 kW', 'product', 450_000],
    ] as const)
      await post('/products', {
        productCode,
        name,
        kind,
        unit: kind === 'service' ? 'h' : 'pcs',
        vatRate: 24,
        prices: [{ currency: 'EUR', unitPrice }],
      });
    const fairLead = await post('/leads', { personName: 'Messi Külaline', source: 'Fair' });
    await post('/leads', { personName: 'Teine Külaline', source: 'fair' });
    await post(`/leads/${fairLead.id}/qualify`, {});
    const last = await post(`/customers/${customer.id}/category`, {
      category: 'top',
      reason: 'Big buyer',
    });
    // Read-your-writes: the read models have everything before the browser opens. A 503 (the
    // projector still behind after MIN_POSITION_WAIT_MS on a loaded machine) is asked again:
    // a browser opened on half-projected models would see a shorter history.
    for (let attempt = 0; ; attempt++) {
      const read = await fetch(`${query}/customers/${customer.id}`, {
        headers: { authorization: `Bearer ${token}`, 'x-min-position': String(last.position) },
      });
      if (read.status === 200) break;
      if (read.status !== 503 || attempt === 5)
        throw new Error(`read-your-writes: ${read.status} ${await read.text()}`);
    }

    ({ browser, page, errors } = await launch());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  const card = (color: keyof typeof seeded.deals) =>
    page.locator(`[data-deal-id="${seeded.deals[color]}"]`);
  const stage = (i: number) => page.locator(`[data-stage-id="${seeded.stages[i]!}"]`);

  it('is served by the query API, with its own security headers', async () => {
    const res = await fetch(`${query}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${command}`);
    expect(await res.text()).toContain('/console/console.js');
    const settings = (await (await fetch(`${query}/console/settings.json`)).json()) as {
      commandUrl: string;
    };
    expect(settings.commandUrl).toBe(command);
    // The command API lets the console's origin send commands.
    const preflight = await fetch(`${command}/deals/x/stage`, {
      method: 'OPTIONS',
      headers: {
        origin: query,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,if-match',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(query);
  });

  it('signs in with a pasted token and refuses what is not one', async () => {
    await page.goto(`${query}/console/`);
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not a token');
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.screenshot({ path: join(shots, 'signed-in.png') });
  });

  it('shows the board with red, green and grey cards, counts and totals', async () => {
    await page.goto(`${query}/console/#/board/${seeded.pipelineId}`);
    await card('red').waitFor();
    expect(await card('red').getAttribute('class')).toContain('card-red');
    expect(await card('green').getAttribute('class')).toContain('card-green');
    expect(await card('grey').getAttribute('class')).toContain('card-grey');
    expect(await card('none').getAttribute('class')).toContain('card-none');
    await expect(card('red').textContent()).resolves.toContain('Next action overdue');
    await expect(stage(0).locator('.count').textContent()).resolves.toBe('4');
    // four deals of 1000 cents each: the APIs' minor units, shown in euros
    await expect(stage(0).locator('.totals').textContent()).resolves.toContain('40.00 EUR');
    await expect(card('red').textContent()).resolves.toContain('10.00 EUR');
    await page.screenshot({ path: join(shots, 'board.png'), fullPage: true });
  });

  it('shows more cards of a stage as it scrolls', async () => {
    const cards = stage(2).locator('.card');
    await expect(cards.count()).resolves.toBe(20);
    await expect(stage(2).locator('.count').textContent()).resolves.toBe('25');
    await cards.last().scrollIntoViewIfNeeded();
    await stage(2).locator('.cards').hover();
    await page.mouse.wheel(0, 3000);
    await until(async () => (await cards.count()) === 25, 'the rest of the stage');
    await expect(stage(2).getByRole('button', { name: 'More cards' }).count()).resolves.toBe(0);
  });

  it('moves a dragged card to the stage it is dropped on', async () => {
    await card('green').dragTo(stage(1));
    await page.getByRole('status').filter({ hasText: 'Moved.' }).waitFor();
    await stage(1).locator(`[data-deal-id="${seeded.deals.green}"]`).waitFor();
    await expect(stage(1).locator('.count').textContent()).resolves.toBe('1');
    await expect(stage(0).locator('.count').textContent()).resolves.toBe('3');
  });

  it('says so when someone else moved the card first (412), and reloads', async () => {
    // Someone else moves the red deal while this board still shows its old revision.
    await post(`/deals/${seeded.deals.red}/stage`, { stageId: seeded.stages[2] });
    await card('red').dragTo(stage(1));
    const conflict = page.getByText('Someone else moved it — reload.');
    await conflict.waitFor();
    await page.screenshot({ path: join(shots, 'board-conflict.png') });
    await page.getByRole('button', { name: 'Reload' }).click();
    await stage(2).locator(`[data-deal-id="${seeded.deals.red}"]`).waitFor();
    expect(await stage(1).locator(`[data-deal-id="${seeded.deals.red}"]`).count()).toBe(0);
  });

  it('opens a customer: the 360 and a timeline that loads more as it scrolls', async () => {
    const pages: URL[] = [];
    const seen = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith(`/customers/${seeded.customerId}/timeline`)) pages.push(url);
    };
    page.on('request', seen);
    await page.goto(`${query}/console/#/customers/${seeded.customerId}`);
    await page.getByRole('heading', { name: 'Uus Nimi OÜ' }).waitFor();
    const entries = page.locator('.entry');
    await entries.nth(49).waitFor();
    // The first page is 50 entries from the newest. A next page may follow at once when the
    // end of the list is already in view (the layout decides that, not the test).
    expect([pages[0]?.searchParams.get('limit'), pages[0]?.searchParams.has('cursor')]).toEqual([
      '50',
      false,
    ]);
    await page.locator('.entries li').last().scrollIntoViewIfNeeded();
    await page.getByText('The beginning of the history.').waitFor();
    page.off('request', seen);
    // Scrolling asked for the pages after it, each from the cursor of the one before.
    expect(pages.slice(1).every((url) => url.searchParams.has('cursor'))).toBe(true);
    expect(pages.length).toBeGreaterThan(1);
    expect(await entries.count()).toBeGreaterThan(70);
    await page.screenshot({ path: join(shots, 'customer.png') });
  });

  it('filters the timeline by group and period', async () => {
    await page.getByLabel('Group').selectOption('sales');
    await until(
      async () => (await page.locator('.entry:not(.group-sales)').count()) === 0,
      'only sales entries',
    );
    const sales = await page.locator('.entry').count();
    expect(sales).toBeGreaterThan(0);
    expect(sales).toBeLessThan(20);
    await page.getByLabel('From').fill(dayFrom(1));
    await page
      .getByText('The beginning of the history.')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await until(async () => (await page.locator('.entry').count()) === 0, 'no entries');
    await page.getByLabel('From').fill('');
    await page.getByLabel('Group').selectOption('');
    await page
      .getByText('The beginning of the history.')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await until(async () => (await page.locator('.entry').count()) >= 50, 'a page again');
  });

  it('shows a task planned from the console at once (read-your-writes)', async () => {
    await page.getByLabel('Task', { exact: true }).fill('Send the contract draft');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.entry', { hasText: 'Send the contract draft' }).first().waitFor();
  });

  it('scrubs the auditor’s slider to a past instant and shows the earlier state', async () => {
    await page.goto(`${query}/console/#/audit/${seeded.customerId}`);
    await page
      .getByText('Recorded: every read in this view is written into the audit trail.')
      .waitFor();
    await page.locator('.chain-ok').waitFor();
    await page.locator('.state-name', { hasText: 'Uus Nimi OÜ' }).waitFor();
    await expect(page.locator('.state-category').textContent()).resolves.toBe('top');
    const slider = page.locator('#as-of');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.locator('.state-name', { hasText: 'Vana Nimi OÜ' }).waitFor();
    await expect(page.locator('.state-category').textContent()).resolves.not.toBe('top');
    await page.screenshot({ path: join(shots, 'audit.png') });
    // Its own reads are in the trail it shows.
    await page.reload();
    await page.locator('.trail li').first().waitFor();
  });

  it('draws the reports and downloads one as CSV', async () => {
    await page.goto(`${query}/console/#/reports`);
    await page.locator('table.report tbody tr').first().waitFor();
    await page.locator('.chart canvas').first().waitFor();
    const download = page.waitForEvent('download');
    await page
      .locator('section', { hasText: 'Categories' })
      .getByRole('button', { name: 'Download CSV' })
      .first()
      .click();
    const file = await download;
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'category,customers,openDeals,current.newCustomers,current.dealsOpened,current.won,current.lost,current.wonValue,previous.newCustomers,previous.dealsOpened,previous.won,previous.lost,previous.wonValue',
    );
    expect(csv).toMatch(/\r\ntop,1,4,/);
    // How the deals came into the pipeline's stages: four opened in Contact, 25 in Contract
    // (and those the board's tests moved there, when they ran).
    const flow = page.locator('table.flow tbody tr');
    await flow.first().waitFor();
    expect(await flow.locator('th').allTextContents()).toEqual(['Contact', 'Offer', 'Contract']);
    const entered = (await flow.locator('td:first-of-type').allTextContents()).map((text) =>
      Number(text.split(' ')[0]),
    );
    expect(entered[0]).toBe(4);
    expect(entered[2]).toBeGreaterThanOrEqual(25);
    // Where the leads came from: the fair's two, one qualified.
    const sources = page.locator('table.sources tbody tr');
    await sources.first().waitFor();
    expect(await sources.locator('th').allTextContents()).toEqual(['Fair']);
    expect(
      (await sources.first().locator('td').allTextContents())
        .slice(0, 2)
        .map((text) => Number(text.split(' ')[0])),
    ).toEqual([2, 1]);
    const segment = page.locator('#segment-select');
    await segment.selectOption({ label: 'Top customers' });
    // The segment's own chart, named after it (the page's outer section holds both charts).
    await page.getByRole('img', { name: /^Top customers: / }).waitFor();
    await page.screenshot({ path: join(shots, 'reports.png'), fullPage: true });
  });

  it('lists the catalogue with prices in euros, finds a product by name, downloads it as CSV', async () => {
    await page.goto(`${query}/console/#/products`);
    const rows = page.locator('table.products tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('th').allTextContents()).toEqual(['PUMP-10', 'SRV-HOOLDUS']);
    await expect(rows.nth(1).textContent()).resolves.toContain('65.00 EUR');
    await page.getByLabel('Find a product by name or code').fill('soojuspump');
    await page.getByRole('button', { name: 'Search' }).click();
    await rows.filter({ hasText: 'SRV-HOOLDUS' }).waitFor({ state: 'detached' });
    await expect(rows.first().textContent()).resolves.toContain('4,500.00 EUR');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')).toEqual([
      'productCode,name,kind,unit,vatRate,status,prices,soldQuantity,soldNet',
      'PUMP-10,Soojuspump 10 kW,product,pcs,24,active,4500 EUR,0,',
      '',
    ]);
  });

  it('lets a manager add a product, price it and retire it; the list shows each at once', async () => {
    await page.goto(`${query}/console/#/products`);
    const rows = page.locator('table.products tbody tr');
    await rows.first().waitFor();
    const add = page.getByRole('form', { name: 'Add a product or service' });
    await add.getByLabel('Code').fill('srv-koolitus');
    await add.getByLabel('Name').fill('Koolitus');
    await add.getByLabel('Unit').fill('h');
    await add.getByLabel('Price').fill('80.5');
    await add.getByRole('button', { name: 'Save' }).click();
    const row = rows.filter({ hasText: 'SRV-KOOLITUS' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('80.50 EUR');
    const price = page.getByRole('form', { name: 'Set a price' });
    await price.getByLabel('Code').selectOption('SRV-KOOLITUS');
    await price.getByLabel('Price').fill('95');
    await price.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Price set' }).waitFor();
    // the list reloads after the command: the row shows the new price once it has
    await rows.filter({ hasText: 'SRV-KOOLITUS' }).filter({ hasText: '95.00 EUR' }).waitFor();
    await page.getByRole('button', { name: 'Retire SRV-KOOLITUS' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('shows a week of the calendar with the planned items', async () => {
    await page.goto(`${query}/console/#/calendar`);
    await page.locator('.activity', { hasText: 'Send the contract draft' }).first().waitFor();
    await page.locator('.overdue li', { hasText: 'Overdue follow-up' }).waitFor();
    await page.screenshot({ path: join(shots, 'calendar.png'), fullPage: true });
  });

  it('speaks Estonian, and fits a phone’s width', async () => {
    await page.goto(`${query}/console/#/board/${seeded.pipelineId}`);
    await page.getByRole('button', { name: 'Keel: eesti' }).click();
    await page.getByRole('heading', { name: 'Müügitoru' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('et');
    await page.setViewportSize({ width: 390, height: 800 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeGreaterThan(300);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'board-phone-et.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

maybe('web console sign-in through an OpenID provider (authorization code + PKCE)', () => {
  const adminId = '5d1f7a0e-2a4b-4c1e-9f3d-7b6a5c4d3e2f';
  let provider: IdentityProvider;
  let service: Awaited<ReturnType<typeof npmStart>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Keycloak-shaped tokens: the staff id and the roles sit in claims of their own.
    provider = await startIdentityProvider({
      clientId: 'kroonika-console',
      claims: {
        sub: 'idp-user-1',
        staff_id: adminId,
        realm_access: { roles: ['auditor', 'manager'] },
      },
    });
    service = await npmStart({
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_SUBJECT_CLAIM: 'staff_id',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      BOOTSTRAP_ADMIN_ID: adminId,
      BOOTSTRAP_ADMIN_ROLES: 'admin,manager,auditor',
      WEBHOOK_SIGNING_KEY: 'a key for the webhooks of this test, 32+ bytes',
      CONSOLE_OIDC_CLIENT_ID: 'kroonika-console',
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await provider.stop();
  });

  it('signs in with the provider, shows the views of the roles in its token, and reads with it', async () => {
    const launched = await launch();
    browser = launched.browser;
    const { page, errors } = launched;
    const settings = (await (await fetch(`${service!.query}/console/settings.json`)).json()) as {
      oidc?: { issuer: string; clientId: string };
    };
    expect(settings.oidc).toEqual({ issuer: provider.issuer, clientId: 'kroonika-console' });
    await page.goto(`${service!.query}/console/`);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    // Out to the provider and back with a code, traded with the PKCE verifier for a token.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(provider.logins).toBe(1);
    expect(page.url()).toBe(`${service!.query}/console/`);
    const views = await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .allTextContents();
    // a manager and auditor: every view
    expect(views).toEqual([
      'Pipeline board',
      'Customers',
      'Calendar',
      'Reports',
      'Catalogue',
      'Audit',
    ]);
    // The APIs accept the provider's token: the board's pipelines load (none yet).
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.locator('table.report tbody tr').first().waitFor();
    expect(errors).toEqual([]);
  });
});
