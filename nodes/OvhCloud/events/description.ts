/**
 * The OVHcloud Trigger's editor fields: the event, each event's filters, and for the two catalog-wide events the
 * action node's own family list, operation picker (narrowed to lists or to objects) and parameters.
 */
import type { INodeProperties } from 'n8n-workflow';

import { eventSubtitle } from '../../shared/trigger';
import { authenticationProperty, endpointProperty, parametersProperty, resource } from '../description';
import { documentFieldOption } from '../documents';

export const EVENTS = {
	newBill: 'newBill',
	newOrder: 'newOrder',
	orderStatusChanged: 'orderStatusChanged',
	supportTicket: 'supportTicket',
	serviceExpiring: 'serviceExpiring',
	newNotification: 'newNotification',
	newListItem: 'newListItem',
	objectChanged: 'objectChanged',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

const when = (...events: EventName[]) => ({ show: { event: events } });

const EVENT_OPTIONS = [
	{ name: 'New Bill', value: EVENTS.newBill, description: 'A bill was issued (GET /me/bill), optionally with its PDF' },
	{ name: 'New Item in Any List', value: EVENTS.newListItem, description: 'A new element appears in the list any GET operation of the API returns' },
	{ name: 'New Notification', value: EVENTS.newNotification, description: 'OVHcloud sent a notification (API v2 /notification/history)' },
	{ name: 'New Order', value: EVENTS.newOrder, description: 'An order was placed (GET /me/order), optionally with its PDF' },
	{ name: 'Object Changed', value: EVENTS.objectChanged, description: 'What any GET operation of the API returns has changed (or chosen fields of it)' },
	{ name: 'Order Status Changed', value: EVENTS.orderStatusChanged, description: 'An order of the last days changed status (e.g. to delivered)' },
	{ name: 'Service Expiring Soon', value: EVENTS.serviceExpiring, description: 'A service comes within a number of days of its expiration date' },
	{ name: 'Support Ticket Created or Updated', value: EVENTS.supportTicket, description: 'A support ticket was opened, or got a message or a new state' },
];

/** The trigger's subtitle on the canvas: the chosen event. */
export const EVENT_SUBTITLE = eventSubtitle(EVENT_OPTIONS);

export const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'newBill',
	options: EVENT_OPTIONS,
};

/** Order statuses (billing.order.OrderStatusEnum). */
export const ORDER_STATUSES = ['cancelled', 'cancelling', 'checking', 'delivered', 'delivering', 'documentsRequested', 'notPaid', 'unknown'];

const documents: INodeProperties[] = [
	{
		displayName: 'Download PDF',
		name: 'downloadPdf',
		type: 'boolean',
		default: false,
		displayOptions: when(EVENTS.newBill, EVENTS.newOrder),
		description: 'Whether to add the PDF as binary data to each item (fetched from its link, without the API credential)',
	},
	{
		...documentFieldOption,
		displayName: 'Put PDF in Field',
		required: true,
		displayOptions: { show: { event: [EVENTS.newBill, EVENTS.newOrder], downloadPdf: [true] } },
		description: 'The name of the output binary field that holds the PDF',
	},
];

const orderFilters: INodeProperties[] = [
	{
		displayName: 'Only These Statuses',
		name: 'orderStatuses',
		type: 'multiOptions',
		default: [],
		displayOptions: when(EVENTS.orderStatusChanged),
		options: ORDER_STATUSES.map((status) => ({ name: status, value: status })),
		description: 'Emit only when an order reaches one of these statuses (none chosen: every change)',
	},
	{
		displayName: 'Watch Orders of the Last (Days)',
		name: 'orderDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3650, numberPrecision: 0 },
		default: 30,
		displayOptions: when(EVENTS.orderStatusChanged),
		description: 'Orders placed within this many days are watched; delivered and cancelled ones cost no more requests',
	},
];

