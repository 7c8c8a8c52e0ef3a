/** The pure parts of OVHcloud signing: the official vectors, and what goes on the wire for URLs and bodies. */
import { createHash } from 'node:crypto';

import {
	encodeStrict,
	ovhSignature,
	queryString,
	signRequest,
	wireBody,
	wireUrl,
} from '../../credentials/OvhCloudApi.credentials';
import { branchUrl } from '../../nodes/OvhCloud/endpoints';
import { OVH_APP } from '../emulators/ovh';

// The official test vectors (python-ovh and go-ovh test suites; shared/reference/README.md).
const AS = '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk';
const CK = ['5mBuy6SUQcRw2ZUxg0cG68', 'BoDKpED4KY'].join('');
const TIMESTAMP = 1457018875;
const BODY = '{"a":"b","c":"d"}';

test.each([
	['GET', 'https://eu.api.ovh.com/1.0/auth', '', '$1$e9556054b6309771395efa467c22e627407461ad'],
	['POST', 'https://eu.api.ovh.com/1.0/auth', BODY, '$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1'],
	['PUT', 'https://eu.api.ovh.com/1.0/auth', BODY, '$1$8a75a9e7c8e7296c9dbeda6a2a735eb6bd58ec4b'],
	['DELETE', 'https://eu.api.ovh.com/1.0/auth', '', '$1$a1eecd00b3b02b6cf5708b84b9ff42059a950d85'],
	['GET', 'https://eu.api.ovh.com/1.0/call', '', '$1$7f2db49253edfc41891023fcd1a54cf61db05fbb'],
	['GET', 'https://eu.api.ovh.com/v1/call', '', '$1$e6e7906d385eb28adcbfbe6b66c1528a42d741ad'],
	['GET', 'https://eu.api.ovh.com/v2/call', '', '$1$bb63b132a6f84ad5433d0c534d48d3f7c3804285'],
])('official vector: %s %s', (method, url, body, expected) => {
	expect(ovhSignature(AS, CK, method, url, body, TIMESTAMP)).toBe(expected);
	expect(ovhSignature(AS, CK, method, url, Buffer.from(body), TIMESTAMP)).toBe(expected);
});

test('signRequest reproduces the vectors from request options, object bodies included', () => {
	const credentials = { applicationKey: OVH_APP.key, applicationSecret: AS, consumerKey: CK, clockOffset: '' };
	const now = TIMESTAMP * 1000 + 999;
	const post = signRequest(credentials, { method: 'POST', url: 'https://eu.api.ovh.com/1.0/auth', body: { a: 'b', c: 'd' } }, now);
	expect(post.headers?.['X-Ovh-Signature']).toBe('$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1');
	expect(post.headers?.['X-Ovh-Timestamp']).toBe(String(TIMESTAMP));
	expect(post.headers?.['Content-Type']).toBe('application/json');
	expect((post.body as Buffer).toString()).toBe(BODY);
	const get = signRequest(credentials, { method: 'GET', baseURL: 'https://eu.api.ovh.com/v2/', url: '/call' }, now);
	expect(get.url).toBe('https://eu.api.ovh.com/v2/call');
	expect(get.headers?.['X-Ovh-Signature']).toBe('$1$bb63b132a6f84ad5433d0c534d48d3f7c3804285');
	// A stored clock offset moves the timestamp (and so the signature).
	const skewed = signRequest({ ...credentials, clockOffset: '-3600' }, { method: 'GET', url: 'https://eu.api.ovh.com/1.0/auth' }, now);
	expect(skewed.headers?.['X-Ovh-Timestamp']).toBe(String(TIMESTAMP - 3600));
});

test('signing twice (n8n re-authenticates before its one retry) signs the same wire request', () => {
	const credentials = { applicationKey: 'ak', applicationSecret: 'as', consumerKey: 'ck' };
	const first = signRequest(credentials, { method: 'POST', url: 'https://h/1.0/x', qs: { a: 'b c' }, body: { é: 'ü' } }, 1_000_000);
	const second = signRequest(credentials, first, 1_000_000);
	expect(second.url).toBe(first.url);
	expect(second.body).toEqual(first.body);
	expect(second.headers).toEqual(first.headers);
	expect(Object.keys(second.headers ?? {}).filter((key) => /^x-ovh-/i.test(key))).toHaveLength(4);
});

