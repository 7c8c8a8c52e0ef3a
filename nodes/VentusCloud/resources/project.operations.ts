import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { wantedCount } from '../../shared/list-limit';
import { oneOf, requiredString } from '../../shared/validate';
import { REGION_VALUES, type Region } from '../endpoints';
import { ventusRequest, type VentusAccount } from '../transport';

type Operation = (ctx: IExecuteFunctions, account: VentusAccount, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const region = (ctx: IExecuteFunctions, itemIndex: number): Region =>
	oneOf(ctx, 'region', itemIndex, REGION_VALUES, 'Region');

const projectId = (ctx: IExecuteFunctions, itemIndex: number) =>
	requiredString(ctx, 'projectId', itemIndex, 'Project');

/** Lowercased region name for comparing the display form lists use ("Upper-Austria"). */
const regionKey = (value: unknown) => String(value ?? '').trim().toLowerCase();

export const projectOperations: Record<string, Operation> = {
	async list(ctx, account, itemIndex) {
		const limit = wantedCount(ctx, itemIndex);
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as { region?: string; nameContains?: string };
		const projects = (await ventusRequest(ctx, account, 'listProjects', {}, undefined, itemIndex)) as IDataObject[];
		const wantedRegion = filters.region ? regionKey(filters.region) : undefined;
		const wantedName = filters.nameContains?.trim().toLowerCase();
		return (Array.isArray(projects) ? projects : [])
			.filter((project) => !wantedRegion || regionKey(project.region) === wantedRegion)
			.filter((project) => !wantedName || String(project.name ?? '').toLowerCase().includes(wantedName))
			.slice(0, limit);
	},

	async create(ctx, account, itemIndex) {
		const params = { region: region(ctx, itemIndex), projectName: requiredString(ctx, 'projectName', itemIndex, 'Project Name') };
		return (await ventusRequest(ctx, account, 'createProject', params, undefined, itemIndex)) as IDataObject;
	},

	async get(ctx, account, itemIndex) {
		const params = { region: region(ctx, itemIndex), projectId: projectId(ctx, itemIndex) };
		return (await ventusRequest(ctx, account, 'getProject', params, undefined, itemIndex)) as IDataObject;
	},

	async rename(ctx, account, itemIndex) {
		const params = { region: region(ctx, itemIndex), projectId: projectId(ctx, itemIndex) };
		const name = requiredString(ctx, 'newName', itemIndex, 'New Name');
		return (await ventusRequest(ctx, account, 'renameProject', params, { name }, itemIndex)) as IDataObject;
	},

	async delete(ctx, account, itemIndex) {
		const params = { region: region(ctx, itemIndex), projectId: projectId(ctx, itemIndex) };
		await ventusRequest(ctx, account, 'deleteProject', params, undefined, itemIndex);
		return { id: params.projectId, region: params.region, deleted: true };
	},
};
