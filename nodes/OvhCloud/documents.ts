/**
 * Documents as binary data. Bills, orders, deposits, refunds, corrective invoices, reverse bills, withdrawals and
 * contracts link to their PDF (`pdfUrl`, `pdf`, or `url` for contracts); "Download Document" fetches that link and
 * puts the file beside the object's JSON, with a file name made from the object's ID and the type the server
 * gives. The links point at OVHcloud's web site (`https://www.ovh.com/cgi-bin/order/facture.pdf?reference=…&passwd=…`),
 * not at the API: they carry their own token (the document's password), so they are fetched with no credential
 * and no X-Ovh-* header at all. Redirects are followed by hand (at most 5, http(s) only, never from https down to
 * http), the size is capped, and errors name the host and path only: the query string (the token) never
 * appears in an error.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../shared/errors';
import { networkWords, type HttpFailure } from '../shared/http';
import { triesNote } from '../shared/retry';
import { ExecutionItems, noticeOnce } from '../shared/runner';
import { Scrubber } from '../shared/secrets';
import { mapInParallel } from '../shared/trigger';
import { childParameter, findOperation, returnsIds } from './catalog';
import type { CatalogFamily, CatalogOperation } from './catalog/types';
import { baseType } from './catalog/types-util';
import { DocumentTooLarge, fetchDocumentHop } from './transport';

/** The largest document downloaded (bills are tens of kilobytes; contracts a few megabytes). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** Redirects followed for one document, at most. */
export const MAX_REDIRECTS = 5;

/**
 * The field that links to the document, by the schema model of the objects (every model of OVHcloud's schema
 * with a `pdfUrl` or `pdf` field, and the contract and order models whose `url` is "URL to download the …").
 */
export const DOCUMENT_FIELDS: Record<string, string> = {
	'agreements.Contract': 'pdf',
	'billing.Bill': 'pdfUrl',
	'billing.CorrectiveInvoice': 'pdfUrl',
	'billing.Deposit': 'pdfUrl',
	'billing.Order': 'pdfUrl',
	'billing.Refund': 'pdfUrl',
	'billing.ReverseBill': 'pdfUrl',
	'billing.Withdrawal': 'pdfUrl',
	'me.migration.Contract': 'pdf',
	'order.Contract': 'url',
	'order.Order': 'url',
	'service.renew.RenewOrder': 'pdfUrl',
	'telephony.Procedure': 'pdfUrl',
};

/** The ID field of each kind of document, for file names (most specific first: bills also carry `orderId`). */
const KINDS: Array<[field: string, kind: string]> = [
	['billId', 'bill'],
	['correctiveInvoiceId', 'corrective-invoice'],
	['reverseBillId', 'reverse-bill'],
	['refundId', 'refund'],
	['depositId', 'deposit'],
	['withdrawalId', 'withdrawal'],
	['orderId', 'order'],
	['id', 'document'],
	['name', 'contract'],
];

const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'text/html': 'html',
	'text/plain': 'txt',
	'application/zip': 'zip',
	'application/xml': 'xml',
	'text/xml': 'xml',
	'text/csv': 'csv',
	'application/json': 'json',
};

export const DOWNLOAD_DOCUMENT = 'downloadDocument';
export const DOCUMENT_BINARY_FIELD = 'binaryPropertyName';

/** The Options entries of the action node (place them in name order with the others). */
export const downloadDocumentOption: INodeProperties = {
	displayName: 'Download Document',
	name: DOWNLOAD_DOCUMENT,
	type: 'boolean',
	default: false,
	description:
		'Whether to also download the document each returned object links to (the PDF of a bill, order, deposit, refund, corrective invoice, reverse bill, withdrawal or contract) and output it as binary data beside the object. For a list of IDs (e.g. GET /me/bill), turn on Return Full Objects too.',
};

export const documentFieldOption: INodeProperties = {
	displayName: 'Put Document in Field',
	name: DOCUMENT_BINARY_FIELD,
	type: 'string',
	default: 'data',
	description: 'The name of the output binary field that holds the document (with Download Document)',
};

