/** nodes/shared/pickers and login: search, order and pages of pickers; one shared login for concurrent requests. */
import { loginFailure, sharedLogin } from '../../nodes/shared/login';
import { matchesSearch, pickerPage } from '../../nodes/shared/pickers';

const entries = Array.from({ length: 250 }, (_, index) => ({ name: `Machine ${String(index).padStart(3, '0')}`, value: String(index) }));

test('every word of the search must match, case-insensitive, in name or value', () => {
	expect(matchesSearch('machine 01', 'Machine 010')).toBe(true);
	expect(matchesSearch('web prod', 'web-1', 'staging')).toBe(false);
	expect(matchesSearch('', 'anything')).toBe(true);
});

test('pickers page through long lists with paginationToken', () => {
	const first = pickerPage(entries, undefined, undefined);
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toBe('100');
	const last = pickerPage(entries, undefined, '200');
	expect(last.results).toHaveLength(50);
	expect(last.paginationToken).toBeUndefined();
	expect(pickerPage(entries, '24', undefined).results.map((entry) => entry.value)).toEqual(['24', '124', '224', ...Array.from({ length: 10 }, (_, i) => String(240 + i))]);
	expect(pickerPage(entries, 'machine 24', undefined).results).toHaveLength(13);
	expect(pickerPage(entries, 'machine 24 prod', undefined).results).toHaveLength(0);
	const reversed = [...entries].reverse();
	expect(pickerPage(reversed, undefined, undefined, { keepOrder: true }).results[0].value).toBe('249');
});

test('concurrent logins with the same settings share one request; other settings log in on their own', async () => {
	let logins = 0;
	const login = async () => {
		logins++;
		await new Promise((resolve) => setTimeout(resolve, 20));
		return { token: `t${logins}` };
	};
	const results = await Promise.all([
		...Array.from({ length: 50 }, async () => await sharedLogin({ user: 'a', password: 'x' }, login)),
		sharedLogin({ user: 'a', password: 'y' }, login),
	]);
	expect(logins).toBe(2);
	expect(new Set(results.slice(0, 50).map((result) => result.token)).size).toBe(1);
	await sharedLogin({ user: 'a', password: 'x' }, login);
	expect(logins).toBe(3);
});

test('a failed login in plain words', () => {
	const words = { service: 'Ventus Cloud', refused: { 401: 'rejected the username or password' } };
	expect(loginFailure({ response: { status: 401 } }, words)).toBe('Ventus Cloud rejected the username or password (HTTP 401)');
	expect(loginFailure({ response: { status: 500 } }, words)).toBe('Ventus Cloud answered the login with HTTP 500');
	expect(loginFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), words)).toBe('Ventus Cloud is unreachable (connection refused)');
});

test('a finished login is handed to requests that still present the token it replaced, and only to them', async () => {
	let logins = 0;
	const login = async () => ({ token: `t${++logins}` });
	const settings = { user: 'replaced', password: 'x' };
	// Tokens t0 expired: the first request logs in; later requests that were in flight with t0 get its result.
	expect(await sharedLogin(settings, login, 't0')).toEqual({ token: 't1' });
	expect(await sharedLogin(settings, login, 't0')).toEqual({ token: 't1' });
	expect(logins).toBe(1);
	// t1 expiring in turn is a new login; so is a login with no token presented (nothing to compare with).
	expect(await sharedLogin(settings, login, 't1')).toEqual({ token: 't2' });
	expect(await sharedLogin(settings, login)).toEqual({ token: 't3' });
	expect(await sharedLogin(settings, login, '')).toEqual({ token: 't4' });
	// Other settings never share.
	expect(await sharedLogin({ ...settings, password: 'y' }, login, 't1')).toEqual({ token: 't5' });
	expect(logins).toBe(5);
});
