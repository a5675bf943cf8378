import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
	type ChartConfiguration
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Legend,
	Tooltip
);

/**
 * The one way Samplan draws a chart: `<canvas {@attach chart(config)}>`. The chart is created
 * when the canvas mounts, rebuilt when the config changes, and destroyed on teardown. Every chart
 * must sit next to a table with the same numbers (charts are not accessible on their own).
 */
export function chart(config: ChartConfiguration): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		const instance = new Chart(canvas, {
			...config,
			options: { animation: false, maintainAspectRatio: false, ...config.options }
		});
		return () => instance.destroy();
	};
}
