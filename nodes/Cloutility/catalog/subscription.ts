/** Billing subscriptions (price plans) and their price components. */
import { as, businessUnit, choice, count, date, decimal, flag, id, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'subscription', source: ['help'], ...operation });

const SUBSCRIPTIONS = '/v1/bunits/{bunitId}/subscriptions';
const ONE = `${SUBSCRIPTIONS}/{subscriptionId}`;

const subscriptionField = (place: 'path' | 'body' = 'path') =>
	id(place, 'subscriptionId', 'Subscription', 'searchSubscriptions', { required: true, placeholder: 'e.g. 301', description: 'A billing subscription (price plan)' });

export const billingSubscription: PortalResource = {
	value: 'subscription',
	name: 'Subscription',
	description: 'Billing subscriptions (price plans) of a business unit and their price components',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get a billing subscription',
			description: 'One billing subscription the business unit created, with its components',
			method: 'GET',
			path: ONE,
			fields: [businessUnit(), subscriptionField()],
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create a billing subscription',
			description: 'Creates a billing subscription (price plan) owned by the business unit',
			method: 'POST',
			path: SUBSCRIPTIONS,
			fields: [
				businessUnit(),
				text('body', 'name', 'Name', { required: true, description: 'The name of the price plan' }),
				text('body', 'description', 'Description'),
				otherFields('subscription (e.g. currency, components)'),
			],
		}),
		op({
			operation: 'assign',
			name: 'Assign',
			action: 'Assign a billing subscription to a business unit',
			description: 'Gives the business unit a subscription of a business unit above it',
			method: 'POST',
			path: '/v1/bunits/{bunitId}/assignedsubscriptions',
			done: 'assigned',
			fields: [businessUnit(), as(subscriptionField('body'), 'id')],
		}),
		op({
			operation: 'getManyUnassigned',
			name: 'Get Many Unassigned',
			action: 'Get many billing subscriptions that can be assigned',
			description: 'Subscriptions of the business units above that this one does not have yet',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/unassignedsubscriptions',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyComponents',
			name: 'Get Many Components',
			action: 'Get many price components of a billing subscription',
			description: 'The products, prices and quantities of a subscription',
			method: 'GET',
			path: `${ONE}/components`,
			answer: 'list',
			fields: [businessUnit(), subscriptionField()],
		}),
		op({
			operation: 'updateComponent',
			name: 'Update Component',
			action: 'Update a price component of a billing subscription',
			description: 'Sends the given settings of one price component (the portal has no call to read one first)',
			method: 'PUT',
			path: `${ONE}/components/{componentId}`,
			fields: [
				businessUnit(),
				subscriptionField(),
				id('path', 'componentId', 'Component', 'searchSubscriptionComponents', { placeholder: 'e.g. 3011' }),
				decimal('body', 'price', 'Price', 'The price per unit of the product'),
				count('body', 'quantity', 'Quantity'),
				count('body', 'includedBundles', 'Included Bundles'),
				flag('body', 'isCapacity', 'Is Capacity', 'Whether the quantity is a capacity'),
				date('body', 'startDate', 'Start Date', { description: 'From when the price applies' }),
				choice(
					'body',
					'quantityCalculationOption',
					'Quantity Calculation',
					[
						{ name: 'Ultimo (End of Period)', value: 1 },
						{ name: 'Primo (Start of Period)', value: 2 },
						{ name: 'Sum', value: 3 },
						{ name: 'Average', value: 4 },
						{ name: 'Minimum', value: 5 },
						{ name: 'Maximum', value: 6 },
					],
					'How the billed quantity is worked out over a period',
				),
				otherFields('component'),
			],
		}),
	],
};
