/** nodes/shared/secrets: every form a secret travels in is masked, and secret-looking values without a known secret too. */
import { MASK, Scrubber, credentialSecrets, scrubberFor, secretForms } from '../../nodes/shared/secrets';

const secret = 'p@ss w/rd+"é';

test('masks a secret raw, URL-encoded, form-encoded, JSON-escaped, HTML-escaped and in base64', () => {
	const scrubber = new Scrubber([secret]);
	for (const form of secretForms(secret)) {
		expect(scrubber.text(`before ${form} after`)).toBe(`before ${MASK} after`);
	}
	expect(secretForms(secret)).toEqual(
		expect.arrayContaining([
			secret,
			encodeURIComponent(secret),
			'p%40ss+w%2Frd%2B%22%C3%A9',
			'p@ss w/rd+\\"é',
			'p@ss w/rd+&quot;é',
			Buffer.from(secret).toString('base64'),
			Buffer.from(secret).toString('base64url'),
		]),
	);
});

test('masks bearer and basic values, JWTs, authkeys and secret-named keys without knowing them', () => {
	const scrubber = new Scrubber([]);
	const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImEifQ.c2lnbmF0dXJl';
	const text = [
		'Authorization: Bearer abc.def-123',
		'Access: Bearer zzz',
		'Basic dXNlcjpwYXNz',
		`token was ${jwt}`,
		'GET /restmachine/x?authkey=0123456789abcdef&a=1',
		'{"password": "hunter2", "client_secret":"s3cr\\"et", "name": "kept"}',
		'grant_type=password&password=hunter2&username=kept',
		'X-Ovh-Consumer: ck123456',
	].join('\n');
	const scrubbed = scrubber.text(text);
	for (const leaked of ['abc.def-123', 'zzz', 'dXNlcjpwYXNz', jwt, '0123456789abcdef', 'hunter2', 's3cr', 'ck123456']) {
		expect(scrubbed).not.toContain(leaked);
	}
	expect(scrubbed).toContain('"name": "kept"');
	expect(scrubbed).toContain('username=kept');
});

test('deep scrubs objects: strings, keys and values of secret-named keys', () => {
	const scrubber = new Scrubber(['ck-0123456789']);
	const body = { message: 'bad key ck-0123456789', request: { headers: { 'X-Ovh-Consumer': 'other', token: 42 } }, list: ['ck-0123456789'] };
	expect(scrubber.deep(body)).toEqual({
		message: `bad key ${MASK}`,
		request: { headers: { 'X-Ovh-Consumer': MASK, token: MASK } },
		list: [MASK],
	});
});

test('short secrets are left to the patterns; credential fields are read by name', () => {
	expect(new Scrubber(['abc']).text('abc')).toBe('abc');
	expect(credentialSecrets({ password: 'pw-1234', username: 'me', token: '' }, ['password', 'token', 'missing'])).toEqual(['pw-1234']);
});

test('a scrubber for a credential also masks the secrets the call itself carried', async () => {
	const reader = { getCredentials: async () => ({ password: 'cred-pass-1', username: 'me' }) };
	const scrubber = await scrubberFor(reader, 'anyApi', ['password'], ['node-pass-2']);
	expect(scrubber.text('cred-pass-1 node-pass-2 me')).toBe(`${MASK} ${MASK} me`);
	const failing = { getCredentials: async () => Promise.reject(new Error('no credential')) };
	expect((await scrubberFor(failing, 'anyApi', ['password'], ['node-pass-2'])).text('node-pass-2')).toBe(MASK);
});
