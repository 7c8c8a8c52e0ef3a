/** The portal address without a trailing slash or /v1 (every path of the API starts with /v1). */
export function portalBase(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v1$/i, '');
}
