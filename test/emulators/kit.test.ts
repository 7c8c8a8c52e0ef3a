/** The emulator kit: routes, the request record, and each kind of fault. */
import { Emulator, json } from './kit';

let emulator: Emulator;

beforeAll(async () => {
	emulator = new Emulator('kit')
		.route('GET', '/items/:id', (request) => json(200, { id: request.params.id, q: request.query.getAll('q') }))
		.route('POST', '/echo', (request) => ({ status: 201, body: request.body, headers: { 'Content-Type': 'application/octet-stream' } }));
	await emulator.start();
});
afterAll(async () => await emulator.stop());
beforeEach(() => {
	emulator.requests.length = 0;
	emulator.clearFaults();
});

test('routes decode path parameters and keep the raw URL and body bytes on record', async () => {
	const response = await fetch(`${emulator.url}/items/a%2Fb?q=1&q=x%20y`);
	expect(await response.json()).toEqual({ id: 'a/b', q: ['1', 'x y'] });
	const body = Buffer.from('{"name":"Zürich"}', 'utf8');
	const echoed = await fetch(`${emulator.url}/echo`, { method: 'POST', body, headers: { 'X-Test': 'yes' } });
	expect(Buffer.from(await echoed.arrayBuffer())).toEqual(body);
	const [get, post] = emulator.requests;
	expect(get.url).toBe('/items/a%2Fb?q=1&q=x%20y');
	expect(post.body).toEqual(body);
	expect(post.headers['x-test']).toBe('yes');
	expect(emulator.requestsTo('GET', '/items/:id')).toHaveLength(1);
});

test('unknown routes get 404', async () => {
	expect((await fetch(`${emulator.url}/nowhere`)).status).toBe(404);
});

test('a status fault answers N times, then the route answers normally', async () => {
	emulator.fault('GET', '/items/:id', { status: 503, body: { message: 'busy' }, times: 2 });
	const statuses = [];
	for (let index = 0; index < 3; index++) statuses.push((await fetch(`${emulator.url}/items/1`)).status);
	expect(statuses).toEqual([503, 503, 200]);
});

test('a latency fault delays the answer', async () => {
	emulator.fault('GET', '/items/:id', { latencyMs: 150, times: 1 });
	const started = Date.now();
	expect((await fetch(`${emulator.url}/items/1`)).status).toBe(200);
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test('a drop fault closes the connection without an answer', async () => {
	emulator.fault('*', '/items/:id', { drop: true, times: 1 });
	await expect(fetch(`${emulator.url}/items/1`)).rejects.toThrow();
	expect((await fetch(`${emulator.url}/items/1`)).status).toBe(200);
});

test('afterRequests runs an action once after the N-th matching request', async () => {
	let fired = 0;
	emulator.afterRequests('GET', '/items/:id', 2, () => fired++);
	for (let index = 0; index < 4; index++) await fetch(`${emulator.url}/items/${index}`);
	expect(fired).toBe(1);
});

test('echo faults quote the whole request as JSON or HTML', async () => {
	emulator.fault('POST', '/echo', { echo: 'json', status: 502, times: 1 });
	emulator.fault('POST', '/echo', { echo: 'html', times: 1 });
	const asJson = await fetch(`${emulator.url}/echo?token=abc`, { method: 'POST', body: 'secret-body', headers: { Authorization: 'Bearer xyz' } });
	expect(asJson.status).toBe(502);
	expect(await asJson.json()).toMatchObject({ request: { url: '/echo?token=abc', headers: { authorization: 'Bearer xyz' }, body: 'secret-body' } });
	const asHtml = await fetch(`${emulator.url}/echo`, { method: 'POST', body: 'b', headers: { 'X-Key': 'k1' } });
	expect(asHtml.status).toBe(500);
	expect(await asHtml.text()).toMatch(/<pre>POST \/echo\nhost: .*x-key: k1/s);
});

test('cut answers break off after the status line and half the body', async () => {
	emulator.fault('GET', '/items/:id', { cut: true, times: 1 });
	const response = await fetch(`${emulator.url}/items/1`);
	expect(response.status).toBe(200);
	await expect(response.text()).rejects.toThrow();
});

test('latency applies to every request; more requests in flight than allowed get 429 with Retry-After', async () => {
	emulator.latencyMs = 20;
	emulator.maxInFlight = 2;
	emulator.rateLimitRetryAfter = '1';
	try {
		const statuses = await Promise.all(Array.from({ length: 5 }, async () => (await fetch(`${emulator.url}/items/1`)).status));
		expect(statuses.filter((status) => status === 429)).toHaveLength(3);
		expect(emulator.rateLimited).toBe(3);
		expect(emulator.peakInFlight).toBeGreaterThanOrEqual(5);
	} finally {
		emulator.latencyMs = 0;
		emulator.maxInFlight = undefined;
	}
});
