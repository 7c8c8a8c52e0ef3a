/**
 * Report routes: a consumption unit's daily node reports, a business unit's status reports (the node reports
 * rolled up), activity reports, and the e-mail subscriptions and settings around them (activity report and
 * job subscriptions, delivery logs, job incident and status delivery settings).
 */
import type { CloutilityEmulator } from '../cloutility';
import type { NodeReport, StatusReport } from '../cloutility-world';
import { failure, notFound } from '../cloutility-views';
import { json, type EmulatorRequest } from '../kit';
import { recordRoutes, settingRoutes } from './records';

const DAY = 86_400_000;

/** The day of a date query parameter (ms at 00:00 UTC), or undefined; NaN when it is no date. */
function day(value: string | null): number | undefined {
	if (value === null || value === '') return undefined;
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? NaN : Math.floor(parsed / DAY) * DAY;
}

const newestFirst = <T extends { reportDate: string; id: number }>(a: T, b: T) => b.reportDate.localeCompare(a.reportDate) || b.id - a.id;

export function reportRoutes(portal: CloutilityEmulator): void {
	const consumerReports = '/v1/bunits/:bunitId/consumers/:consumerId/reports';
	const nodeReport = (report: NodeReport, request: EmulatorRequest) => {
		const { status, warnings, ...rest } = report;
		return {
			href: portal.href(`/v1/bunits/${report.businessUnitId}/consumers/${report.consumerId}/reports/${report.id}`),
			...rest,
			dataSource: report.tsmName,
			status: request.query.get('status') === 'true' ? status : undefined,
			warnings: request.query.get('warnings') === 'true' ? warnings : undefined,
		};
	};
	portal.on('GET', consumerReports, (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		const [start, end] = [day(request.query.get('startDate')), day(request.query.get('endDate'))];
		if (Number.isNaN(start) || Number.isNaN(end)) return failure(400, 'invalid_request', 'startDate and endDate must be dates');
		const reports = portal.world.nodeReports
			.filter((report) => report.consumerId === consumer.id)
			.filter((report) => (start === undefined || Date.parse(report.reportDate) >= start) && (end === undefined || Date.parse(report.reportDate) <= end))
			.sort((a, b) => a.reportDate.localeCompare(b.reportDate) || a.id - b.id);
		return portal.list(request, reports.map((report) => nodeReport(report, request)));
	});
	portal.on('GET', `${consumerReports}/latest`, (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		const [latest] = portal.world.nodeReports.filter((report) => report.consumerId === consumer.id).sort(newestFirst);
		if (!latest) return notFound(`A node report of consumption unit ${consumer.id}`);
		return json(200, { ...nodeReport(latest, request), status: latest.status, warnings: latest.warnings });
	});

	/** A status report as the portal shows it, with the warnings of the node reports it rolls up (by day, looked up once per request). */
	const statusReports = (reports: StatusReport[]) => {
		const byDay = new Map<string, NodeReport[]>();
		for (const node of portal.world.nodeReports) byDay.set(node.reportDate, [...(byDay.get(node.reportDate) ?? []), node]);
		return reports.map((report) => {
			const unit = portal.world.bunits.get(report.businessUnitId);
			// The unit's own node reports of that day and those of the units below.
			const units = portal.world.subtree(report.businessUnitId);
			const nodes = (byDay.get(report.reportDate) ?? []).filter((candidate) => units.includes(candidate.businessUnitId));
			return {
				href: portal.href(`/v1/bunits/${report.businessUnitId}/reports/${report.id}`),
				...report,
				businessUnit: unit ? portal.views.unit(unit, false) : undefined,
				businessUnitName: unit?.name,
				descendants: units.length - 1,
				customers: nodes.length,
				hasContract: report.businessUnitId === 22,
				warnings: nodes.flatMap((node) => node.warnings.map((warning) => ({ ...warning, consumerId: node.consumerId, name: node.name }))),
			};
		});
	};
	const unitReports = (bunitId: number) => portal.world.statusReports.filter((report) => report.businessUnitId === bunitId).sort(newestFirst);
	portal.on('GET', '/v1/bunits/:bunitId/reports', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const type = request.query.get('type') ?? 'combined';
		if (!['combined', 'resale', 'internal'].includes(type)) return failure(400, 'invalid_request', `Report type "${type}" is not combined, resale or internal`);
		return portal.list(request, statusReports(unitReports(unit.id)));
	});
	portal.on('GET', '/v1/bunits/:bunitId/reports/latest', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const [latest] = unitReports(unit.id);
		return latest ? json(200, statusReports([latest])[0]) : notFound(`A status report of business unit ${unit.id}`);
	});

	// Activity reports: one a day over a period, counted from the node reports of the unit and those below.
	const inUnit = (bunitId: number) => {
		const units = portal.world.subtree(bunitId);
		return portal.world.nodeReports.filter((report) => units.includes(report.businessUnitId));
	};
	portal.on('GET', '/v1/bunits/:bunitId/activityreports', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const today = Math.floor(portal.now() / DAY) * DAY;
		const end = day(request.query.get('endDate')) ?? today;
		const start = day(request.query.get('startDate')) ?? end - 6 * DAY;
		if (Number.isNaN(start) || Number.isNaN(end) || start > end) return failure(400, 'invalid_request', 'startDate and endDate must be dates, the start first');
		if (end - start > 92 * DAY) return failure(400, 'invalid_request', 'The period may be at most 93 days');
		const reports = inUnit(unit.id);
		const days = [];
		for (let at = start; at <= end; at += DAY) {
			const ofDay = reports.filter((report) => Date.parse(report.reportDate) === at);
			days.push({
				reportDate: new Date(at).toISOString(),
				businessUnitId: unit.id,
				nodes: ofDay.length,
				failed: ofDay.filter((report) => report.status.name === 'Error').length,
				withWarnings: ofDay.filter((report) => report.warnings.length > 0).length,
				transferredMegaBytes: ofDay.reduce((sum, report) => sum + report.transferredMegaBytes, 0),
			});
		}
		return portal.list(request, days);
	});
	portal.on('GET', '/v1/bunits/:bunitId/activityreports/:reportDate', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		if (!/^\d{4}-\d{2}-\d{2}$/.test(request.params.reportDate)) return failure(400, 'invalid_request', `"${request.params.reportDate}" is not a date (YYYY-MM-DD)`);
		const end = Date.parse(request.params.reportDate);
		const start = day(request.query.get('startDate')) ?? end - DAY;
		if (Number.isNaN(end) || Number.isNaN(start)) return failure(400, 'invalid_request', 'startDate must be a date');
		const reports = inUnit(unit.id).filter((report) => Date.parse(report.reportDate) > start && Date.parse(report.reportDate) <= end);
		return json(200, {
			reportDate: new Date(end).toISOString(),
			startDate: new Date(start).toISOString(),
			businessUnit: portal.views.unit(unit, false),
			consumers: reports.map((report) => ({ consumerId: report.consumerId, name: report.name, status: report.status, transferredMegaBytes: report.transferredMegaBytes })),
		});
	});

	const named = (body: Record<string, unknown>) => (typeof body.name === 'string' && body.name.trim() ? undefined : 'The subscription needs a name');
	recordRoutes(portal, {
		kind: 'activityReportSubscriptions',
		path: '/v1/bunits/:bunitId/activityreportsubscriptions',
		idParam: 'subscriptionId',
		methods: ['list', 'create', 'get', 'put', 'patch'],
		check: named,
		what: 'Activity report subscription',
	});
	recordRoutes(portal, {
		kind: 'jobSubscriptions',
		path: '/v1/bunits/:bunitId/jobsubscriptions',
		idParam: 'jobSubscriptionId',
		methods: ['get', 'put'],
		check: named,
		what: 'Job subscription',
	});
	recordRoutes(portal, { kind: 'statusReportSubscriptions', path: '/v1/bunits/:bunitId/statusreportsubscriptions', idParam: 'subscriptionId', methods: ['get'], what: 'Status report subscription' });
	portal.on('GET', '/v1/bunits/:bunitId/jobsubscriptions/:jobSubscriptionId/logs', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const id = Number(request.params.jobSubscriptionId);
		if (!portal.world.recordsOf('jobSubscriptions').some((record) => record.id === id && record.businessUnitId === unit.id)) {
			return notFound(`Job subscription ${request.params.jobSubscriptionId}`);
		}
		return portal.list(request, portal.world.recordsOf('subscriptionLogs').filter((log) => log.jobSubscriptionId === id));
	});
	settingRoutes(portal, { kind: 'jobIncidentConfig', suffix: 'jobincidentconfig', methods: ['get', 'put'], what: 'job incident settings' });
	settingRoutes(portal, { kind: 'statusDeliveryConfig', suffix: 'statusconsumptionunitdeliveryconfig', methods: ['get', 'post'], what: 'status report delivery settings' });
}
