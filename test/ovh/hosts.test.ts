/**
 * The API hosts OVHcloud's SDKs are moving to (api.eu.ovhcloud.com and api.ca.ovhcloud.com, OAuth2 tokens from
 * auth.eu.ovhcloud.com and auth.ca.ovhcloud.com), offered beside the current ones. The emulator stands in for
 * each host: requests n8n sends to that origin are routed to it (an axios interceptor, the client n8n's request
 * helpers use), and it checks every signature over the URL as the client signed it, with the real host in it.
 * So signing, the clock offset and tokens are shown to work unchanged on the new hosts, and the saved names
 * (`ovh-eu`, region `eu`...) still point where they did.
 */
import axios from 'axios';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ENDPOINT_URLS, OAUTH2_REGIONS, oauth2ApiUrl, oauth2TokenUrl, signedApiUrl } from '../../nodes/OvhCloud/api';
import { STAND_IN_HEADER } from '../emulators/ovh';
import { testCredential } from '../harness';
import { NODE_NAME, op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

/** Routes requests for `origin` to the emulator until the returned function is called. */
function standIn(origin: string): () => void {
	const id = axios.interceptors.request.use((config) => {
		for (const key of ['url', 'baseURL'] as const) {
			const value = config[key];
			if (typeof value === 'string' && value.startsWith(`${origin}/`)) {
				config[key] = `${env.emulator.url}${value.slice(origin.length)}`;
				config.headers.set(STAND_IN_HEADER, origin);
			}
		}
		return config;
	});
	return () => axios.interceptors.request.eject(id);
}

let stop: Array<() => void> = [];
afterEach(() => {
	for (const undo of stop) undo();
	stop = [];
});
const standingIn = (...origins: string[]) => {
	stop.push(...origins.map(standIn));
};

describe('the endpoint choices', () => {
	test('the new hosts, beside the current ones, which keep their hosts', () => {
		expect(signedApiUrl({ endpoint: 'ovhcloud-eu' })).toBe('https://api.eu.ovhcloud.com/1.0');
		expect(signedApiUrl({ endpoint: 'ovhcloud-ca' })).toBe('https://api.ca.ovhcloud.com/1.0');
		expect(signedApiUrl({ endpoint: 'ovh-eu' })).toBe('https://eu.api.ovh.com/1.0');
		expect(signedApiUrl({ endpoint: 'ovh-ca' })).toBe('https://ca.api.ovh.com/1.0');
		expect(signedApiUrl({ endpoint: 'ovh-us' })).toBe('https://api.us.ovhcloud.com/1.0');
		expect(signedApiUrl({})).toBe('https://eu.api.ovh.com/1.0');
		expect(Object.keys(ENDPOINT_URLS)).toHaveLength(9);
		expect(oauth2TokenUrl({ region: 'ovhcloud-eu' })).toBe('https://auth.eu.ovhcloud.com/oauth2/token');
		expect(oauth2ApiUrl({ region: 'ovhcloud-eu' })).toBe('https://api.eu.ovhcloud.com/1.0');
		expect(oauth2TokenUrl({ region: 'ovhcloud-ca' })).toBe('https://auth.ca.ovhcloud.com/oauth2/token');
		expect(oauth2ApiUrl({ region: 'ovhcloud-ca' })).toBe('https://api.ca.ovhcloud.com/1.0');
		expect(oauth2TokenUrl({ region: 'eu' })).toBe('https://www.ovh.com/auth/oauth2/token');
		expect(Object.keys(OAUTH2_REGIONS)).toEqual(['eu', 'ovhcloud-eu', 'ca', 'ovhcloud-ca', 'us']);
	});

	test('both credentials offer them in the editor', async () => {
		const options = (type: string, name: string) =>
			(env.harness.credentialTypes.getByName(type).properties.find((property) => property.name === name)?.options ?? []).map(
				(option) => (option as { value: string }).value,
			);
		expect(options('ovhCloudApi', 'endpoint')).toEqual(expect.arrayContaining(['ovh-eu', 'ovhcloud-eu', 'ovh-ca', 'ovhcloud-ca', 'ovh-us', 'custom']));
		expect(options(SERVICE_ACCOUNT, 'region')).toEqual(['eu', 'ovhcloud-eu', 'ca', 'ovhcloud-ca', 'us', 'custom']);
	});
});

describe('signed requests on the new hosts (the emulator standing in)', () => {
	const signed = (endpoint: string): ICredentialDataDecryptedObject => ({ ...env.signed(), endpoint, customUrl: '' });
	const getMe = { resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) };

	test.each([
		['ovhcloud-eu', 'https://api.eu.ovhcloud.com'],
		['ovhcloud-ca', 'https://api.ca.ovhcloud.com'],
		['ovh-eu', 'https://eu.api.ovh.com'],
	])('%s: the clock is read from %s/1.0/auth/time and each call is signed over its own URL', async (endpoint, origin) => {
		standingIn(origin);
		const run = await env.harness.run(env.workflow(getMe), { credentials: { ovhCloudApi: signed(endpoint) } });
		expect(run.json(NODE_NAME)).toEqual([env.emulator.data.me]);
		const [time] = env.emulator.requestsOf('time');
		expect(time.url).toBe('/1.0/auth/time');
		expect(time.headers[STAND_IN_HEADER]).toBe(origin);
		const [call] = env.emulator.requestsOf('api');
		expect(call.headers[STAND_IN_HEADER]).toBe(origin);
		expect(call.headers['x-ovh-signature']).toMatch(/^\$1\$[0-9a-f]{40}$/);
	});

	test('a signature made for one host is refused on another (the host is part of what is signed)', async () => {
		standingIn('https://api.eu.ovhcloud.com');
		const first = await env.harness.run(env.workflow(getMe), { credentials: { ovhCloudApi: signed('ovhcloud-eu') } });
		expect(first.status).toBe('success');
		const [call] = env.emulator.requestsOf('api');
		const replay = await fetch(`${env.emulator.url}${call.url}`, {
			headers: { ...(call.headers as Record<string, string>), [STAND_IN_HEADER]: 'https://eu.api.ovh.com' },
		});
		expect(replay.status).toBe(400);
		expect(((await replay.json()) as { errorCode: string }).errorCode).toBe('INVALID_SIGNATURE');
	});

	test('with the API clock an hour off, the offset is measured once on the new host and 20 items go through', async () => {
		standingIn('https://api.eu.ovhcloud.com');
		env.emulator.clock.advance(3600);
		try {
			const run = await env.harness.run(env.workflow(getMe), { credentials: { ovhCloudApi: signed('ovhcloud-eu') }, input: Array.from({ length: 20 }, () => ({})) });
			expect(run.json(NODE_NAME)).toHaveLength(20);
			expect(env.emulator.requestsOf('time')).toHaveLength(1);
			expect(Math.abs(Number(run.store.data('ovh-1').clockOffset) - 3600)).toBeLessThanOrEqual(1);
		} finally {
			env.emulator.clock.advance(-3600);
		}
	});

	test('v2 calls go to /v2 on the same new host', async () => {
		standingIn('https://api.ca.ovhcloud.com');
		const run = await env.harness.run(env.workflow({ resource: 'v2/location', endpoint: op('GET /location'), parameters: params({}) }), {
			credentials: { ovhCloudApi: signed('ovhcloud-ca') },
		});
		expect(run.json(NODE_NAME)).toHaveLength(env.emulator.data.locations.length);
		expect(env.emulator.requestsOf('api').every((request) => request.url.startsWith('/v2/location') && request.headers[STAND_IN_HEADER] === 'https://api.ca.ovhcloud.com')).toBe(true);
	});

	test('the Test button works on the new host', async () => {
		standingIn('https://api.ca.ovhcloud.com');
		expect(await testCredential(env.harness, 'ovhCloudApi', signed('ovhcloud-ca'))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.emulator.requestsOf('api').map((request) => [request.url, request.headers[STAND_IN_HEADER]])).toEqual([
			['/1.0/auth/currentCredential', 'https://api.ca.ovhcloud.com'],
		]);
	});
});