/** The type of the objects an operation returns: the list's element type, or for a list of IDs the type of one ID's object. */
export function objectType(family: CatalogFamily, operation: CatalogOperation): string {
	if (returnsIds(operation)) {
		const child = childParameter(family, operation);
		const item = child ? findOperation(family, `GET ${operation.p}/{${child}}`) : undefined;
		if (item) return item.r;
	}
	return baseType(operation.r);
}

/** The link of an object's document: the field its type names, else `pdfUrl` or `pdf`. */
export function documentLink(object: IDataObject, field: string | undefined): { field: string; link: string } | undefined {
	for (const name of field ? [field] : ['pdfUrl', 'pdf']) {
		const value = object[name];
		if (typeof value === 'string' && value.trim()) return { field: name, link: value.trim() };
	}
	return undefined;
}

/** `bill FR40000001` (for messages), `bill-FR40000001` (for file names) and the ID. */
function documentName(object: IDataObject): { label: string; stem: string; id?: string } {
	for (const [field, kind] of KINDS) {
		const value = object[field];
		if ((typeof value === 'string' && value.trim()) || typeof value === 'number') {
			const id = String(value).trim();
			return { label: `${kind} ${id}`, stem: `${kind}-${id}`.replace(/[^\w.-]+/g, '_').slice(0, 120), id };
		}
	}
	return { label: 'document', stem: 'document' };
}

/** Host and path of a link: never its query string (the token), fragment or user info. */
const where = (url: URL) => `${url.host}${url.pathname}`;

function mimeTypeOf(headers: Record<string, string>, url: URL, expectPdf: boolean): string {
	const given = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (given && given !== 'application/octet-stream') return given;
	if (/\.pdf$/i.test(url.pathname) || expectPdf) return 'application/pdf';
	return given || 'application/octet-stream';
}

function extensionOf(mimeType: string, url: URL): string {
	return EXTENSIONS[mimeType] ?? /\.(\w{1,8})$/.exec(url.pathname)?.[1]?.toLowerCase() ?? 'bin';
}

type DocumentContext = IExecuteFunctions | IPollFunctions;

interface Download {
	ctx: DocumentContext;
	object: IDataObject;
	field: string;
	link: string;
	itemIndex?: number;
}

