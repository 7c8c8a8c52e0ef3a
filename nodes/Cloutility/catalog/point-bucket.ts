/** PoINT S3 buckets of consumption units, bucket presets of a business unit. */
import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, count, flag, idList, otherFields, ref, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'pointBucket', source: ['help'], ...operation });

const BUCKET = '/v1/bunits/{bunitId}/consumers/{consumerId}/pointbucket';

const bucketFields = (required: boolean): FieldSpec[] => [
	text('body', 'name', 'Name', { required, description: 'The bucket name (S3 naming rules)' }),
	ref('preset', 'Preset ID', undefined, { description: 'A bucket preset of the business unit to start from' }),
	count('body', 'retentionDays', 'Retention Days', { description: 'How long objects are kept locked' }),
	count('body', 'objectsSizeQuotaBytes', 'Quota (Bytes)', { description: 'The most the bucket may hold (0: no quota)' }),
	flag('body', 'clientAccessEnabled', 'Client Access', 'Whether S3 clients may use the bucket'),
	flag('body', 'writeProtected', 'Write Protected', 'Whether the bucket is read-only'),
	otherFields('bucket'),
];

export const pointBucket: PortalResource = {
	value: 'pointBucket',
	name: 'PoINT Bucket',
	description: 'PoINT S3 object storage buckets of consumption units, and bucket presets',
	operations: [
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create the PoINT bucket of a consumption unit',
			description: 'Creates a PoINT S3 bucket for a consumption unit',
			method: 'POST',
			path: BUCKET,
			fields: [businessUnit(), consumptionUnit(), ...bucketFields(true)],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update the PoINT bucket of a consumption unit',
			description: 'Sends the given bucket settings (the portal has no call to read the bucket first)',
			method: 'PUT',
			path: BUCKET,
			fields: [businessUnit(), consumptionUnit(), ...bucketFields(false)],
		}),
		op({
			operation: 'release',
			name: 'Release',
			action: 'Release PoINT buckets from their consumption units',
			description: 'Takes buckets from their consumption units back into the business unit\'s unassigned buckets',
			method: 'POST',
			path: '/v1/bunits/{bunitId}/unassignedpointbuckets',
			done: 'released',
			fields: [businessUnit(), idList('bucketIds', 'Bucket IDs', 'The buckets to release, e.g. 3101,3102', true)],
		}),
		op({
			operation: 'createPreset',
			name: 'Create Preset',
			action: 'Create a PoINT bucket preset',
			description: 'Creates default (and lockable) bucket settings for the business unit',
			method: 'POST',
			path: '/v1/bunits/{bunitId}/pointbucketpresets',
			fields: [
				businessUnit(),
				text('body', 'name', 'Name', { required: true, description: 'The preset name' }),
				flag('body', 'clientAccessEnabled', 'Client Access', 'Whether S3 clients may use buckets made from it'),
				flag('body', 'writeProtected', 'Write Protected', 'Whether buckets made from it are read-only'),
				count('body', 'objectsSizeQuotaBytes', 'Quota (Bytes)', { description: 'The most a bucket may hold (0: no quota)' }),
				otherFields('preset'),
			],
		}),
	],
};
