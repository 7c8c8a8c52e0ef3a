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
