import type { CaseloadResult, Timing } from './scenarios/caseload';
import type { ColdLoadResult } from './scenarios/coldload';
import type { MemoryResult } from './scenarios/memory';
import type { PropagationResult } from './scenarios/propagation';
import type { StormResult } from './scenarios/storm';
import { FIXED_SECTIONS } from '../src/lib/plan/sections';
import { fmt, type Table } from './stats';

export interface Results {
	propagation?: PropagationResult[];
	coldload?: ColdLoadResult[];
	storm?: StormResult[];
	memory?: MemoryResult[];
	/** One row per database engine; a run replaces only its own engine's row. */
	caseload?: CaseloadResult[];
}

const FIXED_SECTION_COUNT = FIXED_SECTIONS.length;

const scaleLabel = (r: { clients: number; documents: number }) => `${r.clients}×${r.documents}`;

export function propagationTable(rows: PropagationResult[]): Table {
	return {
		title: 'Propagation (2 edits/s per client)',
		headers: [
			'Server',
			'Clients×docs',
			'Edits',
			'p50 ms',
			'p95 ms',
			'p99 ms',
			'Lost',
			'CPU µs/edit',
			'DB CPU µs/edit',
			'Idle RSS MB',
			'RSS MB',
			'KB/doc all-in',
			'KB/conn',
			'Drops',
			'Load gen CPU %'
		],
		rows: rows.map((r) => [
			r.server,
			scaleLabel(r),
			String(r.edits),
			fmt(r.p50),
			fmt(r.p95),
			fmt(r.p99),
			String(r.lostEdits),
			fmt(r.cpuUsPerEdit, 0),
			r.dbCpuUsPerEdit === null || r.dbCpuUsPerEdit === undefined ? '–' : fmt(r.dbCpuUsPerEdit, 0),
			fmt(r.idleRssMb, 0),
			fmt(r.rssMb, 0),
			fmt(r.kbPerDocumentAllIn, 0),
			fmt(r.kbPerConnection, 0),
			String(r.drops + r.unsynced),
			fmt(r.generatorCpuPct, 0)
		])
	};
}

export function coldLoadTable(rows: ColdLoadResult[]): Table {
	const edits = rows[0]?.storedEdits ?? 0;
	return {
		title: 'Cold load (connect → synced; median of 9, never compacted: of 3)',
		headers: [
			'Server',
			'Empty document ms',
			`${edits.toLocaleString('en')} edits ms`,
			'Compacted ms'
		],
		rows: rows.map((r) => [r.server, fmt(r.emptyMs), fmt(r.rawMs), fmt(r.compactedMs)])
	};
}

export function stormTable(rows: StormResult[]): Table {
	return {
		title: 'Reconnect storm (every client reconnects at once)',
		headers: [
			'Server',
			'Clients×docs',
			'Resync p50 ms',
			'Resync p99 ms',
			'All synced ms',
			'Errors',
			'Unsynced'
		],
		rows: rows.map((r) => [
			r.server,
			scaleLabel(r),
			fmt(r.p50Ms, 0),
			fmt(r.p99Ms, 0),
			fmt(r.allSyncedMs, 0),
			String(r.errors + r.serverErrors),
			String(r.unsynced)
		])
	};
}

export function memoryTable(rows: MemoryResult[]): Table {
	return {
		title: 'Memory per open plan (live heap after a full garbage collection)',
		headers: [
			'Server',
			'Plans',
			'Documents',
			'KB/plan just edited',
			'KB/plan idle',
			'KB/conn',
			'RSS KB/plan all-in'
		],
		rows: rows.map((r) => [
			r.server,
			String(r.plans),
			String(r.documents),
			fmt(r.kbPerPlanEdited, 0),
			fmt(r.kbPerPlanIdle, 0),
			fmt(r.kbPerConnection, 1),
			fmt(r.rssKbPerPlan, 0)
		])
	};
}

const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');

