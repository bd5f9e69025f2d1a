/**
 * The contour plot: the surface as a pale heat map of log(f − f* + δ), isolines at evenly spaced
 * levels of that log (marching squares, with linear interpolation along cell edges), its minima
 * marked, and the trajectories drawn on top. The log spreads the levels over the whole plot
 * instead of crowding them where f is steep.
 */
import type { Surface } from "./surfaces.js";

export interface Path {
  color: string;
  /** Visited points, x0, y0, x1, y1, … */
  points: readonly number[];
  /** Draw only up to where it left the plot. */
  diverged: boolean;
}

const EXIT_MARK = 6;

const LEVELS = 14;
const stops: [number, [number, number, number]][] = [
  [0, [199, 222, 240]],
  [0.5, [246, 243, 230]],
  [1, [248, 214, 190]],
];

function colormap(t: number): [number, number, number] {
  const i = t <= 0.5 ? 0 : 1;
  const [t0, a] = stops[i]!;
  const [t1, b] = stops[i + 1]!;
  const u = Math.min(Math.max((t - t0) / (t1 - t0), 0), 1);
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * u)) as [number, number, number];
}

export class ContourPlot {
  private background: HTMLCanvasElement | undefined;
  private surface: Surface | undefined;

  constructor(readonly canvas: HTMLCanvasElement) {}

  /** Renders the surface from `values` (an n × n grid from `surfaceGrid`) into the cached background. */
  setSurface(surface: Surface, values: Float32Array, n: number): void {
    this.surface = surface;
    const g = Array.from(values, (v) => Math.log10(Math.max(v - surface.minimum, 0) + 1e-4));
    const finite = g.filter(Number.isFinite).sort((a, b) => a - b);
    const lo = finite[0] ?? 0;
    const hi = finite[Math.floor(finite.length * 0.97)] ?? 1;
    const t = (v: number) => (hi === lo ? 0 : (v - lo) / (hi - lo));

    const size = this.pixelSize();
    const background = document.createElement("canvas");
    background.width = size;
    background.height = size;
    const ctx = background.getContext("2d")!;
    const cells = document.createElement("canvas");
    cells.width = n;
    cells.height = n;
    const image = cells.getContext("2d")!.createImageData(n, n);
    g.forEach((v, i) => {
      const [r, gr, b] = colormap(t(v));
      image.data.set([r, gr, b, 255], 4 * i);
    });
    cells.getContext("2d")!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cells, 0, 0, size, size);

