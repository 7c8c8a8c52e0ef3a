/** The type a list or nested list is made of: `a.B[]` → `a.B`. */
export function baseType(type: string): string {
	return type.replace(/(\[\])+$/, '');
}
