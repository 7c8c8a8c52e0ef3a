/**
 * How a G8 reads parameters: query string, URL-encoded form and JSON body merged into one dict (`authkey`
 * is the session, not a parameter); required parameters must be present (400 "Param with name:X is
 * missing."), values are converted to the declared type or refused (400 "Value of param X not correct
 * needs to be of type T"), unknown parameters are passed through and ignored.
 */
import type { EmulatorRequest } from '../kit';
import type { ApiMethodFacts, ApiParamType } from './api-facts';

/** An error the G8 answers with: a status and its message as a JSON string body. */
export class ApiFault extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export type Params = Record<string, unknown>;

export function gatherParams(request: EmulatorRequest): Params {
	const params: Params = {};
	for (const [key, value] of request.query) if (key !== 'authkey') params[key] = value;
	const type = request.header('content-type') ?? '';
	if (type.includes('application/json')) {
		const body = request.json<Params>();
		if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body);
	} else if (type.includes('www-form-urlencoded')) {
		for (const [key, value] of request.form()) params[key] = value;
	}
	return params;
}

function wrongType(name: string, type: ApiParamType): ApiFault {
	return new ApiFault(400, `Value of param ${name} not correct needs to be of type ${type}`);
}

function convert(name: string, type: ApiParamType, value: unknown): unknown {
	const asNumber = (raw: unknown, integer: boolean) => {
		const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		if (!Number.isFinite(number) || (integer && !Number.isInteger(number))) throw wrongType(name, type);
		return number;
	};
	const asList = (raw: unknown): unknown[] => {
		if (Array.isArray(raw)) return raw;
		if (typeof raw === 'string') {
			try {
				const parsed: unknown = JSON.parse(raw);
				if (Array.isArray(parsed)) return parsed;
			} catch {
				return raw.split(',').map((part) => part.trim());
			}
		}
		throw wrongType(name, type);
	};
	switch (type) {
		case 'int':
			return asNumber(value, true);
		case 'float':
			return asNumber(value, false);
		case 'bool':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'True' || value === 1 || value === '1') return true;
			if (value === 'false' || value === 'False' || value === 0 || value === '0') return false;
			throw wrongType(name, type);
		case 'str':
			if (typeof value === 'string') return value;
			if (typeof value === 'number') return String(value);
			throw wrongType(name, type);
		case 'list(int)':
			return asList(value).map((entry) => asNumber(entry, true));
		case 'list(str)':
			return asList(value).map((entry) => String(entry));
		default:
			return value;
	}
}

/** The parameters a method receives: required ones checked, declared ones converted, the rest kept as sent. */
export function validateParams(facts: ApiMethodFacts, raw: Params): Params {
	const params: Params = { ...raw };
	for (const [name, type, required] of facts.params) {
		const value = raw[name];
		if (value === undefined || value === null) {
			if (required) throw new ApiFault(400, `Param with name:${name} is missing.`);
			continue;
		}
		params[name] = convert(name, type, value);
	}
	return params;
}