    ctx.strokeStyle = "rgba(70, 95, 120, 0.45)";
    ctx.lineWidth = devicePixelRatio;
    const scale = size / (n - 1);
    for (let k = 1; k < LEVELS; k++) {
      const level = lo + ((hi - lo) * k) / LEVELS;
      ctx.beginPath();
      isolines(g, n, level, (x1, y1, x2, y2) => {
        ctx.moveTo(x1 * scale, y1 * scale);
        ctx.lineTo(x2 * scale, y2 * scale);
      });
      ctx.stroke();
    }
    ctx.fillStyle = "#1d232b";
    for (const [x, y] of surface.minima) {
      const [px, py] = this.toPixels(x, y);
      star(ctx, px, py, 7 * devicePixelRatio);
    }
    this.background = background;
  }

  /**
   * Draws the background and the paths, each with a dot at its current point. A diverged path is
   * drawn up to the point where it left the plot, marked with a cross on the way out: a diverging
   * gradient descent flips sides every step, and its later, longer strokes would cross the whole
   * plot again and again.
   */
  draw(paths: readonly Path[]): void {
    const size = this.pixelSize();
    if (this.canvas.width !== size) {
      this.canvas.width = size;
      this.canvas.height = size;
    }
    const ctx = this.canvas.getContext("2d")!;
    ctx.clearRect(0, 0, size, size);
    if (this.background) ctx.drawImage(this.background, 0, 0, size, size);
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.lineJoin = "round";
    for (const path of paths) {
      const p = path.points;
      if (p.length < 2) continue;
      let end = 0;
      if (path.diverged) while (end + 2 < p.length && this.contains(p[end]!, p[end + 1]!)) end += 2;
      else end = p.length - 2;
      ctx.strokeStyle = path.color;
      ctx.fillStyle = path.color;
      ctx.beginPath();
      for (let i = 0; i <= end; i += 2) {
        const [x, y] = this.toPixels(p[i]!, p[i + 1]!, true);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      const [x, y] = this.toPixels(p[end]!, p[end + 1]!, true);
      if (this.contains(p[end]!, p[end + 1]!)) {
        ctx.beginPath();
        ctx.arc(x, y, 4 * devicePixelRatio, 0, 2 * Math.PI);
        ctx.fill();
      } else {
        this.exitCross(ctx, p[end - 2]!, p[end - 1]!, p[end]!, p[end + 1]!);
      }
    }
    if (this.surface) {
      const [sx, sy] = this.toPixels(...this.surface.start);
      ctx.strokeStyle = "#1d232b";
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.beginPath();
      ctx.arc(sx, sy, 5 * devicePixelRatio, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  /** Whether (x, y) lies inside the plotted area. */
  contains(x: number, y: number): boolean {
    const b = this.surface?.bounds;
    return !!b && x >= b.x[0] && x <= b.x[1] && y >= b.y[0] && y <= b.y[1];
  }

  /** A cross where the step from (x0, y0) inside to (x1, y1) outside crosses the plot's edge. */
  private exitCross(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
    const { x: bx, y: by } = this.surface!.bounds;
    const ts = [
      (bx[0] - x0) / (x1 - x0),
      (bx[1] - x0) / (x1 - x0),
      (by[0] - y0) / (y1 - y0),
      (by[1] - y0) / (y1 - y0),
    ].filter((t) => t >= 0 && t <= 1);
    const t = Math.min(...ts, 1);
    const [x, y] = this.toPixels(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    const r = EXIT_MARK * devicePixelRatio;
    ctx.lineWidth = 3 * devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x + r, y - r);
    ctx.lineTo(x - r, y + r);
    ctx.stroke();
    ctx.lineWidth = 2 * devicePixelRatio;
  }

  private pixelSize(): number {
    return Math.max(200, Math.round(this.canvas.clientWidth * devicePixelRatio));
  }

  /** Canvas pixels of a point; `clamp` keeps far-away points (a diverged path) at a drawable distance. */
  private toPixels(x: number, y: number, clamp = false): [number, number] {
    const { bounds } = this.surface!;
    const size = this.pixelSize();
    let px = ((x - bounds.x[0]) / (bounds.x[1] - bounds.x[0])) * size;
    let py = (1 - (y - bounds.y[0]) / (bounds.y[1] - bounds.y[0])) * size;
    if (clamp) {
      px = Math.min(Math.max(px, -10 * size), 11 * size);
      py = Math.min(Math.max(py, -10 * size), 11 * size);
    }
    return [px, py];
  }
}

/**
 * Marching squares: the segments where the bilinear surface through grid `g` (n × n, row-major)
 * crosses `level`, in grid coordinates (column, row). A saddle cell is split the same way every
 * time, which may join the wrong pair of its four crossings; at this resolution that is invisible.
 */
export function isolines(g: readonly number[], n: number, level: number, segment: (x1: number, y1: number, x2: number, y2: number) => void): void {
  const crossing = (a: number, b: number) => (level - a) / (b - a);
  for (let row = 0; row + 1 < n; row++) {
    for (let col = 0; col + 1 < n; col++) {
      const tl = g[row * n + col]!;
      const tr = g[row * n + col + 1]!;
      const br = g[(row + 1) * n + col + 1]!;
      const bl = g[(row + 1) * n + col]!;
      const points: number[] = [];
      if (tl < level !== tr < level) points.push(col + crossing(tl, tr), row);
      if (tr < level !== br < level) points.push(col + 1, row + crossing(tr, br));
      if (br < level !== bl < level) points.push(col + 1 - crossing(br, bl), row + 1);
      if (bl < level !== tl < level) points.push(col, row + 1 - crossing(bl, tl));
      for (let i = 0; i + 3 < points.length; i += 4) segment(points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!);
    }
  }
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fill();
}
