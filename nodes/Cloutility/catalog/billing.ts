import { businessUnit, count, date, flag, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'billing', ...operation });

const BUNIT = '/v1/bunits/{bunitId}';

const day = (description: string) => date('path', 'date', 'Date', { required: true, dateOnly: true, description });

export const billing: PortalResource = {
	value: 'billing',
	name: 'Billing',
	description: 'Contract, invoices and billing data of a business unit',
	operations: [
		op({
			operation: 'getManyContractExceptions',
			name: 'Get Many Contract Exceptions',
			action: 'Get many exceptions of a business unit\'s contract',
			description: 'Other subscriptions the contract applies to business units below',
			method: 'GET',
			source: ['help'],
			path: `${BUNIT}/contract/exceptions`,
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'updateContractException',
			name: 'Update Contract Exception',
			action: 'Update an exception of a business unit\'s contract',
			description: 'Sends the given fields of a contract exception (the portal has no call to read one first)',
			method: 'PUT',
			source: ['help'],
			path: `${BUNIT}/contract/exceptions/{exceptionId}`,
			fields: [
				businessUnit(),
				{ ...text('path', 'exceptionId', 'Contract Exception', { required: true, placeholder: 'e.g. 81' }), picker: 'searchContractExceptions' },
				date('body', 'billingStartDate', 'Billing Start Date'),
				date('body', 'billingEndDate', 'Billing End Date'),
				count('body', 'billingStorageTypeId', 'Billing Storage Type ID'),
				flag('body', 'useCpuMultiplier', 'Use CPU Multiplier', 'Whether nodes are billed per CPU'),
				otherFields('contract exception (e.g. its subscription)'),
			],
		}),
		op({
			operation: 'getContract',
			name: 'Get Contract',
			action: 'Get the contract of a business unit',
			description: 'Billing terms, currency, discount and subscriptions',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${BUNIT}/contract`,
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyInvoices',
			name: 'Get Many Invoices',
			action: 'Get many invoices of a business unit',
			description: 'The invoices of a business unit',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${BUNIT}/invoices`,
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getInvoice',
			name: 'Get Invoice',
			action: 'Get an invoice of a business unit',
			description: 'The invoice of a date; a future date gives a simulated invoice',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${BUNIT}/invoices/{date}`,
			fields: [businessUnit(), day('The invoice date (sent as YYYY-MM-DD)')],
		}),
		op({
			operation: 'getManyInvoiceFiles',
			name: 'Get Many Invoice Files',
			action: 'Get many invoice files of a business unit',
			description: 'The invoice files uploaded for a business unit',
			method: 'GET',
			source: ['guide'],
			path: `${BUNIT}/invoicefiles`,
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'uploadInvoiceFile',
			name: 'Upload Invoice File',
			action: 'Upload an invoice file for a business unit',
			description: 'Uploads a file (e.g. a PDF invoice from your ERP) from the input item\'s binary data',
			method: 'POST',
			source: ['guide'],
			path: `${BUNIT}/invoicefiles`,
			done: 'uploaded',
			fields: [
				businessUnit(),
				{
					...text('binary', 'binaryPropertyName', 'Input Binary Field', {
						required: true,
						description: 'The binary property of the input item that holds the file',
					}),
					default: 'data',
				},
				text('query', 'erpReference', 'ERP Reference', { description: 'The invoice\'s reference in your ERP' }),
				flag('query', 'sendToBillingAddress', 'Send to Billing Address', 'Whether the portal e-mails the file to the business unit\'s billing address'),
			],
		}),
		op({
			operation: 'getManyBillingData',
			name: 'Get Many Billing Data',
			action: 'Get many billing data of a business unit',
			description: 'Billing data per invoice date of a business unit',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${BUNIT}/billing`,
			answer: 'list',
			fields: [businessUnit(), flag('query', 'includeNext', 'Include Next', 'Whether to include the coming (not yet invoiced) period')],
		}),
		op({
			operation: 'getBillingData',
			name: 'Get Billing Data',
			action: 'Get the billing data of a date',
			description: 'The billing data of one invoice date',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${BUNIT}/billing/{date}`,
			fields: [
				businessUnit(),
				day('The invoice date (sent as YYYY-MM-DD)'),
				flag('query', 'useForecasting', 'Use Forecasting', 'Whether to forecast the rest of a period that is not over yet'),
			],
		}),
	],
};