test('strict encoding leaves only unreserved characters', () => {
	expect(encodeStrict("a b/c?d&e=f#g'h(i)j*k!l~m.n_o-p")).toBe('a%20b%2Fc%3Fd%26e%3Df%23g%27h%28i%29j%2Ak%21l~m.n_o-p');
	expect(encodeStrict('127.0.0.1/29')).toBe('127.0.0.1%2F29');
	expect(encodeStrict('héllo')).toBe('h%C3%A9llo');
});

test('query strings: keys in order, repeated keys for arrays, spaces and reserved characters encoded', () => {
	expect(queryString({ b: 'x y', a: ['1', '2'], skip: undefined, none: null, n: 3, t: true })).toBe('b=x%20y&a=1&a=2&n=3&t=true');
	expect(queryString({ q: "it's a&b=c/d?e" })).toBe('q=it%27s%20a%26b%3Dc%2Fd%3Fe');
	expect(queryString({ a: ['1', '2'] }, 'brackets')).toBe('a%5B%5D=1&a%5B%5D=2');
	expect(queryString({ filter: { k: 'v' } })).toBe('filter=%7B%22k%22%3A%22v%22%7D');
});

test('the signed URL is the one Node parses and sends', () => {
	expect(wireUrl({ url: 'https://eu.api.ovh.com/1.0/ip/127.0.0.1%2F29', qs: { a: 'x y' } })).toBe(
		'https://eu.api.ovh.com/1.0/ip/127.0.0.1%2F29?a=x%20y',
	);
	// Characters a caller left raw are normalised exactly as the HTTP client will.
	const raw = wireUrl({ url: 'https://EU.api.ovh.com:443/1.0/domain/zone/my zone/record?sub=a b' });
	expect(raw).toBe('https://eu.api.ovh.com/1.0/domain/zone/my%20zone/record?sub=a%20b');
	expect(new URL(raw).href).toBe(raw);
	expect(wireUrl({ baseURL: 'https://eu.api.ovh.com/1.0/', url: '/me', qs: { x: '1' } })).toBe('https://eu.api.ovh.com/1.0/me?x=1');
	expect(wireUrl({ url: 'https://eu.api.ovh.com/1.0/me?existing=1', qs: { added: '2' } })).toBe(
		'https://eu.api.ovh.com/1.0/me?existing=1&added=2',
	);
});

test('bodies are the exact bytes: non-ASCII JSON in UTF-8, nothing for GET, empty objects or empty strings', () => {
	const headers = {};
	const body = wireBody({ method: 'POST', url: 'x', body: { target: 'café ☕ 日本' } }, headers);
	expect(body?.toString('utf8')).toBe('{"target":"café ☕ 日本"}');
	expect(body?.length).toBe(Buffer.byteLength('{"target":"café ☕ 日本"}'));
	expect(headers).toEqual({ 'Content-Type': 'application/json' });
	expect(wireBody({ method: 'GET', url: 'x', body: { a: 1 } }, {})).toBeUndefined();
	expect(wireBody({ method: 'POST', url: 'x', body: {} }, {})).toBeUndefined();
	expect(wireBody({ method: 'POST', url: 'x', body: '' }, {})).toBeUndefined();
	expect(wireBody({ method: 'PUT', url: 'x', body: [1, 2] }, {})?.toString()).toBe('[1,2]');
	expect(() => wireBody({ method: 'POST', url: 'x', formData: {} }, {})).toThrow(/cannot be signed/);
});

test('an empty body is signed as the empty string', () => {
	const signed = signRequest({ applicationKey: 'a', applicationSecret: 's', consumerKey: 'c' }, { method: 'POST', url: 'https://h/1.0/x' }, 5000);
	const expected = `$1$${createHash('sha1').update('s+c+POST+https://h/1.0/x++5').digest('hex')}`;
	expect(signed.headers?.['X-Ovh-Signature']).toBe(expected);
	expect(signed.body).toBeUndefined();
});

test('v2 lives beside v1 on the same host', () => {
	expect(branchUrl('https://eu.api.ovh.com/1.0', 'v2')).toBe('https://eu.api.ovh.com/v2');
	expect(branchUrl('https://eu.api.ovh.com/v1/', 'v2')).toBe('https://eu.api.ovh.com/v2');
	expect(branchUrl('https://proxy.example/ovh', 'v2')).toBe('https://proxy.example/ovh/v2');
	expect(branchUrl('https://eu.api.ovh.com/v1', 'v1')).toBe('https://eu.api.ovh.com/v1');
});