/** The targets next to what this run measured. */
export function targetsTable(results: Results): Table {
	const rows: string[][] = [];
	const propagation = results.propagation ?? [];
	const scales = [...new Set(propagation.map(scaleLabel))];
	for (const scale of scales) {
		const samplan = propagation.find((r) => r.server === 'Samplan' && scaleLabel(r) === scale);
		const stock = propagation.find((r) => r.server === 'stock' && scaleLabel(r) === scale);
		if (!samplan || !stock) continue;
		const ratio = samplan.p99 / stock.p99;
		rows.push([
			`p99 ≤ 1.2 × stock p99 (${scale})`,
			`${fmt(samplan.p99)} ms (${fmt(ratio, 2)}×)`,
			`${fmt(stock.p99)} ms`,
			verdict(Number.isFinite(ratio) ? ratio <= 1.2 : null)
		]);
		// On PostgreSQL the database's own CPU counts too: it does the work PGlite does in-process.
		const cpu = samplan.cpuUsPerEdit + (samplan.dbCpuUsPerEdit ?? 0);
		rows.push([
			`CPU per edit ≤ stock (${scale})${samplan.dbCpuUsPerEdit == null ? '' : ', with PostgreSQL'}`,
			`${fmt(cpu, 0)} µs`,
			`${fmt(stock.cpuUsPerEdit, 0)} µs`,
			verdict(cpu <= stock.cpuUsPerEdit)
		]);
	}
	const memory = results.memory?.find((r) => r.server === 'Samplan');
	const stockMemory = results.memory?.find((r) => r.server === 'stock');
	if (memory) {
		const label = `per open plan (${FIXED_SECTION_COUNT} sections), connections excluded`;
		for (const [when, value, stockValue] of [
			['idle ≥ 30 s', memory.kbPerPlanIdle, stockMemory?.kbPerPlanIdle],
			['just edited', memory.kbPerPlanEdited, stockMemory?.kbPerPlanEdited]
		] as const) {
			rows.push([
				`≤ 100 KB ${label}, ${when}`,
				`${fmt(value, 0)} KB`,
				stockValue === undefined ? 'n/a' : `${fmt(stockValue, 0)} KB`,
				verdict(value <= 100)
			]);
		}
	}
	const cold = results.coldload?.find((r) => r.server === 'Samplan');
	if (cold) {
		for (const [label, value] of [
			[
				`cold load ≤ 20 ms (${cold.storedEdits} edits, compacted as the server keeps them)`,
				cold.compactedMs
			],
			[`cold load ≤ 20 ms (${cold.storedEdits} edits never compacted: worst case)`, cold.rawMs]
		] as const) {
			rows.push([label, `${fmt(value)} ms`, 'n/a', verdict(value === null ? null : value <= 20)]);
		}
	}
	return {
		title: 'Targets from the issue',
		headers: ['Target', 'Samplan', 'Stock', 'Result'],
		rows
	};
}

const timingCells = (t: Timing, withP99 = false) => [
	String(t.runs),
	fmt(t.p50),
	fmt(t.p95),
	...(withP99 ? [fmt(t.p99)] : []),
	fmt(t.max)
];

export function caseloadRunsTable(rows: CaseloadResult[]): Table {
	return {
		title: 'Caseload: runs',
		headers: ['Engine', 'Run at', 'Load average', 'Tenant', 'Rows inserted'],
		leftColumns: [0, 1, 3],
		rows: rows.map((r) => [
			r.engine,
			r.at,
			fmt(r.loadAverage),
			`${r.tenant.teams} teams, ${r.tenant.staff} staff, ${r.tenant.citizens.toLocaleString('en')} citizens`,
			r.tenant.rows.toLocaleString('en')
		])
	};
}

export function caseloadDashboardTable(rows: CaseloadResult[]): Table {
	const team = (t: { staff: number; citizens: number }) =>
		`${t.staff} staff, ${t.citizens.toLocaleString('en')} citizens`;
	return {
		title: 'Caseload: team dashboard (readTeamOverview, and the whole team page load)',
		headers: [
			'Engine',
			'Team',
			'What',
			'Calls',
			'p50 ms',
			'p95 ms',
			'p99 ms',
			'Max ms',
			'SQL/call'
		],
		leftColumns: [0, 1, 2],
		rows: rows.flatMap((r) =>
			[r.dashboard, r.dashboard.large].flatMap((d) => [
				[
					r.engine,
					team(d),
					'readTeamOverview',
					...timingCells(d.timing, true),
					String(d.statements)
				],
				[
					r.engine,
					team(d),
					'page load (4 reads)',
					...timingCells(d.page.timing, true),
					String(d.page.statements)
				]
			])
		)
	};
}

export function caseloadRebalanceTable(rows: CaseloadResult[]): Table {
	return {
		title: 'Caseload: rebalancing (150 case managers, 1,000 citizens, unbalanced)',
		headers: ['Engine', 'What', 'Runs', 'p50 ms', 'p95 ms', 'Max ms', 'Moves', 'SQL/call'],
		leftColumns: [0, 1],
		rows: rows.flatMap((r) => [
			[
				r.engine,
				'suggestRebalancing (pure)',
				...timingCells(r.rebalance.timing),
				`${r.rebalance.moves}${r.rebalance.feasible ? '' : ' (short)'}`,
				'0'
			],
			[
				r.engine,
				'suggestForTeam (end to end)',
				...timingCells(r.suggest.timing),
				String(r.suggest.moves),
				String(r.suggest.statements)
			]
		])
	};
}

