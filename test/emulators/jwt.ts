/** HS256 JSON Web Tokens for emulators, checked against the emulator's own clock. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An emulator's sense of time in Unix seconds; tests move it forward to expire tokens. */
export class Clock {
	private offset = 0;

	now(): number {
		return Math.floor(Date.now() / 1000) + this.offset;
	}

	advance(seconds: number) {
		this.offset += seconds;
	}
}

export type Claims = Record<string, unknown> & { exp: number; iat: number };

export class JwtIssuer {
	private readonly secret = randomBytes(32);

	constructor(readonly clock: Clock) {}

	issue(claims: Record<string, unknown>, lifetimeSeconds: number): string {
		const iat = this.clock.now();
		const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = b64url(
			JSON.stringify({ ...claims, iat, exp: iat + lifetimeSeconds, jti: randomBytes(8).toString('hex') }),
		);
		const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
		return `${header}.${payload}.${b64url(signature)}`;
	}

	/** The claims of a token this issuer signed and that has not expired; otherwise a reason. */
	verify(token: string | undefined): { claims: Claims } | { reason: string } {
		if (!token) return { reason: 'missing token' };
		const parts = token.split('.');
		if (parts.length !== 3) return { reason: 'malformed token' };
		const expected = createHmac('sha256', this.secret).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return { reason: 'invalid signature' };
		}
		let claims: Claims;
		try {
			claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
		} catch {
			return { reason: 'malformed token' };
		}
		if (typeof claims.exp !== 'number' || claims.exp <= this.clock.now()) return { reason: 'token expired' };
		return { claims };
	}
}

/** Decodes a JWT's payload without checking it (what a client may do to read `exp`). */
export function decodeClaims(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
