import {
  Chart,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  type ScriptableContext,
  Tooltip,
} from 'chart.js';
import { color } from 'chart.js/helpers';
import type { SimulationReport } from '../../server/src/common/protocol-ids';
import {
  SIMULATION_DATA_ID,
  type SimulationRendered,
  type SimulationViewMessage,
  type StatusClass,
} from '../src/simulation-messages';
import { bandsPlugin, type BandsState } from './bands-plugin';
import {
  clockText,
  contactsOf,
  type Mark,
  type MarkShape,
  type Picture,
  pictureOf,
  STATUS_CLASSES,
  STATUS_LABELS,
  settingsText,
  summaryText,
  tickText,
  timelineOf,
} from './picture';
import './view.css';

/**
 * The "Simulate Long Contact" view: reads the `SimulationReport` the extension embedded in the page, draws one
 * contact (token age over simulated time, request marks by status, long-running actions as bands, the expiry line)
 * and its timeline table, and tells the extension what it drew. Runs under a strict content security policy: no
 * inline code or styles, nothing loaded from anywhere but the extension.
 */

declare function acquireVsCodeApi(): { postMessage(message: SimulationViewMessage): void };

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline content'}`);
});

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Tooltip, Legend);

const vscode = acquireVsCodeApi();

const POINT_STYLES: Readonly<Record<MarkShape, 'triangle' | 'circle' | 'crossRot'>> = {
  token: 'triangle',
  withToken: 'circle',
  withoutToken: 'crossRot',
};

/** Theme colours (VS Code's chart colours as CSS variables), read at each drawing so a theme change is followed. */
function palette(): Record<StatusClass | 'foreground' | 'grid' | 'token' | 'expiry' | 'band', string> {
  const style = getComputedStyle(document.body);
  const css = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: css('--vscode-foreground', '#cccccc'),
    grid: css('--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    token: css('--vscode-charts-blue', '#3794ff'),
    expiry: css('--vscode-charts-red', '#f14c4c'),
    // Neutral: colour is for the statuses and the expiry.
    band: css('--vscode-foreground', '#888888'),
    ok: css('--vscode-charts-green', '#89d185'),
    unauthorized: css('--vscode-charts-red', '#f14c4c'),
    otherStatus: css('--vscode-charts-orange', '#d18616'),
    noAnswer: css('--vscode-charts-purple', '#b180d7'),
  };
}

type Point = { x: number; y: number | null } | (Mark & { y: number });

/** The legend's swatch for the bands: about as strong as the bands themselves. */
const BAND_SWATCH_ALPHA = 0.3;

const TOKEN_DATASET = 0;
const EXPIRY_DATASET = 1;
const BANDS_DATASET = 2;
const FIRST_MARK_DATASET = 3;

function datasetsOf(picture: Picture, colours: ReturnType<typeof palette>): ChartDataset<'scatter', Point[]>[] {
  const line = (label: string, data: Point[], colour: string, dash: number[]): ChartDataset<'scatter', Point[]> => ({
    // A scatter dataset that draws its line: one chart type, and null points end a token's line.
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: dash,
    pointRadius: 0,
    pointHoverRadius: 0,
    pointStyle: 'line' as const,
    showLine: true,
    spanGaps: false,
    // Chart.js draws higher orders first: the lines go under the marks.
    order: 1,
  });
  const datasets = [
    line(
      `Token age (${picture.tokenLines} token${picture.tokenLines === 1 ? '' : 's'})`,
      [...picture.tokenLine],
      colours.token,
      [],
    ),
    line(
      `Token expires (${clockText(picture.expiry)})`,
      [
        { x: 0, y: picture.expiry },
        { x: picture.xMax, y: picture.expiry },
      ],
      colours.expiry,
      [6, 4],
    ),
    {
      label: `Long-running action (${picture.bands.length})`,
      data: [],
      backgroundColor: color(colours.band).alpha(BAND_SWATCH_ALPHA).rgbString(),
      borderColor: colours.band,
      pointStyle: 'rect' as const,
    },
  ];
  for (const status of STATUS_CLASSES) {
    const marks = picture.marks[status];
    datasets.push({
      label: `${STATUS_LABELS[status]} (${marks.length})`,
      data: [...marks],
      backgroundColor: colours[status],
      borderColor: colours[status],
      // Per mark, by its kind.
      pointStyle: (context: ScriptableContext<'line'>) =>
        POINT_STYLES[(context.raw as Mark | undefined)?.shape ?? 'withToken'],
      pointRadius: status === 'ok' ? 4 : 5,
      pointHoverRadius: 7,
      borderWidth: 2,
      order: 0,
    });
  }
  return datasets;
}

let chart: Chart<'scatter', Point[]> | undefined;
const bands: BandsState = { bands: [], colour: '', legendDataset: BANDS_DATASET, drawn: 0 };