export function caseloadLiveTable(rows: CaseloadResult[]): Table {
	return {
		title: 'Caseload: live update (200 viewers of one team; from just before reassignCitizen)',
		headers: ['Engine', 'Until', 'Changes', 'p50 ms', 'p95 ms', 'Max ms', 'Missed'],
		leftColumns: [0, 1],
		rows: rows.flatMap((r) => {
			const { live } = r;
			const n = live.viewers;
			const reloading = `every viewer reloads the page within ${live.reloads.spreadMs} ms after the push`;
			const row = (until: string, timing: Timing, missed: number) => [
				r.engine,
				until,
				...timingCells(timing),
				String(missed)
			];
			return [
				row(
					`the last of ${n} has \`team-overview\` with the new numbers`,
					live.push,
					live.missed.push
				),
				row(`the last of ${n} has \`changed\``, live.changed, live.missed.changed),
				row(`${reloading}: the last has \`team-overview\``, live.reloads.push, live.reloads.missed),
				row(
					`${reloading}: the last shows the new numbers (push or reload)`,
					live.reloads.shown,
					live.reloads.missed
				),
				row(`${reloading}: the last reload is done`, live.reloads.lastDone, live.reloads.missed)
			];
		})
	};
}

export function caseloadLivePartsTable(rows: CaseloadResult[]): Table {
	return {
		title: 'Caseload: live update, where the time goes (p50)',
		headers: [
			'Engine',
			'Reassign call ms',
			'Publish → push sent ms',
			'Push sent → last viewer ms',
			'SQL per page reload'
		],
		rows: rows.map((r) => [
			r.engine,
			fmt(r.live.reassignP50),
			fmt(r.live.publishToPushP50),
			fmt(r.live.pushToLastP50),
			String(r.dashboard.page.statements)
		])
	};
}

export function caseloadTargetsTable(rows: CaseloadResult[]): Table {
	return {
		title: 'Caseload targets from the issue',
		headers: ['Target', 'Engine', 'Measured', 'Result'],
		leftColumns: [0, 1],
		rows: rows.flatMap((r) => [
			[
				`dashboard: readTeamOverview p95 < 100 ms (${r.tenant.citizens.toLocaleString('en')} citizens, ${r.tenant.staff} staff)`,
				r.engine,
				`${fmt(r.dashboard.timing.p95)} ms`,
				verdict(r.dashboard.timing.p95 < 100)
			],
			[
				'dashboard: no N+1 (same SQL count for 85 and 1,000 citizens)',
				r.engine,
				`${r.dashboard.statements} and ${r.dashboard.large.statements}`,
				verdict(r.dashboard.statements === r.dashboard.large.statements)
			],
			[
				'dashboard: the whole team page load (four reads) p95 < 100 ms',
				r.engine,
				`${fmt(r.dashboard.page.timing.p95)} ms`,
				verdict(r.dashboard.page.timing.p95 < 100)
			],
			[
				'team page: no N+1 (same SQL count for 85 and 1,000 citizens)',
				r.engine,
				`${r.dashboard.page.statements} and ${r.dashboard.large.page.statements}`,
				verdict(r.dashboard.page.statements === r.dashboard.large.page.statements)
			],
			[
				'rebalancing < 1 s (1,000 citizens, 150 case managers; max)',
				r.engine,
				`${fmt(r.rebalance.timing.max)} ms`,
				verdict(r.rebalance.timing.max < 1000)
			],
			[
				`change → every open dashboard shows the new numbers < 250 ms (${r.live.viewers} viewers; p95)`,
				r.engine,
				`${fmt(r.live.push.p95)} ms`,
				verdict(r.live.missed.push === 0 && r.live.push.p95 < 250)
			],
			[
				'the same while every dashboard also reloads its page (p95)',
				r.engine,
				`${fmt(r.live.reloads.shown.p95)} ms`,
				verdict(r.live.reloads.missed === 0 && r.live.reloads.shown.p95 < 250)
			]
		])
	};
}

export function yjsTables(results: Results): Table[] {
	const tables: Table[] = [];
	if (results.propagation?.length) tables.push(propagationTable(results.propagation));
	if (results.coldload?.length) tables.push(coldLoadTable(results.coldload));
	if (results.storm?.length) tables.push(stormTable(results.storm));
	if (results.memory?.length) tables.push(memoryTable(results.memory));
	const targets = targetsTable(results);
	if (targets.rows.length > 0) tables.push(targets);
	return tables;
}

export function caseloadTables(rows: CaseloadResult[]): Table[] {
	if (rows.length === 0) return [];
	return [
		caseloadRunsTable(rows),
		caseloadDashboardTable(rows),
		caseloadRebalanceTable(rows),
		caseloadLiveTable(rows),
		caseloadLivePartsTable(rows),
		caseloadTargetsTable(rows)
	];
}

export function allTables(results: Results): Table[] {
	return [...yjsTables(results), ...caseloadTables(results.caseload ?? [])];
}