const ticketFilters: INodeProperties[] = [
	{
		displayName: 'Changes',
		name: 'ticketChanges',
		type: 'multiOptions',
		default: ['created', 'updated'],
		displayOptions: when(EVENTS.supportTicket),
		options: [
			{ name: 'Created', value: 'created', description: 'A ticket was opened' },
			{ name: 'Updated', value: 'updated', description: 'A ticket got a message or changed state' },
		],
	},
	{
		displayName: 'Ticket Status',
		name: 'ticketStatus',
		type: 'options',
		default: '',
		displayOptions: when(EVENTS.supportTicket),
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Open', value: 'open' },
			{ name: 'Closed', value: 'closed' },
		],
		description: 'Watch only the tickets in this state',
	},
	{
		displayName: 'Last Message From',
		name: 'lastMessageFrom',
		type: 'options',
		default: '',
		displayOptions: when(EVENTS.supportTicket),
		options: [
			{ name: 'Anyone', value: '' },
			{ name: 'OVHcloud Support', value: 'support', description: 'Support answered' },
			{ name: 'Customer', value: 'customer', description: 'You (or someone of your account) wrote' },
		],
		description: 'Emit only tickets whose last message is from this side',
	},
];

const serviceFilters: INodeProperties[] = [
	{
		displayName: 'Within (Days)',
		name: 'withinDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3650, numberPrecision: 0 },
		default: 30,
		displayOptions: when(EVENTS.serviceExpiring),
		description: 'Emit a service once its expiration date is this many days away or less',
	},
	{
		displayName: 'Only Services Not Renewed Automatically',
		name: 'manualRenewalOnly',
		type: 'boolean',
		default: false,
		displayOptions: when(EVENTS.serviceExpiring),
		description: 'Whether to skip services whose renewal mode is automatic',
	},
	{
		displayName: 'Service Types',
		name: 'routes',
		type: 'string',
		default: '',
		placeholder: '/domain, /hosting/web',
		displayOptions: when(EVENTS.serviceExpiring),
		description: 'Only services of these API routes, comma-separated (empty: every service)',
	},
];

const notificationFilters: INodeProperties[] = [
	{
		displayName: 'Priorities',
		name: 'priorities',
		type: 'multiOptions',
		default: [],
		displayOptions: when(EVENTS.newNotification),
		options: ['HIGH', 'MEDIUM', 'LOW'].map((priority) => ({ name: priority, value: priority })),
		description: 'Only notifications of these priorities (none chosen: all)',
	},
	{
		displayName: 'Categories',
		name: 'categories',
		type: 'string',
		default: '',
		placeholder: 'billing, incident',
		displayOptions: when(EVENTS.newNotification),
		description: 'Only notifications in one of these categories, comma-separated (empty: all)',
	},
];

const listSearchMode = (method: string) => endpointProperty.modes!.map((mode) => (mode.name === 'list' ? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: method } } : mode));

const catalogFields: INodeProperties[] = [
	{ ...resource, displayOptions: when(EVENTS.newListItem, EVENTS.objectChanged) },
	{
		...endpointProperty,
		displayOptions: when(EVENTS.newListItem),
		description: 'A GET operation that returns a list. Search by path or description.',
		modes: listSearchMode('searchListOperations'),
	},
	{
		...endpointProperty,
		displayOptions: when(EVENTS.objectChanged),
		description: 'A GET operation that returns one object or value. Search by path or description.',
		modes: listSearchMode('searchObjectOperations'),
	},
	{ ...parametersProperty, displayOptions: when(EVENTS.newListItem, EVENTS.objectChanged) },
	{
		displayName: 'Include Full Objects',
		name: 'includeFullObjects',
		type: 'boolean',
		default: false,
		displayOptions: when(EVENTS.newListItem),
		description: 'Whether to read each new element\'s object (one GET per new ID) when the list holds IDs, e.g. GET /domain/zone/{zoneName}/record',
	},
	{
		displayName: 'Watch Fields',
		name: 'watchFields',
		type: 'string',
		default: '',
		placeholder: 'state, billing.expirationDate',
		displayOptions: when(EVENTS.objectChanged),
		description: 'Emit only when one of these fields changes, comma-separated, dots for nested fields (empty: any field)',
	},
];

const batchOption: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: when(EVENTS.newBill, EVENTS.newOrder),
	options: [
		{
			displayName: 'Batch Mode',
			name: 'batchMode',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the recent objects in one request with OVHcloud\'s batch mode (X-Pagination-Mode: CachedObjectList-Pages) instead of listing IDs and reading each new one: 1 request per poll instead of 1 + the number of new objects',
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	eventProperty,
	...documents,
	batchOption,
	...orderFilters,
	...ticketFilters,
	...serviceFilters,
	...notificationFilters,
	...catalogFields,
];