function drawChart(canvas: HTMLCanvasElement, picture: Picture): Chart<'scatter', Point[]> {
  chart?.destroy();
  const colours = palette();
  bands.bands = picture.bands;
  bands.colour = colours.band;
  const axis = (title: string, max: number, step: number) => ({
    type: 'linear' as const,
    min: 0,
    max,
    title: { display: true, text: title, color: colours.foreground },
    ticks: {
      stepSize: step,
      includeBounds: false,
      color: colours.foreground,
      callback: (v: number | string) => tickText(Number(v), step),
    },
    grid: { color: colours.grid },
  });
  return new Chart<'scatter', Point[]>(canvas, {
    type: 'scatter',
    data: { datasets: datasetsOf(picture, colours) },
    plugins: [bandsPlugin(bands)],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: true },
      scales: {
        x: axis('Simulated time (h:mm)', picture.xMax, picture.xStep),
        y: axis('Token age (h:mm)', picture.yMax, picture.yStep),
      },
      plugins: {
        legend: {
          labels: {
            color: colours.foreground,
            usePointStyle: true,
            boxHeight: 9,
            // One symbol per kind of thing drawn: a line, a band, a mark (marks vary by request kind).
            generateLabels: (drawn) =>
              Chart.defaults.plugins.legend.labels.generateLabels(drawn).map((label) => {
                const index = label.datasetIndex ?? 0;
                const pointStyle = index < BANDS_DATASET ? 'line' : index === BANDS_DATASET ? 'rect' : 'circle';
                return { ...label, pointStyle, lineWidth: index < BANDS_DATASET ? 2 : 1 };
              }),
            // In dataset order (the datasets' `order` only sets which is drawn on top).
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            // The token line and the expiry always; bands and statuses only when there are some.
            filter: (item, data) => {
              const index = item.datasetIndex ?? 0;
              if (index === BANDS_DATASET) return picture.bands.length > 0;
              return index < BANDS_DATASET || (data.datasets[index]?.data.length ?? 0) > 0;
            },
          },
        },
        tooltip: {
          filter: (item) => item.datasetIndex >= FIRST_MARK_DATASET,
          callbacks: { label: (item) => (item.raw as Mark).text },
        },
      },
    },
  });
}

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function fillTable(body: HTMLTableSectionElement, report: SimulationReport, contact: number): void {
  body.replaceChildren();
  for (const entry of timelineOf(report, contact)) {
    const row = body.insertRow();
    row.className = `tone-${entry.tone}`;
    cell(row, entry.time, 'time');
    cell(row, entry.action);
    const line = cell(row, '', 'line');
    const place = entry.place;
    if (place) {
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'line-link';
      link.textContent = String(place.line);
      link.title = `Show line ${place.line}`;
      link.addEventListener('click', () => vscode.postMessage({ type: 'reveal', ...place }));
      line.append(link);
    }
    cell(row, entry.request, 'request');
    cell(row, entry.status);
    cell(row, entry.tokenAge);
  }
}

function report(): SimulationReport {
  const data = document.getElementById(SIMULATION_DATA_ID)?.textContent ?? '';
  return JSON.parse(data) as SimulationReport;
}

function render(simulation: SimulationReport, contact: number): void {
  const picture = pictureOf(simulation, contact);
  const canvas = document.getElementById('chart') as HTMLCanvasElement;
  canvas.setAttribute(
    'aria-label',
    `Token age over a simulated contact: ${summaryText(simulation)} The table below lists every request.`,
  );
  chart = drawChart(canvas, picture);
  const body = document.querySelector<HTMLTableSectionElement>('#timeline tbody')!;
  fillTable(body, simulation, contact);
  // After the browser has laid out and painted the chart: count what is on the page.
  requestAnimationFrame(() => {
    const drawn = chart!;
    const marks = Object.fromEntries(
      STATUS_CLASSES.map((status, i) => [status, drawn.getDatasetMeta(FIRST_MARK_DATASET + i).data.length]),
    ) as Record<StatusClass, number>;
    const rendered: SimulationRendered = {
      type: 'rendered',
      contact,
      marks,
      // Each token's line ends in a gap point (a skipped element) before the next one starts.
      tokenLines: drawn.getDatasetMeta(TOKEN_DATASET).data.filter((point) => (point as PointElement).skip).length,
      bands: bands.drawn,
      expiryLine: drawn.isDatasetVisible(EXPIRY_DATASET) && drawn.getDatasetMeta(EXPIRY_DATASET).data.length === 2,
      rows: body.rows.length,
      expiredRows: body.querySelectorAll('tr.tone-expired').length,
      unauthorizedRows: body.querySelectorAll('tr.tone-expired, tr.tone-unauthorized').length,
      cspViolations: [...violations],
    };
    vscode.postMessage(rendered);
  });
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const created = Object.assign(document.createElement(tag), properties);
  created.append(...children);
  return created;
}

const COLUMNS = ['Time', 'Action', 'Line', 'Request', 'Status', 'Token age'];

/** The page: heading, summary, contact choice (several contacts only), chart, timeline table. */
function buildPage(simulation: SimulationReport): HTMLSelectElement {
  const select = element('select', { id: 'contact' });
  const contacts = contactsOf(simulation);
  for (const contact of contacts) select.add(new Option(`Contact ${contact}`, String(contact)));
  const table = element(
    'table',
    { id: 'timeline' },
    element('thead', {}, element('tr', {}, ...COLUMNS.map((title) => element('th', { textContent: title })))),
    element('tbody'),
  );
  document.body.prepend(
    element(
      'header',
      {},
      element('h1', { textContent: settingsText(simulation) }),
      element('p', { textContent: summaryText(simulation) }),
      element('label', { hidden: contacts.length < 2 }, 'Contact ', select),
    ),
    element('div', { className: 'chart-box' }, element('canvas', { id: 'chart' })),
    table,
  );
  document.getElementById('chart')!.setAttribute('role', 'img');
  return select;
}

function start(): void {
  const simulation = report();
  const select = buildPage(simulation);
  let contact = 1;
  select.addEventListener('change', () => {
    contact = Number(select.value);
    render(simulation, contact);
  });
  render(simulation, contact);
  // VS Code switches the body's theme class: draw again with the new colours.
  new MutationObserver(() => render(simulation, contact)).observe(document.body, { attributeFilter: ['class'] });
}

start();
