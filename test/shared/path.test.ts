/** nodes/shared/path: every path value is one segment on its route, or refused naming the field. */
import { encodeStrict, fillPath, pathSegment, PathValueError, strictDate } from '../../nodes/shared/path';

test('values are encoded strictly as one segment', () => {
	expect(pathSegment('127.0.0.1/29', 'ip')).toBe('127.0.0.1%2F29');
	expect(pathSegment(" a(b)!*'?#", 'x')).toBe('a%28b%29%21%2A%27%3F%23');
	expect(pathSegment(42, 'id')).toBe('42');
	expect(encodeStrict('é ~-._')).toBe('%C3%A9%20~-._');
});

test.each(['', '  ', '.', '..', '%2e', '%2E%2e', '.%2e'])('refuses %j naming the field', (value) => {
	expect(() => pathSegment(value, 'Zone Name')).toThrow(PathValueError);
	expect(() => pathSegment(value, 'Zone Name')).toThrow(/^"Zone Name" must not be/);
});

test('dots inside a value are fine', () => {
	expect(pathSegment('...', 'x')).toBe('...');
	expect(pathSegment('example.com', 'x')).toBe('example.com');
});

test('fillPath fills every placeholder with one segment, labels name the field', () => {
	expect(fillPath('/domain/zone/{zoneName}/record/{id}', { zoneName: 'a/b', id: 7 })).toBe('/domain/zone/a%2Fb/record/7');
	expect(() => fillPath('/zone/{zoneName}', { zoneName: '..' }, (name) => `${name} (path)`)).toThrow('"zoneName (path)" must not be ".."');
	expect(() => fillPath('/zone/{zoneName}', {})).toThrow('"zoneName" must not be empty');
});

test('path dates are YYYY-MM-DD real days only', () => {
	expect(strictDate('2024-02-29')).toEqual({ value: '2024-02-29' });
	expect(strictDate(new Date('2024-05-31T12:00:00Z'))).toEqual({ value: '2024-05-31' });
	expect(strictDate({ toISODate: () => '2024-01-02' })).toEqual({ value: '2024-01-02' });
	for (const bad of ['?x=1', '2023-02-29', '2024-5-31', '2024-05-31T00:00:00Z', '31.05.2024', '', '2024-05-31/..']) {
		expect(strictDate(bad)).toHaveProperty('error');
	}
});
