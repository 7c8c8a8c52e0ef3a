/**
 * The actions n8n's node panel lists for the OVHcloud node: the operations people automate most, chosen by hand
 * (a choice, not something the schema says), each a catalog operation of its family. In the editor each family
 * that has some gets an Operation dropdown of them, plus "Any API Operation" (the default, so workflows saved
 * before keep running), which shows the picker of all the family's operations. The panel builds one action per
 * option, grouped by family; picking one opens the node with the family and the operation chosen.
 */

export interface PanelAction {
	/** The catalog operation: `POST /domain/zone/{zoneName}/record`. It is also the option's value. */
	key: string;
	/** The name in the Operation dropdown. */
	name: string;
	/** The text in the node panel (sentence case, words people search for). */
	action: string;
}

const action = (key: string, name: string, text: string): PanelAction => ({ key, name, action: text });

/** By family (the Resource value). */
export const PANEL_ACTIONS: Record<string, PanelAction[]> = {
	'v1/domain': [
		action('GET /domain/zone', 'List DNS Zones', 'List DNS zones'),
		action('GET /domain/zone/{zoneName}/record', 'List DNS Records', 'List DNS records of a zone'),
		action('GET /domain/zone/{zoneName}/record/{id}', 'Get DNS Record', 'Get a DNS record'),
		action('POST /domain/zone/{zoneName}/record', 'Create DNS Record', 'Create a DNS record'),
		action('PUT /domain/zone/{zoneName}/record/{id}', 'Update DNS Record', 'Update a DNS record'),
		action('DELETE /domain/zone/{zoneName}/record/{id}', 'Delete DNS Record', 'Delete a DNS record'),
		action('POST /domain/zone/{zoneName}/refresh', 'Refresh DNS Zone', 'Refresh a DNS zone (publish its records)'),
		action('POST /domain/zone/{zoneName}/import', 'Import DNS Zone', 'Import a DNS zone file'),
		action('GET /domain/zone/{zoneName}/export', 'Export DNS Zone', 'Export a DNS zone file'),
		action('GET /domain', 'List Domains', 'List domain names'),
		action('GET /domain/{serviceName}', 'Get Domain', 'Get a domain name'),
		action('POST /domain/{serviceName}/nameServers/update', 'Update Name Servers', "Update a domain's name servers"),
		action('GET /domain/{serviceName}/serviceInfos', 'Get Domain Renewal', "Get a domain's expiry and renewal"),
		action('PUT /domain/{serviceName}/serviceInfos', 'Update Domain Renewal', "Update a domain's renewal"),
	],
	'v1/me': [
		action('GET /me', 'Get Account', 'Get my account details'),
		action('GET /me/bill', 'List Bills', 'List bills (invoices)'),
		action('GET /me/bill/{billId}', 'Get Bill', 'Get a bill (invoice)'),
		action('GET /me/order', 'List Orders', 'List orders'),
		action('GET /me/order/{orderId}', 'Get Order', 'Get an order'),
		action('GET /me/order/{orderId}/status', 'Get Order Status', 'Get the status of an order'),
		action('GET /me/debtAccount', 'Get Debt Balance', 'Get the debt balance (unpaid bills)'),
		action('GET /me/payment/method', 'List Payment Methods', 'List payment methods'),
		action('GET /me/refund', 'List Refunds', 'List refunds (credit notes)'),
	],
	'v1/order': [
		action('POST /order/cart', 'Create Cart', 'Create an order cart'),
		action('POST /order/cart/{cartId}/checkout', 'Check Out Cart', 'Check out a cart (place an order)'),
	],
	'v1/dedicated': [
		action('GET /dedicated/server', 'List Servers', 'List dedicated servers'),
		action('GET /dedicated/server/{serviceName}', 'Get Server', 'Get a dedicated server'),
		action('PUT /dedicated/server/{serviceName}', 'Update Server', 'Update a dedicated server (boot, monitoring)'),
		action('POST /dedicated/server/{serviceName}/reboot', 'Reboot Server', 'Reboot a dedicated server'),
		action('POST /dedicated/server/{serviceName}/reinstall', 'Reinstall Server', 'Reinstall a dedicated server'),
		action('GET /dedicated/server/{serviceName}/task', 'List Server Tasks', 'List tasks of a dedicated server'),
		action('GET /dedicated/server/{serviceName}/task/{taskId}', 'Get Server Task', 'Get a dedicated server task'),
		action('GET /dedicated/server/{serviceName}/ips', 'List Server IPs', 'List IPs of a dedicated server'),
	],
	'v1/vps': [
		action('GET /vps', 'List VPS', 'List VPS'),
		action('GET /vps/{serviceName}', 'Get VPS', 'Get a VPS'),
		action('POST /vps/{serviceName}/reboot', 'Reboot VPS', 'Reboot a VPS'),
		action('POST /vps/{serviceName}/start', 'Start VPS', 'Start a VPS'),
		action('POST /vps/{serviceName}/stop', 'Stop VPS', 'Stop a VPS'),
		action('POST /vps/{serviceName}/rebuild', 'Rebuild VPS', 'Rebuild (reinstall) a VPS'),
		action('POST /vps/{serviceName}/createSnapshot', 'Snapshot VPS', 'Create a VPS snapshot'),
	],
	'v1/cloud': [
		action('GET /cloud/project', 'List Projects', 'List Public Cloud projects'),
		action('GET /cloud/project/{serviceName}', 'Get Project', 'Get a Public Cloud project'),
		action('GET /cloud/project/{serviceName}/usage/current', 'Get Project Usage', 'Get the current usage (costs) of a project'),
		action('GET /cloud/project/{serviceName}/instance', 'List Instances', 'List Public Cloud instances'),
		action('GET /cloud/project/{serviceName}/instance/{instanceId}', 'Get Instance', 'Get a Public Cloud instance'),
		action('POST /cloud/project/{serviceName}/instance', 'Create Instance', 'Create a Public Cloud instance'),
		action('DELETE /cloud/project/{serviceName}/instance/{instanceId}', 'Delete Instance', 'Delete a Public Cloud instance'),
		action('POST /cloud/project/{serviceName}/instance/{instanceId}/reboot', 'Reboot Instance', 'Reboot a Public Cloud instance'),
		action('POST /cloud/project/{serviceName}/instance/{instanceId}/start', 'Start Instance', 'Start a Public Cloud instance'),
		action('POST /cloud/project/{serviceName}/instance/{instanceId}/stop', 'Stop Instance', 'Stop a Public Cloud instance'),
		action('POST /cloud/project/{serviceName}/instance/{instanceId}/snapshot', 'Snapshot Instance', 'Create a Public Cloud instance snapshot'),
	],
	'v1/ip': [
		action('GET /ip', 'List IPs', 'List IP blocks'),
		action('GET /ip/{ip}', 'Get IP', 'Get an IP block'),
		action('POST /ip/{ip}/move', 'Move IP', 'Move an IP block to another service'),
		action('POST /ip/{ip}/reverse', 'Set Reverse DNS', 'Set the reverse DNS of an IP'),
	],
	'v1/sms': [
		action('GET /sms', 'List SMS Accounts', 'List SMS accounts'),
		action('GET /sms/{serviceName}', 'Get SMS Account', 'Get an SMS account (credits left)'),
		action('POST /sms/{serviceName}/jobs', 'Send SMS', 'Send an SMS'),
		action('GET /sms/{serviceName}/outgoing', 'List Sent SMS', 'List sent SMS'),
		action('GET /sms/{serviceName}/senders', 'List SMS Senders', 'List SMS senders'),
	],
	'v1/emailDomain': [
		action('GET /email/domain', 'List Email Domains', 'List email domains'),
		action('GET /email/domain/{domain}/account', 'List Email Accounts', 'List email accounts of a domain'),
		action('POST /email/domain/{domain}/account', 'Create Email Account', 'Create an email account'),
		action('DELETE /email/domain/{domain}/account/{accountName}', 'Delete Email Account', 'Delete an email account'),
		action('POST /email/domain/{domain}/account/{accountName}/changePassword', 'Change Email Password', 'Change the password of an email account'),
		action('POST /email/domain/{domain}/redirection', 'Create Email Redirection', 'Create an email redirection'),
	],
	'v1/emailExchange': [
		action('GET /email/exchange/{organizationName}/service/{exchangeService}/account', 'List Exchange Accounts', 'List Exchange email accounts'),
		action('POST /email/exchange/{organizationName}/service/{exchangeService}/account', 'Create Exchange Account', 'Create an Exchange email account'),
	],
	'v1/services': [
		action('GET /services', 'List Services', 'List services'),
		action('GET /services/{serviceId}', 'Get Service', 'Get a service (expiry and renewal)'),
		action('PUT /services/{serviceId}', 'Update Service Renewal', 'Update the renewal of a service'),
		action('POST /services/{serviceId}/terminate', 'Terminate Service', 'Request the termination of a service'),
	],
	'v1/support': [
		action('GET /support/tickets', 'List Tickets', 'List support tickets'),
		action('GET /support/tickets/{ticketId}', 'Get Ticket', 'Get a support ticket'),
		action('GET /support/tickets/{ticketId}/messages', 'List Ticket Messages', 'List the messages of a support ticket'),
		action('POST /support/tickets/create', 'Create Ticket', 'Create a support ticket'),
		action('POST /support/tickets/{ticketId}/reply', 'Reply to Ticket', 'Reply to a support ticket'),
		action('POST /support/tickets/{ticketId}/close', 'Close Ticket', 'Close a support ticket'),
	],
};

