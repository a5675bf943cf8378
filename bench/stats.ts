/** Nearest-rank percentile of values sorted ascending; NaN for an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
	return percentile(
		[...values].sort((a, b) => a - b),
		50
	);
}

/** A number for a table cell: fixed decimals, or n/a when there is nothing to show. */
export function fmt(value: number | null | undefined, decimals = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
	return value.toFixed(decimals);
}

export interface Table {
	title: string;
	headers: string[];
	rows: string[][];
	/** Columns aligned left (text); every other column is right-aligned (numbers). */
	leftColumns?: number[];
}

function widths(table: Table): number[] {
	return table.headers.map((header, i) =>
		Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length))
	);
}

function pad(text: string, width: number, left: boolean): string {
	return left ? text.padEnd(width) : text.padStart(width);
}

export function renderPlain(table: Table): string {
	const w = widths(table);
	const left = (i: number) => (table.leftColumns ?? [0]).includes(i);
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => pad(cell, w[i]!, left(i)))
			.join('  ')
			.trimEnd();
	return [
		table.title,
		line(table.headers),
		w.map((n) => '-'.repeat(n)).join('  '),
		...table.rows.map(line)
	].join('\n');
}

export function renderMarkdown(table: Table): string {
	const w = widths(table);
	const left = (i: number) => (table.leftColumns ?? [0]).includes(i);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, i) => pad(cell, w[i]!, left(i))).join(' | ')} |`;
	const rule = `| ${w.map((n, i) => (left(i) ? '-'.repeat(n) : '-'.repeat(n - 1) + ':')).join(' | ')} |`;
	return [`### ${table.title}`, '', line(table.headers), rule, ...table.rows.map(line)].join('\n');
}
