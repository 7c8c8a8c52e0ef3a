/** Billing routes: contract, invoices (JSON or CSV), invoice file uploads (multipart), billing data. */
import type { CloutilityEmulator } from '../cloutility';
import type { BusinessUnit } from '../cloutility-world';
import { failure } from '../cloutility-views';
import { json } from '../kit';

export function billingRoutes(portal: CloutilityEmulator): void {
	const unitPath = '/v1/bunits/:bunitId';
	const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
	const invoice = (unit: BusinessUnit, date: string) => ({
		href: portal.href(`/v1/bunits/${unit.id}/invoices/${date}`),
		invoiceDateStr: date,
		payingBusinessUnit: portal.views.unit(unit, false),
		lines: [{ id: 1, product: { id: 1, name: 'Backup storage (GB)' }, quantity: 512.5, unitPrice: 0.25, startDate: `${date.slice(0, 8)}01` }],
		simulated: Date.parse(date) > portal.now(),
	});
	portal.onUnit('GET', 'contract', (unit) => json(200, { id: 71, billingStartDate: '2023-07-01T00:00:00Z', currency: { id: 1, code: 'SEK' }, discount: 0, businessUnitId: unit.id }));
	portal.onUnit('GET', 'invoices', (unit, request) => portal.list(request, ['2024-03-31', '2024-04-30'].map((date) => invoice(unit, date))));
	portal.on('GET', `${unitPath}/invoices/:date`, (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		if (!isDay(request.params.date)) return failure(400, 'invalid_request', `"${request.params.date}" is not a date (YYYY-MM-DD)`);
		if (request.header('accept')?.includes('text/csv')) return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: 'product;quantity\nBackup storage (GB);512.5\n' };
		return json(200, invoice(unit, request.params.date));
	});
	portal.onUnit('GET', 'invoicefiles', (unit, request) => portal.list(request, portal.world.invoiceFiles.filter((file) => file.businessUnitId === unit.id)));
	portal.onUnit('POST', 'invoicefiles', (unit, request) => {
		const type = request.header('content-type') ?? '';
		const boundary = /boundary=(.+)$/.exec(type)?.[1];
		if (!type.startsWith('multipart/form-data') || !boundary) return failure(415, 'unsupported_media_type', 'Upload the file as multipart/form-data');
		const text = request.body.toString('latin1');
		const fileName = /filename="([^"]*)"/.exec(text)?.[1];
		const start = text.indexOf('\r\n\r\n');
		const end = text.lastIndexOf(`\r\n--${boundary}--`);
		if (!fileName || start === -1 || end === -1) return failure(400, 'invalid_request', 'No file in the upload');
		const file = {
			id: portal.world.id(),
			businessUnitId: unit.id,
			fileName,
			size: end - (start + 4),
			erpReference: request.query.get('erpReference') ?? undefined,
			sendToBillingAddress: request.query.get('sendToBillingAddress') === 'true',
			createdDate: portal.world.timestamp(),
		};
		portal.world.invoiceFiles.push(file);
		return json(200, file);
	});
	portal.onUnit('GET', 'billing', (unit, request) => {
		const dates = ['2024-03-31', '2024-04-30', ...(request.query.get('includeNext') === 'true' ? ['2024-05-31'] : [])];
		return portal.list(request, dates.map((date) => ({ href: portal.href(`/v1/bunits/${unit.id}/billing/${date}`), invoiceDateStr: date, id: Number(date.replace(/-/g, '')) })));
	});
	portal.on('GET', `${unitPath}/billing/:date`, (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		if (!isDay(request.params.date)) return failure(400, 'invalid_request', `"${request.params.date}" is not a date (YYYY-MM-DD)`);
		return json(200, {
			invoiceDateStr: request.params.date,
			billingBusinessUnit: portal.views.unit(unit, false),
			forecast: request.query.get('useForecasting') === 'true',
			summary: [{ currency: { code: 'SEK' }, total: 128.13 }],
		});
	});
}
