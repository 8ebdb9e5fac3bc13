import type { Chart, Plugin } from 'chart.js';
import type { Band } from './picture';

/** What the bands plugin draws, and what it drew last (the view reports it). */
export interface BandsState {
  bands: readonly Band[];
  colour: string;
  /** The dataset whose legend entry stands for the bands: hiding it hides them. */
  legendDataset: number;
  drawn: number;
}

const FILL_ALPHA = 0.09;
const EDGE_ALPHA = 0.3;
const LABEL_FONT = '11px sans-serif';
const LABEL_PADDING = 4;

/**
 * Draws the long-running actions as vertical bands behind the datasets (Chart.js has boxes only in a separate
 * annotation plugin, five times this size): a translucent fill over the band's time, a stronger left edge so that
 * back-to-back actions stay apart, and the action type at the top when the band is wide enough for it. Hovering a
 * band away from any mark shows what it is as the canvas's own tooltip.
 */
export function bandsPlugin(state: BandsState): Plugin<'scatter'> {
  return {
    id: 'studioTokenLensBands',
    beforeDatasetsDraw(chart: Chart<'scatter'>) {
      state.drawn = 0;
      if (!chart.isDatasetVisible(state.legendDataset)) return;
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      if (!x) return;
      const top = chartArea.top;
      const height = chartArea.bottom - chartArea.top;
      ctx.save();
      ctx.fillStyle = state.colour;
      ctx.strokeStyle = state.colour;
      ctx.font = LABEL_FONT;
      ctx.textBaseline = 'top';
      for (const band of state.bands) {
        const left = Math.max(chartArea.left, x.getPixelForValue(band.start));
        const right = Math.min(chartArea.right, x.getPixelForValue(band.end));
        if (right - left < 0.5) continue;
        ctx.globalAlpha = FILL_ALPHA;
        ctx.fillRect(left, top, right - left, height);
        ctx.globalAlpha = EDGE_ALPHA;
        ctx.beginPath();
        ctx.moveTo(left + 0.5, top);
        ctx.lineTo(left + 0.5, top + height);
        ctx.stroke();
        if (ctx.measureText(band.label).width + 2 * LABEL_PADDING <= right - left) {
          ctx.globalAlpha = 1;
          ctx.fillText(band.label, left + LABEL_PADDING, top + LABEL_PADDING);
        }
        state.drawn++;
      }
      ctx.restore();
    },
    afterEvent(chart: Chart<'scatter'>, { event }) {
      const x = chart.scales.x;
      const { chartArea } = chart;
      if (!x || event.x === null || event.y === null) return;
      const inside =
        event.x >= chartArea.left &&
        event.x <= chartArea.right &&
        event.y >= chartArea.top &&
        event.y <= chartArea.bottom;
      const time = x.getValueForPixel(event.x);
      const band =
        inside &&
        time !== undefined &&
        chart.getActiveElements().length === 0 &&
        chart.isDatasetVisible(state.legendDataset)
          ? state.bands.find((b) => b.start <= time && time <= b.end)
          : undefined;
      const title = band?.text ?? '';
      if (chart.canvas.title !== title) chart.canvas.title = title;
    },
  };
}