/** The Operation value that means "the operation chosen in the picker" (default: workflows saved before run unchanged). */
export const ANY_OPERATION = 'any';

/** What an Operation value that names a catalog operation (`GET /me/bill`), not "any", looks like. */
export const OPERATION_KEY_PATTERN = '^(GET|POST|PUT|DELETE) /';

const OPERATION_KEY = new RegExp(OPERATION_KEY_PATTERN);

/**
 * What every catalog operation's Operation value contains and "any" does not: the space before the path.
 * The editor's display condition uses it rather than the pattern: n8n evaluates a display condition's `regex`
 * in a fresh VM context with a timeout (about 0.4 ms), and at execution it checks the picker's display
 * conditions on every read of it, which made that check most of the node's own cost per item.
 */
export const OPERATION_KEY_MARK = ' /';

/** Whether an Operation value is a catalog operation rather than "any". */
export function isOperationKey(value: unknown): value is string {
	return typeof value === 'string' && OPERATION_KEY.test(value);
}

/**
 * The catalog operation an item runs: the Operation chosen among a family's panel actions, else the one
 * picked in the Operation picker (read only then: it is hidden, and has no value, when an action is chosen).
 */
export function chosenOperationKey(operation: unknown, picked: () => unknown): string {
	if (isOperationKey(operation)) return operation;
	const value = picked();
	const key = value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	return typeof key === 'string' ? key : '';
}
