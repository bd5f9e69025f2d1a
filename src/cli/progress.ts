/**
 * Progress on stderr, so stdout stays free for `--json`. On a terminal (or with `--progress`): a
 * bar per epoch (cli-progress) with steps done, loss, η and ETA. Elsewhere — a pipe, a CI log — one
 * plain line per finished epoch: `label epoch e/E: train loss …, val … , η …, N s`, so a long run is never
 * silent and a log holds no carriage-return redraws.
 */
import cliProgress from "cli-progress";
import type { Callback, TrainState } from "../train/index.js";

/** The loss of the latest step; "–" before the first step of an epoch, whose state still holds no loss. */
const lossText = (state: TrainState, stepsDone: number) => (stepsDone === 0 ? "–" : Number.isFinite(state.loss) ? state.loss.toFixed(4) : String(state.loss));

export function progressBar(options: { label?: string; epochs: number; force?: boolean; write?: (line: string) => void }): Callback {
  const bars = options.force ?? process.stderr.isTTY;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const epochLabel = (state: TrainState) => `${options.label ? `${options.label} ` : ""}epoch ${state.epoch + 1}/${options.epochs}`;
  let bar: cliProgress.SingleBar | undefined;
  let stepsDone = 0;
  let epochStarted = 0;
  const payload = (state: TrainState) => ({ epochLabel: epochLabel(state), loss: lossText(state, stepsDone), lr: state.lr.toExponential(2) });
  return {
    beforeEpoch(state) {
      stepsDone = 0;
      epochStarted = performance.now();
      if (!bars) return;
      bar = new cliProgress.SingleBar(
        {
          format: "{epochLabel} |{bar}| {value}/{total} loss {loss} lr {lr} ETA {eta_formatted}",
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 50,
          fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(state.stepsPerEpoch, 0, payload(state));
    },
    afterBatch(state) {
      stepsDone += 1;
      bar?.increment(1, payload(state));
    },
    afterEpoch(state) {
      if (bar) {
        bar.stop();
        bar = undefined;
        return;
      }
      const seconds = (performance.now() - epochStarted) / 1000;
      const val = Object.entries(state.val).map(([name, value]) => `, val ${name} ${value.toFixed(4)}`).join("");
      write(`${epochLabel(state)}: train loss ${state.trainLoss.toFixed(4)}${val}, η ${state.lr.toExponential(2)}, ${seconds.toFixed(1)} s\n`);
    },
    afterFit() {
      bar?.stop();
    },
  };
}