/** The document of one object as binary data; every failure is an error naming the object, the host and the path. */
async function download({ ctx, object, field, link, itemIndex }: Download): Promise<IBinaryData> {
	const { label, stem, id } = documentName(object);
	const node = ctx.getNode();
	const fail = (problem: string, description?: string) =>
		new NodeOperationError(node, `The document of ${label} could not be downloaded: ${problem}`, { itemIndex, description });
	let url: URL;
	try {
		url = new URL(link);
	} catch {
		throw fail(`"${field}" is not a URL`);
	}
	if (!/^https?:$/.test(url.protocol)) throw fail(`"${field}" is not an http(s) link`);
	// Every link met, its query string and each query value but the document's own ID are secrets: none is kept in an error.
	const secrets = [link];
	for (let hop = 0; ; hop++) {
		secrets.push(url.href, url.search, ...[...url.searchParams.values()].filter((value) => value !== id), url.username, url.password);
		const outcome = await fetchDocumentHop(ctx, url.href, MAX_DOCUMENT_BYTES);
		if (outcome.ok) {
			const expectPdf = field !== 'url';
			const mimeType = mimeTypeOf(outcome.value.headers, url, expectPdf);
			if (expectPdf && mimeType === 'text/html') {
				throw fail(
					`${where(url)} answered with a web page, not the document`,
					'The link may have expired or ask for a login. Read the object again (its link is renewed) and retry.',
				);
			}
			return await ctx.helpers.prepareBinaryData(outcome.value.body, `${stem}.${extensionOf(mimeType, url)}`, mimeType);
		}
		if (outcome.error instanceof DocumentTooLarge) {
			throw fail(`it is larger than ${Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024)} MB (${where(url)})`);
		}
		const { failure } = outcome;
		const location = failure.headers.location;
		if (failure.status !== undefined && failure.status >= 300 && failure.status < 400 && location) {
			if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects (last: ${where(url)})`);
			let next: URL;
			try {
				next = new URL(location, url);
			} catch {
				throw fail(`${where(url)} redirected to something that is not a URL`);
			}
			if (!/^https?:$/.test(next.protocol)) throw fail(`${where(url)} redirected to a link that is not http(s)`);
			if (url.protocol === 'https:' && next.protocol === 'http:') throw fail(`${where(url)} redirected from https to plain http (${where(next)})`);
			url = next;
			continue;
		}
		throw documentError(ctx, { ...failure, body: undefined }, { label, url, tries: outcome.tries, itemIndex }, new Scrubber(secrets));
	}
}

function documentError(
	ctx: DocumentContext,
	failure: HttpFailure,
	call: { label: string; url: URL; tries: number; itemIndex?: number },
	scrubber: Scrubber,
) {
	const problem = failure.status
		? `${where(call.url)} answered HTTP ${failure.status}`
		: `${call.url.host} is unreachable (${networkWords(failure.code)})`;
	return apiError(
		ctx.getNode(),
		failure,
		{
			message: `The document of ${call.label} could not be downloaded: ${problem}${triesNote(call.tries)}`,
			description:
				'Document links are fetched as OVHcloud\'s web site serves them, without the API credential (they carry their own token). A link may expire: read the object again and retry.',
			itemIndex: call.itemIndex,
		},
		scrubber,
	);
}

export interface DocumentItems {
	items: INodeExecutionData[];
	/** How many objects link to no document. */
	missing: number;
}

/**
 * The objects as output items, each with its document as binary data in `binaryProperty` when it links to one
 * (`field`: the link's field for the objects' type; undefined: `pdfUrl`, else `pdf`). Documents are downloaded
 * `parallel` at a time (default: one after another), the items in the objects' order; the first failure fails all.
 */
export async function withDocuments(
	ctx: DocumentContext,
	objects: IDataObject[],
	options: { field?: string; binaryProperty: string; itemIndex?: number; parallel?: number },
): Promise<DocumentItems> {
	let missing = 0;
	const items = await mapInParallel(objects, options.parallel ?? 1, async (object): Promise<INodeExecutionData> => {
		const found = documentLink(object, options.field);
		if (!found) {
			missing++;
			return { json: object };
		}
		const binary = await download({ ctx, object, field: found.field, link: found.link, itemIndex: options.itemIndex });
		return { json: object, binary: { [options.binaryProperty]: binary } };
	});
	return { items, missing };
}

/** The binary field name an item asks for (checked before anything is downloaded). */
export function binaryField(ctx: DocumentContext, raw: unknown, displayName: string, itemIndex?: number): string {
	const field = String(raw ?? 'data').trim();
	if (!field) throw new NodeOperationError(ctx.getNode(), `"${displayName}" must not be empty`, { itemIndex });
	return field;
}

/** The action node's output with "Download Document": the objects, each with its document. */
export async function documentOutput(
	ctx: IExecuteFunctions,
	family: CatalogFamily,
	operation: CatalogOperation,
	objects: IDataObject[],
	rawField: unknown,
	itemIndex: number,
): Promise<ExecutionItems> {
	const binaryProperty = binaryField(ctx, rawField, documentFieldOption.displayName, itemIndex);
	const type = objectType(family, operation);
	const field = DOCUMENT_FIELDS[type];
	const { items, missing } = await withDocuments(ctx, objects, { field, binaryProperty, itemIndex });
	if (missing) {
		const hint = returnsIds(operation) ? ' (this operation lists IDs: turn on Return Full Objects to get the objects and their links)' : '';
		noticeOnce(ctx, `Download Document: ${missing} of ${objects.length} objects of ${operation.m} ${operation.p} link to no document, and come out without one${hint}`);
	}
	return new ExecutionItems(items);
}