describe('service accounts on the new hosts (the emulator standing in)', () => {
	const account = (region: string): ICredentialDataDecryptedObject => ({ ...env.oauth2(), region, tokenUrl: '', apiUrl: '' });

	test.each([
		['ovhcloud-eu', 'https://auth.eu.ovhcloud.com', 'https://api.eu.ovhcloud.com'],
		['ovhcloud-ca', 'https://auth.ca.ovhcloud.com', 'https://api.ca.ovhcloud.com'],
	])('%s: the token comes from %s/oauth2/token, the calls go to %s with it', async (region, auth, api) => {
		standingIn(auth, api);
		const run = await env.harness.run(env.workflow({ authentication: SERVICE_ACCOUNT, ...{ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) } }), {
			credentials: { ovhCloudOAuth2Api: account(region) },
		});
		expect(run.json(NODE_NAME)).toEqual([env.emulator.data.me]);
		const token = env.emulator.requests.filter((request) => request.url === '/oauth2/token');
		expect(token.map((request) => request.headers[STAND_IN_HEADER])).toEqual([auth]);
		const [call] = env.emulator.requestsOf('api');
		expect(call.headers[STAND_IN_HEADER]).toBe(api);
		expect(call.headers.authorization).toMatch(/^Bearer /);
		expect(call.headers['x-ovh-signature']).toBeUndefined();
		expect(await testCredential(env.harness, SERVICE_ACCOUNT, account(region))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
