/**
 * The machine the figures were measured on: CPU, Node, n8n, and the load average (other
 * processes share the cores, which slows every wall-time figure).
 */
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
	date: string;
	cpuCount: number;
	cpuModel: string;
	totalMemoryMb: number;
	benchNode: string;
	n8nVersion?: string;
	n8nNode?: string;
	loadAverageAtStart: number[];
	loadAverageAtEnd?: number[];
}

export function machineInfo(): MachineInfo {
	return {
		date: new Date().toISOString(),
		cpuCount: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		totalMemoryMb: Math.round(totalmem() / 2 ** 20),
		benchNode: process.version,
		loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
	};
}

export const currentLoad = (): number[] => loadavg().map((v) => Math.round(v * 100) / 100);
